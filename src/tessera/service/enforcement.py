"""Enforcement requests (a detainer, Form I-247A): asked for with a stated probable cause,
approved by a supervisor when the requester acts under 287(g), refused always for a
citizen or a protected person.

The protections here do not replace the rules' (no finding names such a person); they
stand on their own, because a request can be made about anyone an officer can open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tessera.model.status_desk import PROBABLE_CAUSE, EnforcementKind, ProbableCause, RequestState
from tessera.security import Action, Decision, Principal, Purpose, SubjectFacts
from tessera.security.decide import may_approve
from tessera.service.access import AccessDeniedError, authorize, event_for, record, utc_today
from tessera.service.errors import InvalidRequestError, NotFoundError
from tessera.service.people import status_summary, subject_facts
from tessera.store.operational import OperationalStore
from tessera.store.operational.status_desk import NewEnforcementRequest, StoredEnforcementRequest

PROTECTION_BASIS = (
    "ICE Directive 16001.2 (U.S. citizens are never detained); 8 U.S.C. 1367; "
    "INA 208 and 241(b)(3) (asylum and withholding); T and U status (INA 101(a)(15)(T), (U))"
)


class UnknownRequestError(NotFoundError):
    pass


class UnknownSubjectError(NotFoundError):
    pass


@dataclass(frozen=True)
class EnforcementAsk:
    person_id: str
    kind: EnforcementKind
    probable_cause: ProbableCause
    facility: str
    justification: str


def _protection(store: OperationalStore, person_id: str, day: dt.date) -> str | None:
    """Why no enforcement action may touch this person, or None."""
    summary = status_summary(store, person_id, day)
    if summary is None:
        return None
    if summary.protected_1367:
        return f"{person_id} has a T, U or VAWA filing: no enforcement action (8 U.S.C. 1367)"
    if summary.standing == "CITIZEN":
        return f"the records show {person_id} is a U.S. citizen: citizens are never detained"
    if summary.standing == "PROTECTED":
        return f"the records show {person_id} holds a protected status (asylum, refugee, T, U)"
    return None


def _facts(store: OperationalStore, person_id: str) -> SubjectFacts:
    facts = subject_facts(store, person_id)
    if facts is None:
        raise UnknownSubjectError(f"no person {person_id!r} in the published records")
    return facts


def _refuse(
    store: OperationalStore,
    user: Principal,
    action: Action,
    purpose: Purpose,
    person_id: str,
    why: str,
) -> AccessDeniedError:
    decision = Decision(False, why, PROTECTION_BASIS)
    record(store, event_for(user, action.value, decision, purpose, person_id, "enforcement"))
    return AccessDeniedError(decision)


def request_enforcement(
    store: OperationalStore, user: Principal, purpose: Purpose, ask: EnforcementAsk
) -> StoredEnforcementRequest:
    """File a request; it takes effect at once only where the policy needs no approval."""
    facts = _facts(store, ask.person_id)
    if not ask.justification.strip() or not ask.facility.strip():
        raise InvalidRequestError("a detainer request names the facility and justifies its cause")
    why = _protection(store, facts.person_id, utc_today())
    if why is not None:
        raise _refuse(store, user, Action.enforcement_request, purpose, facts.person_id, why)
    cause = PROBABLE_CAUSE[ask.probable_cause]
    decision = authorize(
        store,
        user,
        Action.enforcement_request,
        purpose,
        facts,
        target=f"{ask.kind.value}: {cause.wording} ({cause.basis})",
    )
    waiting = decision.approval_by is not None
    return store.enforcement_requests.file(
        NewEnforcementRequest(
            person_id=facts.person_id,
            kind=ask.kind.value,
            probable_cause=ask.probable_cause.value,
            facility=ask.facility.strip(),
            justification=ask.justification.strip(),
            purpose=str(purpose),
            requested_by=user.username,
            state=RequestState.pending_approval if waiting else RequestState.approved,
            approver_role=decision.approval_by.value if decision.approval_by else None,
            decided_by=None if waiting else user.username,
            decision_reason=None if waiting else decision.reason,
        )
    )


def decide_request(
    store: OperationalStore,
    approver: Principal,
    purpose: Purpose,
    request_id: int,
    approve: bool,
    reason: str,
) -> StoredEnforcementRequest:
    """A supervisor approves or refuses a pending request (never their own). Protections
    are checked again: the records may have changed since the request."""
    request = store.enforcement_requests.get(request_id)
    if request is None:
        raise UnknownRequestError(f"no enforcement request {request_id}")
    if not reason.strip():
        raise InvalidRequestError("approving or refusing a request needs a reason")
    facts = _facts(store, request.person_id)
    why = _protection(store, facts.person_id, utc_today()) if approve else None
    if why is not None:
        raise _refuse(store, approver, Action.enforcement_approve, purpose, facts.person_id, why)
    decision = may_approve(approver, request.requested_by, facts, purpose, today=utc_today())
    target = f"enforcement request {request_id}: {'approve' if approve else 'refuse'}"
    record(
        store,
        event_for(
            approver, Action.enforcement_approve.value, decision, purpose, facts.person_id, target
        ),
    )
    if not decision.allowed:
        raise AccessDeniedError(decision)
    return store.enforcement_requests.decide(request_id, approver.username, approve, reason.strip())


def pending_requests(
    store: OperationalStore, user: Principal, purpose: Purpose, limit: int = 100
) -> list[StoredEnforcementRequest]:
    """Requests waiting for a supervisor, oldest first (each still judged one by one when
    decided)."""
    authorize(store, user, Action.enforcement_review, purpose, target="pending requests")
    return store.enforcement_requests.listed(state=RequestState.pending_approval, limit=limit)
