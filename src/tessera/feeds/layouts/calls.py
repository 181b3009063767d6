"""Call records from seized or subpoenaed phones."""

from tessera.feeds.layout import FeedLayout, Field, FileFormat, Integer, Phone, Timestamp

CALLS = FeedLayout(
    name="calls",
    system="Call detail records (seizure or subpoena)",
    format=FileFormat.CSV,
    record_id="call_id",
    describes_person=False,
    legal_basis="18 U.S.C. 2703 (stored communications records)",
    fields=(
        Field("started_at", Timestamp(), required=True),
        Field("caller", Phone(), required=True),
        Field("callee", Phone(), required=True),
        Field("duration_s", Integer()),
    ),
)
