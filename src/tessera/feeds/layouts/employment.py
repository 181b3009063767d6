"""Employment eligibility records (Form I-9)."""

from tessera.feeds.layout import (
    BirthDate,
    Code,
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

ATTESTATIONS = ("USC", "NONCITIZEN_NATIONAL", "LPR", "AUTHORIZED_ALIEN")

EMPLOYMENT = FeedLayout(
    name="employment",
    system="Employment eligibility verification (Form I-9 / E-Verify)",
    format=FileFormat.CSV,
    record_id="i9_id",
    legal_basis="INA 274A; 8 CFR 274a.2",
    fields=(
        Field("employer_id", Text(upper=True), required=True),
        Field("employer_name", Text()),
        Field("worksite_state", Text(upper=True)),
        Field("employee_family_name", NamePart(), required=True),
        Field("employee_given_name", NamePart()),
        Field("dob", BirthDate(DateFormat.ISO)),
        Field("ssn", Identifier(IdentifierType.SSN)),
        Field("a_number", Identifier(IdentifierType.A_NUMBER)),
        Field("citizenship_attestation", Code(ATTESTATIONS), required=True),
        Field("document_type", Text(upper=True)),
        Field("document_number", Identifier(IdentifierType.PASSPORT)),
        Field("document_expiry", Date(DateFormat.ISO)),
        Field("hire_date", Date(DateFormat.ISO), required=True),
    ),
)
