"""Lost, stolen and revoked travel documents."""

from tessera.feeds.layout import (
    Code,
    Country,
    Date,
    DateFormat,
    FeedLayout,
    Field,
    FileFormat,
    Identifier,
    IdentifierType,
)

LOST_STOLEN = FeedLayout(
    name="lost_stolen",
    system="Lost and stolen travel documents (INTERPOL SLTD / CLASS)",
    format=FileFormat.CSV,
    record_id="report_id",
    describes_person=False,
    legal_basis="INA 212(a)(6)(C) (fraud or misrepresentation)",
    fields=(
        Field("issuing_country", Country(), required=True),
        Field("document_number", Identifier(IdentifierType.PASSPORT), required=True),
        Field("document_type", Code(("PASSPORT", "VISA", "ID_CARD"))),
        Field("status", Code(("LOST", "STOLEN", "REVOKED", "STOLEN_BLANK")), required=True),
        Field("reported_date", Date(DateFormat.ISO), required=True),
    ),
)
