"""Immigration benefit filings and decisions (USCIS case systems)."""

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
)

FORMS = ("I-129", "I-539", "I-485", "I-589", "I-765", "I-914", "I-918", "N-400", "I-130")
DECISIONS = ("PENDING", "APPROVED", "DENIED", "WITHDRAWN")

BENEFITS = FeedLayout(
    name="benefits",
    system="USCIS benefit case systems (CLAIMS 3 / CLAIMS 4)",
    format=FileFormat.CSV,
    record_id="receipt_number",
    legal_basis="INA 214, 245, 208, 274A, 101(a)(15)(T), 101(a)(15)(U), 335",
    doc="Country of birth is an English country name with varied spelling.",
    fields=(
        Field("a_number", Identifier(IdentifierType.A_NUMBER)),
        Field("family_name", NamePart(), required=True),
        Field("given_name", NamePart()),
        Field("dob", BirthDate(DateFormat.US)),
        Field("country_of_birth", Country()),
        Field("form", Code(FORMS), required=True),
        Field("filed_date", Date(DateFormat.US), required=True),
        Field("decision", Code(DECISIONS), required=True),
        Field("decision_date", Date(DateFormat.US)),
        Field("valid_from", Date(DateFormat.US)),
        Field("valid_to", Date(DateFormat.US)),
    ),
)
