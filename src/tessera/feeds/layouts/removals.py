"""Removals and verified departures carried out (ENFORCE / EARM)."""

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
)

REMOVALS = FeedLayout(
    name="removals",
    system="Enforcement Integrated Database removal module (EID / EARM)",
    format=FileFormat.CSV,
    record_id="removal_id",
    legal_basis="INA 241 (removal), 240B (voluntary departure)",
    fields=(
        Field("a_number", Identifier(IdentifierType.A_NUMBER)),
        Field("fin", Identifier(IdentifierType.FIN)),
        Field("name", FullName(NameLayout.FAMILY_FIRST), required=True),
        Field("dob", BirthDate(DateFormat.EUROPEAN)),
        Field("nationality", Country()),
        Field("removal_date", Date(DateFormat.ISO), required=True),
        Field("type", Code(("REMOVAL", "VOLUNTARY_DEPARTURE", "RETURN")), required=True),
    ),
)
