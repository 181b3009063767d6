"""Arrests and dispositions (Interstate Identification Index, III)."""

from tessera.feeds.layout import (
    BirthDate,
    Code,
    Date,
    DateFormat,
    FeedLayout,
    Field,
    FileFormat,
    FullName,
    Integer,
    NameLayout,
    Nested,
    Offence,
    Text,
)

DISPOSITIONS = ("CONVICTED", "DISMISSED", "PENDING", "ACQUITTED")

CRIMINAL_HISTORY = FeedLayout(
    name="criminal_history",
    system="Interstate Identification Index (III)",
    format=FileFormat.JSONL,
    record_id="fbi_number",
    legal_basis="28 CFR Part 20; INA 237(a)(2) (criminal grounds of removability)",
    fields=(),
    nested=(
        Nested(
            "names",
            item=Field("name", FullName(NameLayout.FAMILY_COMMA_GIVEN), required=True),
            required=True,
        ),
        Nested("dobs", item=Field("dob", BirthDate(DateFormat.COMPACT), required=True)),
        Nested(
            "cycles",
            fields=(
                Field("arrest_date", Date(DateFormat.COMPACT), required=True),
                Field("agency", Text(upper=True)),
                Field("offense", Offence(), required=True),
                Field("disposition", Code(DISPOSITIONS), required=True),
                Field("disposition_date", Date(DateFormat.COMPACT)),
                Field("sentence_days", Integer()),
            ),
        ),
    ),
)
