"""Student and exchange visitor records (SEVIS)."""

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
    Nested,
    Text,
)

STUDENT_STATUSES = ("INITIAL", "ACTIVE", "COMPLETED", "TERMINATED", "DEACTIVATED", "CANCELED")

STUDENTS = FeedLayout(
    name="students",
    system="Student and Exchange Visitor Information System (SEVIS)",
    format=FileFormat.JSONL,
    record_id="sevis_id",
    legal_basis="8 CFR 214.2(f), 214.2(m), 214.2(j); 8 CFR 214.3(g)",
    fields=(
        Field("surname", NamePart(), required=True),
        Field("given_name", NamePart()),
        Field("dob", BirthDate(DateFormat.ISO)),
        Field("country_of_birth", Country()),
        Field("country_of_citizenship", Country()),
        Field("visa_class", Code(("F1", "M1", "J1")), required=True),
        Field("school_code", Text(upper=True)),
        Field("program_start", Date(DateFormat.ISO), required=True),
        Field("program_end", Date(DateFormat.ISO)),
        Field("passport_number", Identifier(IdentifierType.PASSPORT)),
    ),
    nested=(
        Nested(
            "events",
            fields=(
                Field("date", Date(DateFormat.ISO), required=True),
                Field("status", Code(STUDENT_STATUSES), required=True),
                Field("reason", Text(upper=True)),
            ),
        ),
    ),
)
