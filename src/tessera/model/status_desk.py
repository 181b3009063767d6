"""The code tables of the status-query desk (Nlets IAQ/IAR) and of enforcement requests.

A police agency's Immigration Alien Query (IAQ) names a person; the Immigration Alien
Response (IAR) says what the records show about them. The desk never says "removable":
removability is an officer's determination, and a database match is not one (ICE
Directive 16001.2; the detainer form I-247A's probable-cause grounds below).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class QueryPurpose(StrEnum):
    """The IAQ purpose code (Nlets): only agencies authorised for criminal-record queries
    may ask, for one of these."""

    C = "C"
    """Criminal investigation or arrest."""
    F = "F"
    """Firearm purchase or permit check (the Brady Act's NICS referrals)."""


class QueryState(StrEnum):
    """Where a status query stands."""

    answered = "answered"
    """Answered at once from the records: one certain match whose status the records show."""
    awaiting_operator = "awaiting_operator"
    """The records cannot answer it alone; it waits in the operators' queue."""
    completed = "completed"
    """An operator researched it and completed the response."""


class Determination(StrEnum):
    """What a response may say about a person's status: what the records *show*, never a
    conclusion that the person is removable."""

    us_citizen = "us_citizen"
    lawful_permanent_resident = "lawful_permanent_resident"
    protected_status = "protected_status"
    """Asylum, refugee, T or U, or relief granted by a court."""
    lawful_status_shown = "lawful_status_shown"
    """A period of authorised stay (an admission, a student's status) covers the day."""
    no_lawful_status_shown = "no_lawful_status_shown"
    """The records show a noncitizen and no period of status covering the day. Not a
    finding of removability: an officer must review before anyone acts."""
    not_determined = "not_determined"
    """The records cannot show a status (or the match is not certain)."""
    no_record = "no_record"
    """No person in the records matches. Absence of records is not evidence of anything."""


NO_ENFORCEMENT_ON_RECORDS: Final = (
    "This response states what DHS records show. It is not a determination that the "
    "person is removable: no enforcement action may rest on it alone (ICE Directive "
    "16001.2; a detainer needs probable cause, 8 CFR 287.7 and Form I-247A)."
)

CITIZENSHIP_STOP: Final = (
    "A claim of U.S. citizenship or a U.S. place of birth: no enforcement recommendation. "
    "The claim must be investigated at once (ICE Directive 16001.2, Investigating the "
    "Potential U.S. Citizenship of Individuals Encountered by ICE)."
)


class EnforcementKind(StrEnum):
    detainer = "detainer"
    """Form I-247A: ask a jail to hold a person up to 48 hours past release."""


class ProbableCause(StrEnum):
    """The grounds Form I-247A allows for a detainer (April 2017 and later)."""

    final_order = "final_order"
    pending_proceedings = "pending_proceedings"
    biometric_match = "biometric_match"
    """A biometric confirmation of identity plus records showing no lawful status."""
    statements = "statements"
    """The person's own statements or other reliable evidence."""


@dataclass(frozen=True)
class CauseText:
    wording: str
    basis: str


PROBABLE_CAUSE: Final[Mapping[ProbableCause, CauseText]] = {
    ProbableCause.final_order: CauseText(
        "a final order of removal against the person", "8 CFR 287.7; Form I-247A box 1"
    ),
    ProbableCause.pending_proceedings: CauseText(
        "pending removal proceedings against the person", "8 CFR 287.7; Form I-247A box 2"
    ),
    ProbableCause.biometric_match: CauseText(
        "a biometric match with records showing no lawful status or removability",
        "8 CFR 287.7; Form I-247A box 3",
    ),
    ProbableCause.statements: CauseText(
        "the person's statements or other reliable evidence of removability",
        "8 CFR 287.7; Form I-247A box 4",
    ),
}


class RequestState(StrEnum):
    """Where an enforcement request stands."""

    pending_approval = "pending_approval"
    approved = "approved"
    """Issued: approved by a supervisor, or requested by an officer who needs no approval."""
    refused = "refused"
