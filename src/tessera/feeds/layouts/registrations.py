"""Special registration (NSEERS, 2002-2011): identity evidence only.

The program was deactivated on 2011-04-28 (76 FR 23830); obligations that fell due
after that date lapsed with it, and nothing here is grounds for action today.
"""

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
    NameLayout,
)

REGISTRATIONS = FeedLayout(
    name="registrations",
    system="National Security Entry-Exit Registration System (NSEERS)",
    format=FileFormat.CSV,
    record_id="registration_id",
    legal_basis="8 CFR 264.1(f) (2002); deactivated 76 FR 23830 (2011-04-28)",
    fields=(
        Field("name", FullName(NameLayout.FAMILY_COMMA_GIVEN), required=True),
        Field("dob", BirthDate(DateFormat.ISO)),
        Field("nationality", Country()),
        Field("event", Code(("POE_REGISTRATION", "INTERVIEW", "EXIT")), required=True),
        Field("event_date", Date(DateFormat.ISO), required=True),
        Field("followup_due", Date(DateFormat.ISO)),
    ),
)
