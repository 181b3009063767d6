"""Money transfers (records obtained by lawful process)."""

from tessera.feeds.layout import (
    Amount,
    Country,
    FeedLayout,
    Field,
    FileFormat,
    FullName,
    NameLayout,
    Phone,
    Text,
    Timestamp,
)

TRANSFERS = FeedLayout(
    name="transfers",
    system="Money transmitter records (subpoena / 31 U.S.C. 5318)",
    format=FileFormat.CSV,
    record_id="transfer_id",
    describes_person=False,
    legal_basis="Records obtained by lawful process; 31 CFR 1010.410",
    fields=(
        Field("sent_at", Timestamp(), required=True),
        Field("sender_name", FullName(NameLayout.FREE)),
        Field("sender_phone", Phone()),
        Field("sender_city", Text(upper=True)),
        Field("sender_state", Text(upper=True)),
        Field("receiver_name", FullName(NameLayout.FREE)),
        Field("receiver_phone", Phone()),
        Field("receiver_city", Text(upper=True)),
        Field("receiver_state", Text(upper=True)),
        Field("receiver_country", Country()),
        Field("amount_usd", Amount(), required=True),
        Field("agent_id", Text(upper=True)),
    ),
)
