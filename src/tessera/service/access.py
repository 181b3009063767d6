"""The door every use case goes through: decide, write the decision to the audit log,
and only then act.

``authorize`` is the one call a use case makes before it touches a record. The entry is
written *before* the access, and the access does not happen if writing fails: there is
never an access without its entry (at worst an entry for an access that then failed).
A use case that writes records of its own (the status desk) may instead commit its
entries with them (``authorize_with_entry``): nothing it read leaves the service unless
that one transaction, entries included, committed.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import replace

from tessera.model.access import Role
from tessera.model.audit import AuditEntry, AuditEvent
from tessera.security import Action, Decision, Principal, Purpose, SubjectFacts, may
from tessera.security.audit_chain import seal
from tessera.store.operational import OperationalStore


class AccessDeniedError(PermissionError):
    """The policy refused an access; ``decision`` says which rule and why."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.reason)
        self.decision = decision


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc_today() -> dt.date:
    return utc_now().date()


def local_operator(role: Role) -> Principal:
    """The person at the command line. They hold the database itself, so the CLI does not
    authenticate them; it records them by their operating-system account, ``cli:<user>``,
    acting in ``role``, and the policy still applies to what they ask."""
    return Principal(user_id=None, username=f"cli:{getpass.getuser()}", role=role)


def record(
    store: OperationalStore,
    event: AuditEvent,
) -> AuditEntry:
    """Append ``event`` to the audit log, sealed into the chain."""
    return store.audit.append(event, seal)


def event_for(
    user: Principal,
    action: str,
    decision: Decision,
    purpose: Purpose | None = None,
    person_id: str | None = None,
    target: str | None = None,
) -> AuditEvent:
    """The audit event for ``decision`` on ``user``'s request."""
    reason = f"{decision.reason} ({decision.basis})" if decision.basis else decision.reason
    return AuditEvent(
        at=utc_now(),
        actor=user.username,
        actor_role=user.role.value,
        action=action,
        outcome=decision.outcome.value,
        reason=reason,
        person_id=person_id,
        target=target,
        purpose_kind=purpose.kind.value if purpose else None,
        purpose_ref=purpose.reference if purpose else None,
        purpose_text=purpose.text if purpose else None,
    )


def with_queries(
    store: OperationalStore, user: Principal, subject: SubjectFacts | None
) -> SubjectFacts | None:
    """``subject`` as a partner officer's need-to-know sees it: the people they asked
    about in a status query are theirs to open (policy rule 6)."""
    if subject is None or user.partner is None or subject.queried_by_user:
        return subject
    if store.status_queries.asked_about(user.username, subject.person_id):
        return replace(subject, queried_by_user=True)
    return subject


def _decide(
    store: OperationalStore,
    user: Principal,
    action: Action,
    purpose: Purpose | None,
    subject: SubjectFacts | None,
    target: str | None,
    today: dt.date | None,
) -> tuple[Decision, AuditEvent]:
    """The policy's decision and the audit event that records it (not yet written)."""
    subject = with_queries(store, user, subject)
    decision = may(user, action, subject, purpose, today=today or utc_today())
    person = subject.person_id if subject else None
    return decision, event_for(user, action.value, decision, purpose, person, target)


def authorize(
    store: OperationalStore,
    user: Principal,
    action: Action,
    purpose: Purpose | None,
    subject: SubjectFacts | None = None,
    *,
    target: str | None = None,
    today: dt.date | None = None,
) -> Decision:
    """Decide whether ``user`` may take ``action``, record the decision, and raise
    ``AccessDeniedError`` if it is a refusal. A decision that awaits approval is returned:
    the caller files the request and does not carry it out."""
    decision, event = _decide(store, user, action, purpose, subject, target, today)
    record(store, event)
    if not decision.allowed:
        raise AccessDeniedError(decision)
    return decision


def authorize_with_entry(
    store: OperationalStore,
    user: Principal,
    action: Action,
    purpose: Purpose | None,
    subject: SubjectFacts | None = None,
    *,
    target: str | None = None,
    today: dt.date | None = None,
) -> AuditEvent:
    """``authorize`` for a use case that commits its own writes with its entries (the
    status desk: the query, its decision and its disclosures in one transaction). A
    refusal is recorded and raised at once, as ``authorize`` does; an allowed decision's
    entry is returned unwritten, and the caller must commit it, in the transaction that
    records the access, before anything it read reaches the user. So there is still
    never an access seen without its entry; one commit does instead of two."""
    decision, event = _decide(store, user, action, purpose, subject, target, today)
    if not decision.allowed:
        record(store, event)
        raise AccessDeniedError(decision)
    return event


def allowed(reason: str) -> Decision:
    """A grant that is not the policy's to make (a password accepted)."""
    return Decision(True, reason)
