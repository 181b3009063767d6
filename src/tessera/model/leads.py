"""Leads as data: which unit works each finding, and the states a lead goes through.

A finding is what the records show; a lead is the work it asks of someone. Each finding
code -- and, for a shared identifier, the role the person plays in it -- goes to one
unit, for a stated reason. The table is read by supervisors deciding who works what as
much as by the code that routes leads; changing it is an edit here, with its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from tessera.model.findings import SHARED_IDENTIFIER, STATUS_UNVERIFIED


class Unit(StrEnum):
    """The queues leads wait in, one per kind of work."""

    compliance = "compliance"
    """Compliance Enforcement Unit: status violators from the registration systems."""
    removal = "removal"
    """Fugitive operations: people with final orders or removed and back, to locate."""
    custody = "custody"
    """Criminal Alien Program: removable people already held in a jail or prison."""
    worksite = "worksite"
    """Worksite enforcement: unauthorised employment."""
    fraud = "fraud"
    """Document and benefit fraud: identity documents used by someone not their owner."""
    victims = "victims"
    """Victim assistance: people whose identity was used by someone else. Outreach only."""


class FindingRole(StrEnum):
    """The part a person plays in a finding (the rules' ``role`` column)."""

    SUBJECT = "SUBJECT"
    """The finding is about this person's own conduct or status."""
    USER = "USER"
    """A user of a shared identifier who is not shown to be its owner."""
    OWNER = "OWNER"
    """The owner of a shared identifier: its victim, never a suspect."""


@dataclass(frozen=True)
class Routing:
    """Where a finding's lead goes and why; ``verify_status`` marks a lead whose first
    task is to establish the person's status, not to act on it."""

    unit: Unit
    why: str
    verify_status: bool = False
    enforcement: bool = True


ANY_ROLE = "*"

ROUTES: Final[Mapping[tuple[str, str], Routing]] = {
    ("OVERSTAY", ANY_ROLE): Routing(
        Unit.compliance,
        "The Compliance Enforcement Unit turns entry-exit (US-VISIT) records into leads on "
        "visitors who stayed past their admission.",
    ),
    ("STUDENT_STATUS_VIOLATION", ANY_ROLE): Routing(
        Unit.compliance,
        "SEVIS violations are the Compliance Enforcement Unit's own workload.",
    ),
    ("STUDENT_OVERSTAY", ANY_ROLE): Routing(
        Unit.compliance,
        "A student past the grace period is a SEVIS status violator: compliance work.",
    ),
    (STATUS_UNVERIFIED, ANY_ROLE): Routing(
        Unit.compliance,
        "The records show neither citizenship nor noncitizenship. Compliance analysts "
        "verify status before anyone acts; absence of records is not evidence.",
        verify_status=True,
        enforcement=False,
    ),
    ("FUGITIVE", ANY_ROLE): Routing(
        Unit.removal,
        "A final order not carried out: fugitive operations locate the person.",
    ),
    ("REENTRY_AFTER_REMOVAL", ANY_ROLE): Routing(
        Unit.removal,
        "Back after an executed removal (INA 276): fugitive operations locate the person "
        "and the order is reinstated.",
    ),
    ("HUMAN_RIGHTS_VIOLATOR_PRESENT", ANY_ROLE): Routing(
        Unit.removal,
        "No Safe Haven: the finding is that a listed person is here, so the first work is "
        "to locate them, as for a fugitive. Confirmed leads are referred to the Human "
        "Rights Violators and War Crimes Center, which decides on prosecution or removal.",
    ),
    ("REMOVABLE_IN_CUSTODY", ANY_ROLE): Routing(
        Unit.custody,
        "Held in a jail or prison now: the Criminal Alien Program acts before release.",
    ),
    ("SEX_OFFENDER_REMOVABLE", ANY_ROLE): Routing(
        Unit.custody,
        "A registered sex offender is known to local law enforcement; the Criminal Alien "
        "Program works through the same jails and registries.",
    ),
    ("UNAUTHORIZED_EMPLOYMENT", ANY_ROLE): Routing(
        Unit.worksite,
        "Hired without work authorisation: worksite enforcement looks at the employer "
        "as much as the employee.",
    ),
    ("LOST_STOLEN_DOCUMENT_USED", ANY_ROLE): Routing(
        Unit.fraud,
        "A document reported lost or stolen was used: document fraud.",
    ),
    (SHARED_IDENTIFIER, FindingRole.USER): Routing(
        Unit.fraud,
        "Someone else's SSN or passport used: identity fraud, worked by investigators.",
    ),
    (SHARED_IDENTIFIER, FindingRole.OWNER): Routing(
        Unit.victims,
        "The identifier's owner is the victim of its misuse: outreach and protection, "
        "never enforcement.",
        enforcement=False,
    ),
}
"""Finding code and role -> the unit that works it, and why (``ANY_ROLE``: every role)."""


def route(code: str, role: str) -> Routing | None:
    """The routing of a finding, or ``None`` for a code no unit works."""
    return ROUTES.get((code, role)) or ROUTES.get((code, ANY_ROLE))


class LeadState(StrEnum):
    open = "open"
    """Waiting in its unit's queue for someone to take it."""
    assigned = "assigned"
    """Someone works it."""
    closed = "closed"
    """Disposed of: locked for good (a returning finding opens a new lead)."""


class Disposition(StrEnum):
    """How a lead ended. Each needs a reason; a referral also names to whom."""

    confirmed_referred = "confirmed_referred"
    """The finding was confirmed and the lead referred (to a named office or agency)."""
    closed_error = "closed_error"
    """The finding was wrong: records misread, wrong person linked."""
    closed_no_action = "closed_no_action"
    """The finding holds but nothing is to be done (discretion, priorities, departed)."""
    closed_auto = "closed_auto"
    """Closed by Tessera: the finding is no longer produced. Never chosen by a person."""


HUMAN_DISPOSITIONS: Final = frozenset(
    {Disposition.confirmed_referred, Disposition.closed_error, Disposition.closed_no_action}
)
"""The dispositions a person may choose; ``closed_auto`` is Tessera's alone."""


class EventKind(StrEnum):
    """What a lead's history records; the history is only ever appended to."""

    created = "created"
    assigned = "assigned"
    note = "note"
    disposition = "disposition"
    auto_closed = "auto_closed"
    finding_updated = "finding_updated"
    person_redirected = "person_redirected"


SEVERITY_ORDER: Final = ("high", "medium", "low", "victim", "info")
"""Queues show the most severe first (``model.findings.Severity``'s values)."""

MAX_TEXT = 4000
"""The longest note, reason or referral a lead takes."""


@dataclass(frozen=True)
class LeadSource:
    """A finding, as a lead takes it from a pipeline run.

    ``person_id`` is the finding's ``entity_id``. Several findings of one person, code and
    role make one lead (``key``).
    """

    finding_id: str
    person_id: str
    code: str
    role: str
    severity: str
    confidence: float
    identity_check: bool
    subject_on: dt.date | None
    evidence: tuple[str, ...]
    detail: str
    rule_version: str
    legal_basis: str
    tier: str | None = None
    policy: str = ""

    @property
    def key(self) -> LeadKey:
        return LeadKey(self.person_id, self.code, self.role)


@dataclass(frozen=True, order=True)
class LeadKey:
    """What makes leads the same: at most one lead per key is open at a time."""

    person_id: str
    code: str
    role: str


@dataclass(frozen=True)
class LeadQuery:
    """A queue: every filter optional (empty: any); ``states`` empty means not closed."""

    units: tuple[Unit, ...] = ()
    states: tuple[LeadState, ...] = ()
    assignee: str | None = None
    codes: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    person_id: str | None = None
    limit: int = 100
    offset: int = 0


def verification_needed(code: str, role: str, identity_check: bool) -> tuple[str, ...]:
    """What must be verified before anyone acts on a lead, in words (empty: nothing)."""
    needs: list[str] = []
    routing = route(code, role)
    if routing is not None and routing.verify_status:
        needs.append("status: the records show neither citizenship nor noncitizenship")
    if identity_check:
        needs.append("identity: the records are tied to the person by a weak link")
    return tuple(needs)
