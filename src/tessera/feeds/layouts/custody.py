"""Jail and prison bookings (local, state, federal)."""

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
    OffenceList,
    Place,
    Text,
)

CUSTODY = FeedLayout(
    name="custody",
    system="Jail and prison booking systems (via the Law Enforcement Support Center)",
    format=FileFormat.CSV,
    record_id="booking_id",
    legal_basis="INA 287(d); 8 CFR 287.7 (detainers)",
    fields=(
        Field("facility", Text(upper=True)),
        Field("facility_type", Code(("COUNTY_JAIL", "STATE_PRISON", "FEDERAL_PRISON"))),
        Field("name", FullName(NameLayout.FAMILY_COMMA_GIVEN), required=True),
        Field("dob", BirthDate(DateFormat.US)),
        Field("sex", Code(("M", "F", "X"))),
        Field("place_of_birth", Place(), doc="never evidence of citizenship either way"),
        Field("fbi_number", Identifier(IdentifierType.FBI)),
        Field("fin", Identifier(IdentifierType.FIN)),
        Field("booking_date", Date(DateFormat.US), required=True),
        Field("charges", OffenceList(";")),
        Field("status", Code(("HELD", "SENTENCED", "RELEASED")), required=True),
        Field("projected_release", Date(DateFormat.US)),
        Field("release_date", Date(DateFormat.US)),
    ),
)
