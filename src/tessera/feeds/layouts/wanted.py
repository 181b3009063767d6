"""Warrants and wanted-person records (NCIC)."""

from tessera.feeds.layout import (
    BirthDate,
    Code,
    Date,
    DateFormat,
    FeedLayout,
    Field,
    FileFormat,
    FullName,
    Identifier,
    IdentifierType,
    NameLayout,
    Offence,
    Text,
)

WANTED = FeedLayout(
    name="wanted",
    system="National Crime Information Center wanted-person file (NCIC)",
    format=FileFormat.CSV,
    record_id="nic_number",
    legal_basis="28 U.S.C. 534; NCIC Immigration Violator File",
    fields=(
        Field(
            "record_type",
            Code(("WANTED", "IMMIGRATION_VIOLATOR", "PROTECTION_ORDER")),
            required=True,
        ),
        Field("name", FullName(NameLayout.FAMILY_COMMA_GIVEN), required=True),
        Field("dob", BirthDate(DateFormat.COMPACT)),
        Field("sex", Code(("M", "F", "X"))),
        Field("fbi_number", Identifier(IdentifierType.FBI)),
        Field("ori", Text(upper=True), doc="originating agency"),
        Field("offense", Offence()),
        Field("entry_date", Date(DateFormat.COMPACT)),
        Field("status", Code(("ACTIVE", "CLEARED", "CANCELLED")), required=True),
    ),
)
