"""Immigration court cases (EOIR)."""

from tessera.feeds.layout import (
    BirthDate,
    Code,
    Country,
    Date,
    DateFormat,
    FeedLayout,
    Field,
    FileFormat,
    FullName,
    Identifier,
    IdentifierType,
    NameLayout,
    Nested,
    Text,
)

COURT_EVENT_TYPES = (
    "NTA_FILED",
    "HEARING_SCHEDULED",
    "HEARING_HELD",
    "FAILED_TO_APPEAR",
    "RELIEF_APPLIED",
    "ORDER",
    "APPEAL_FILED",
    "APPEAL_DECIDED",
)

COURT = FeedLayout(
    name="court",
    system="Executive Office for Immigration Review case data (EOIR)",
    format=FileFormat.JSONL,
    record_id="case_id",
    legal_basis="INA 240; 8 CFR 1003.38-39 (finality and the 30-day appeal window)",
    fields=(
        Field("a_number", Identifier(IdentifierType.A_NUMBER)),
        Field("name", FullName(NameLayout.FAMILY_COMMA_GIVEN), required=True),
        Field("dob", BirthDate(DateFormat.ISO)),
        Field("nationality", Country()),
    ),
    nested=(
        Nested(
            "events",
            fields=(
                Field("date", Date(DateFormat.ISO), required=True),
                Field("type", Code(COURT_EVENT_TYPES), required=True),
                Field("detail", Text(upper=True), doc="order kind, appeal outcome or a date"),
                Field("depart_by", Date(DateFormat.ISO)),
            ),
        ),
    ),
)
