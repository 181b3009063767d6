"""The audit log for those who watch: find entries by user, person and date, and verify
the hash chain. Reading the log is itself an access and is logged like any other."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from tessera.model.audit import AuditEntry, AuditHead, AuditQuery
from tessera.security import Action, Principal, Purpose, may
from tessera.security.audit_chain import ChainProblem, first_problem
from tessera.service.access import AccessDeniedError, authorize, event_for, record, utc_today
from tessera.store.operational import AuditHeadMissingError, OperationalStore


@dataclass(frozen=True)
class Verification:
    """What ``verify_log`` found: how many entries, from the first, are whole, the head it
    checked them against, and the first problem (``None``: the chain is whole)."""

    entries: int
    head: AuditHead | None
    problem: ChainProblem | None


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def describe(query: AuditQuery) -> str:
    """The query in words, for the entry that records it."""
    parts = [
        f"{name}={_text(value)}"
        for name, value in (
            ("user", query.actor),
            ("person", query.person_id),
            ("action", query.action),
            ("outcome", query.outcome),
            ("since", query.since),
            ("until", query.until),
            ("before", query.before_seq),
        )
        if value is not None
    ]
    return "audit query " + (" ".join(parts) or "(everything)") + f" limit={query.limit}"


def find_entries(
    store: OperationalStore, user: Principal, purpose: Purpose, query: AuditQuery
) -> list[AuditEntry]:
    """Entries matching ``query``, newest first (auditors only)."""
    authorize(store, user, Action.audit_read, purpose, target=describe(query))
    return store.audit.find(query)


def _whole(head: AuditHead | None, problem: ChainProblem | None) -> int:
    """How many entries, from the first, are known good."""
    if problem is not None:
        return max(problem.seq - 1, 0)
    return head.seq if head is not None else 0


def verify_log(store: OperationalStore, user: Principal, purpose: Purpose) -> Verification:
    """Check every entry's hash and link, and the head. The check runs before its own
    entry is written (it must work on a log too broken to append to), and that entry is
    written only if the log still takes one."""
    decision = may(user, Action.audit_verify, None, purpose, today=utc_today())
    if not decision.allowed:
        record(store, event_for(user, Action.audit_verify.value, decision, purpose))
        raise AccessDeniedError(decision)
    head = store.audit.head()
    problem = first_problem(store.audit.walk(head.seq) if head else (), head)
    outcome = "chain whole" if problem is None else str(problem)
    with contextlib.suppress(AuditHeadMissingError):
        record(store, event_for(user, Action.audit_verify.value, decision, purpose, target=outcome))
    return Verification(_whole(head, problem), head, problem)
