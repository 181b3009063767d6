"""Arrival and departure events (I-94 / entry-exit, ADIS)."""

from tessera.feeds.layout import (
    BirthDate,
    Code,
    Country,
    Date,
    DateFormat,
    FeedLayout,
    Field,
    FileFormat,
    Identifier,
    IdentifierType,
    NamePart,
    Text,
)

ARRIVALS = FeedLayout(
    name="arrivals",
    system="Arrival and Departure Information System (I-94 / entry-exit)",
    format=FileFormat.CSV,
    record_id="event_id",
    legal_basis="8 CFR 235.1 (inspection), 8 CFR 1.4 (I-94 record)",
    doc="Names as read from the passport's machine readable zone: upper case, Latin only.",
    fields=(
        Field("event_type", Code(("ARRIVAL", "DEPARTURE")), required=True),
        Field("event_date", Date(DateFormat.COMPACT), required=True),
        Field("port", Text(upper=True)),
        Field("mode", Code(("AIR", "SEA", "LAND"))),
        Field("family_name", NamePart(), required=True),
        Field("given_names", NamePart()),
        Field("dob", BirthDate(DateFormat.MRZ, century_from="event_date")),
        Field("sex", Code(("M", "F", "X"))),
        Field("nationality", Country()),
        Field("passport_country", Country()),
        Field("passport_number", Identifier(IdentifierType.PASSPORT)),
        Field("fin", Identifier(IdentifierType.FIN)),
        Field("class_of_admission", Text(upper=True), doc="B1, B2, WT, F1, H1B, LPR, USC..."),
        Field("admit_until", Date(DateFormat.COMPACT, duration_of_status=True)),
        Field("i94_number", Text()),
    ),
)
