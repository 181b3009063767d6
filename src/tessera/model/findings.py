"""Finding codes beyond SPEC's judged list, severities, and the codes protections spare.

``codes.FINDING_CODES`` lists the judged codes; this module adds what the rule engine
needs around them.
"""

from __future__ import annotations

from enum import StrEnum

from tessera.model.codes import FINDING_CODES


class Severity(StrEnum):
    """How urgently a finding asks for a person's attention."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    VICTIM = "victim"
    """The person named is harmed, not suspected (the owner of a shared identifier)."""
    INFO = "info"
    """Not an enforcement finding: an honest statement of what the records cannot show."""


STATUS_UNVERIFIED = "STATUS_UNVERIFIED"
"""A rule's conditions are met except that the records show neither citizenship nor
noncitizenship: the status cannot be shown (ICE Directive 16001.2; SPEC)."""

SHARED_IDENTIFIER = "SHARED_IDENTIFIER"

PROTECTION_EXEMPT = frozenset({SHARED_IDENTIFIER})
"""The only code that may name a citizen or protected person: a victim of identity theft
must be told apart from its thief (SPEC)."""

INFORMATIONAL = frozenset({STATUS_UNVERIFIED})
"""Codes that are no enforcement finding. They are kept for analysts but are not put
before a person as a lead, so the evaluation export leaves them out."""

ALL_CODES = (*FINDING_CODES, STATUS_UNVERIFIED)

IDENTITY_VERIFICATION_BELOW = 0.8
"""A finding whose confidence is below this rests on a weak identity link: it is marked
for identity verification before anyone acts on it."""
