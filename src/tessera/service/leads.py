"""The lead workflow: queues by unit, a lead with its history, assignment, notes and
dispositions; and ``sync_leads`` (``service.lead_sync``), which keeps leads in line with
each pipeline run.

Every use case passes ``authorize`` first (the audit entry is written before anything is
read or changed). A lead is shown only to whoever may read its person: a lead on a
person protected by 8 U.S.C. 1367 is left out of the queues of roles that may not see
them and answers like an unknown lead, while the audit log keeps the real reason. A
closed lead is locked: every write to it is refused with ``LeadLockedError``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tessera.model.access import Role
from tessera.model.leads import (
    HUMAN_DISPOSITIONS,
    MAX_TEXT,
    Disposition,
    LeadQuery,
    LeadSource,
    LeadState,
    Routing,
    route,
    verification_needed,
)
from tessera.security import Action, Decision, Principal, Purpose, SubjectFacts, may
from tessera.security.decide import with_article
from tessera.security.policy import PROTECTED, PROTECTED_RULE, ROLES
from tessera.service.access import AccessDeniedError, authorize, utc_now, utc_today
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.service.lead_sync import Facts, LeadSync, sync_leads
from tessera.service.people import subject_facts
from tessera.store.operational import OperationalStore
from tessera.store.operational.leads import (
    ClosedLeadError,
    LeadEvent,
    LeadRecord,
    UnknownLeadError,
    locked_message,
)

__all__ = [
    "MAX_PAGE",
    "Facts",
    "Lead",
    "LeadDetail",
    "LeadEvent",
    "LeadLockedError",
    "LeadNotFoundError",
    "LeadRequestError",
    "LeadSource",
    "LeadSync",
    "add_note",
    "assign_lead",
    "dispose_lead",
    "lead_detail",
    "lead_queue",
    "published_facts",
    "sync_leads",
]

Lead = LeadRecord
MAX_PAGE = 1000


class LeadRequestError(InvalidRequestError):
    """A request about a lead that cannot be carried out as asked; the message says why."""


class LeadNotFoundError(NotFoundError):
    """No such lead -- or none the caller may see (8 U.S.C. 1367)."""


class LeadLockedError(ConflictError):
    """The lead is closed: it takes no more writes."""


@contextmanager
def _stored() -> Iterator[None]:
    """The store's refusals as the service's: a lead closed, or gone, a moment ago."""
    try:
        yield
    except ClosedLeadError as exc:
        raise LeadLockedError(str(exc)) from None
    except UnknownLeadError as exc:
        raise LeadNotFoundError(str(exc)) from None


@dataclass(frozen=True)
class LeadDetail:
    lead: Lead
    history: tuple[LeadEvent, ...]
    routing: Routing | None
    """Why the lead is in its unit."""
    verification: tuple[str, ...]
    """What must be verified before anyone acts on it (empty: nothing)."""


def published_facts(store: OperationalStore) -> Facts:
    """``service.people.subject_facts`` bound to ``store``."""
    return lambda person_id: subject_facts(store, person_id)


def _facts_of(facts: Facts, person_id: str) -> SubjectFacts:
    return facts(person_id) or SubjectFacts(person_id)


def _text(value: str | None, what: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise LeadRequestError(f"{what} is required")
    if len(cleaned) > MAX_TEXT:
        raise LeadRequestError(f"{what} is longer than {MAX_TEXT} characters")
    return cleaned


def _describe(query: LeadQuery) -> str:
    parts = [
        f"{name}={','.join(str(v) for v in values)}"
        for name, values in (
            ("unit", query.units),
            ("state", query.states),
            ("code", query.codes),
            ("severity", query.severities),
            ("tier", query.tiers),
            ("assignee", (query.assignee,) if query.assignee else ()),
            ("person", (query.person_id,) if query.person_id else ()),
        )
        if values
    ]
    return f"lead queue {' '.join(parts) or '(all open)'} offset={query.offset} limit={query.limit}"


def _visible(
    store: OperationalStore, user: Principal, purpose: Purpose, filters: LeadQuery, facts: Facts
) -> list[Lead]:
    """The first ``offset + limit`` leads of the queue whose person ``user`` may read.
    The store cannot judge that (it is the policy's), so the queue is read in batches
    until enough are visible."""
    today, seen = utc_today(), dict[str, Decision]()
    wanted = filters.offset + filters.limit
    visible: list[Lead] = []
    batch, offset = max(filters.limit, 200), 0
    while len(visible) < wanted:
        page = store.leads.find(dataclasses.replace(filters, offset=offset, limit=batch))
        for lead in page:
            if lead.person_id not in seen:
                subject = _facts_of(facts, lead.person_id)
                seen[lead.person_id] = may(user, Action.person_read, subject, purpose, today=today)
            if seen[lead.person_id].allowed:
                visible.append(lead)
        if len(page) < batch:
            break
        offset += batch
    return visible[:wanted]


def lead_queue(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    filters: LeadQuery,
    *,
    facts: Facts,
) -> list[Lead]:
    """The leads matching ``filters`` that ``user`` may see: most severe first, then by
    priority tier, oldest first. ``offset`` and ``limit`` count visible leads."""
    if not 1 <= filters.limit <= MAX_PAGE or filters.offset < 0:
        raise LeadRequestError(f"limit must be 1 to {MAX_PAGE} and offset at least 0")
    authorize(store, user, Action.lead_list, purpose, target=_describe(filters))
    return _visible(store, user, purpose, filters, facts)[filters.offset :]


def _lead_for(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    lead_id: int,
    action: Action,
    facts: Facts,
    doing: str,
) -> Lead:
    """The lead, once ``user`` may take ``action`` on its person (recorded either way).

    Only whoever works the queues (``lead:list``) reads a lead at all, and learns
    nothing of which leads exist otherwise: an unknown lead, or any lead asked for by
    someone else, is recorded as a look at the queues. A lead whose person 1367 hides
    from the user answers as unknown. A closed lead takes no more writes.
    """
    lead = store.leads.get(lead_id)
    works_leads = may(user, Action.lead_list, None, purpose, today=utc_today()).allowed
    if lead is None or not works_leads:
        missing = ": no such lead" if lead is None else ""
        authorize(store, user, Action.lead_list, purpose, target=f"lead {lead_id}{missing}")
        raise LeadNotFoundError(f"no lead {lead_id}")
    subject = _facts_of(facts, lead.person_id)
    try:
        authorize(store, user, action, purpose, subject, target=f"lead {lead_id}: {doing}")
    except AccessDeniedError as refused:
        if refused.decision.basis == PROTECTED_RULE.basis:
            raise LeadNotFoundError(f"no lead {lead_id}") from None
        raise
    if action is Action.lead_work and lead.state is LeadState.closed:
        raise LeadLockedError(locked_message(lead))
    return lead


def lead_detail(
    store: OperationalStore, user: Principal, purpose: Purpose, lead_id: int, *, facts: Facts
) -> LeadDetail:
    """A lead with its whole history, why it is in its unit, and what needs verifying."""
    lead = _lead_for(store, user, purpose, lead_id, Action.person_read, facts, "read")
    return LeadDetail(
        lead,
        tuple(store.leads.history(lead_id)),
        route(lead.code, lead.role),
        verification_needed(lead.code, lead.role, lead.identity_check),
    )


def _assignable(store: OperationalStore, name: str, subject: SubjectFacts) -> None:
    """Refuse unless ``name`` is an account a lead may be given to: active, in a role that
    works leads, and allowed to see the person."""
    record = store.users.by_username(name)
    if record is None or not record.active:
        raise LeadRequestError(f"no active user {name!r}")
    role = Role(record.role)
    if Action.lead_work not in ROLES[role].permissions:
        raise LeadRequestError(f"{name} is {with_article(role)}, a role that does not work leads")
    if subject.protected_1367 and role not in PROTECTED:
        raise LeadRequestError(f"{name} may not see this person (8 U.S.C. 1367)")


def assign_lead(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    lead_id: int,
    assignee: str,
    *,
    facts: Facts,
) -> Lead:
    """Give a lead that is not closed to ``assignee`` (an active user who works leads)."""
    name = assignee.strip().lower()
    lead = _lead_for(store, user, purpose, lead_id, Action.lead_work, facts, f"assign to {name}")
    _assignable(store, name, _facts_of(facts, lead.person_id))
    with _stored():
        return store.leads.assign(lead_id, name, user.username, utc_now())


def add_note(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    lead_id: int,
    text: str,
    *,
    facts: Facts,
) -> LeadEvent:
    """Add a note to a lead's history (not to a closed lead)."""
    note = _text(text, "a note's text")
    _lead_for(store, user, purpose, lead_id, Action.lead_work, facts, "note")
    with _stored():
        return store.leads.note(lead_id, user.username, note, utc_now())


def _disposition(
    disposition: Disposition, reason: str, referred_to: str | None
) -> tuple[str, str | None]:
    if disposition not in HUMAN_DISPOSITIONS:
        raise LeadRequestError(f"{disposition.value} is Tessera's alone, when a finding goes")
    why = _text(reason, "a reason")
    if disposition is Disposition.confirmed_referred:
        return why, _text(referred_to, "a referral's recipient (referred_to)")
    if referred_to is not None and referred_to.strip():
        raise LeadRequestError("only a confirmed_referred disposition names whom it is referred to")
    return why, None


def dispose_lead(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    lead_id: int,
    disposition: Disposition,
    reason: str,
    referred_to: str | None = None,
    *,
    facts: Facts,
) -> Lead:
    """Close a lead for good: confirmed and referred (to whom), closed as an error, or
    closed with no action; each with a reason."""
    why, to = _disposition(disposition, reason, referred_to)
    _lead_for(store, user, purpose, lead_id, Action.lead_work, facts, disposition.value)
    with _stored():
        return store.leads.dispose(lead_id, disposition, why, to, user.username, utc_now())
