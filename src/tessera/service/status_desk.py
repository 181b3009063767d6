"""The status-query desk (Nlets IAQ/IAR): a police agency asks, the records answer what
they can, and an operator completes what they cannot.

``ask_status`` files every query, with the candidates the records offered and the
automatic answer; a query that requires verification waits in the operators' queue
(``waiting_queries``) until ``complete_query``. Every disclosure of a person is an entry
in the audit log, written in the same breath as the query itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tessera.model.audit import AuditEvent
from tessera.model.status_desk import (
    CITIZENSHIP_STOP,
    NO_ENFORCEMENT_ON_RECORDS,
    Determination,
    QueryPurpose,
    QueryState,
)
from tessera.security import Action, Decision, Principal, Purpose, SubjectFacts, may
from tessera.security.audit_chain import seal
from tessera.security.jurisdiction import us_states
from tessera.service.access import (
    authorize,
    authorize_with_entry,
    event_for,
    record,
    utc_today,
)
from tessera.service.desk_answer import (
    CandidateStatus,
    DeskAnswer,
    born_in_us,
    decide_answer,
    determination_of,
)
from tessera.service.errors import InvalidRequestError, NotFoundError
from tessera.service.people import (
    Candidate,
    PersonQuery,
    StatusSummary,
    find_candidates_with_status,
    subject_facts,
)
from tessera.store.operational import OperationalStore
from tessera.store.operational.published_rows import PeriodEntry
from tessera.store.operational.status_desk import (
    NewStatusQuery,
    QueryCandidate,
    StoredStatusQuery,
)

CANDIDATES = 10
"""How many candidates a response lists (the benchmark's recall@10)."""


class UnknownQueryError(NotFoundError):
    pass


@dataclass(frozen=True)
class StatusQueryRequest:
    """An Immigration Alien Query as a police agency sends it."""

    ori: str
    purpose_code: QueryPurpose
    attention: str
    name: str
    offence_code: str
    in_custody: bool
    dob: str | None = None
    sex: str | None = None
    place_of_birth: str | None = None
    phone: str | None = None
    identifiers: Mapping[str, str] | None = None
    citizenship_claimed: bool = False


@dataclass(frozen=True)
class Completion:
    """An operator's response: the person (if any), what the records show, in words."""

    person_id: str | None
    determination: Determination
    text: str


@dataclass(frozen=True)
class _Found:
    """A candidate with what the records show of them and the facts the policy judges."""

    status: CandidateStatus
    facts: SubjectFacts


@dataclass(frozen=True)
class _Shown:
    """A candidate the asker may be told about, and the decision that says so."""

    status: CandidateStatus
    decision: Decision


def _candidate_status(summary: StatusSummary, candidate: Candidate) -> CandidateStatus:
    return CandidateStatus(
        person_id=candidate.person_id,
        confidence=candidate.confidence,
        standing=summary.standing,
        periods=summary.periods,
        evidence=summary.evidence,
        protected_1367=summary.protected_1367,
        born_in_us="USA" in summary.birth_countries,
    )


def _found(store: OperationalStore, query: PersonQuery, day: dt.date) -> list[_Found]:
    """The candidates and what the records show of each, from one publication."""
    return [
        _Found(_candidate_status(summary, candidate), candidate.facts)
        for candidate, summary in find_candidates_with_status(store, query, day, CANDIDATES)
    ]


def _visible(user: Principal, purpose: Purpose, found: Sequence[_Found]) -> list[_Shown]:
    """The candidates the asker may be told about: the people they asked about are within
    their need-to-know (a partner officer's jurisdiction rule), 1367-protected people never
    are (the policy's protected rule comes first)."""
    day = utc_today()
    shown = []
    for f in found:
        asked_about = replace(f.facts, queried_by_user=True)
        decision = may(user, Action.person_read, asked_about, purpose, today=day)
        if decision.allowed:
            shown.append(_Shown(f.status, decision))
    return shown


def _period(period: PeriodEntry) -> dict[str, Any]:
    return {
        "kind": period.kind,
        "basis": period.basis,
        "valid_from": period.valid_from.isoformat() if period.valid_from else None,
        "valid_to": period.valid_to.isoformat() if period.valid_to else None,
        "evidence": period.key,
    }


def _answer_document(answer: DeskAnswer, shown: Sequence[_Shown]) -> dict[str, Any]:
    return {
        "determination": answer.determination.value,
        "recommendation": answer.recommendation.value,
        "requires_verification": answer.requires_verification,
        "reasons": list(answer.reasons),
        "person_id": answer.person_id,
        "evidence": list(answer.evidence),
        "notice": answer.notice,
        "candidates": [
            {
                "person_id": s.status.person_id,
                "confidence": round(s.status.confidence, 4),
                "records_show": determination_of(s.status).value,
                "periods": [_period(p) for p in s.status.periods],
                "evidence": list(s.status.evidence),
            }
            for s in shown
        ],
    }


def _disclosures(user: Principal, purpose: Purpose, shown: Sequence[_Shown]) -> list[AuditEvent]:
    action = Action.person_read.value
    return [event_for(user, action, s.decision, purpose, s.status.person_id, "IAQ") for s in shown]


def ask_status(
    store: OperationalStore, user: Principal, purpose: Purpose, request: StatusQueryRequest
) -> StoredStatusQuery:
    """File a status query and answer what the records can answer at once.

    The decision to let ``user`` ask is taken first (a refusal is recorded and raised at
    once); its entry, the query with its answer, and an entry per person disclosed are
    then committed in one transaction, before the answer leaves: a busy desk pays one
    commit per query, and a query is never on file without its entries.
    """
    asking = authorize_with_entry(
        store, user, Action.status_query_ask, purpose, target=f"IAQ from {request.ori}"
    )
    day = utc_today()
    identifiers = dict(request.identifiers or {})
    query = PersonQuery(
        name=request.name, dob=request.dob, sex=request.sex, identifiers=identifiers
    )
    try:
        found = _found(store, query, day)
    except Exception:
        record(store, asking)  # a query that could not be run stays on record all the same
        raise
    born_here = born_in_us(request.place_of_birth, us_states())
    answer = decide_answer([f.status for f in found], request.citizenship_claimed, born_here)
    shown = _visible(user, purpose, found)
    return store.status_queries.file(
        NewStatusQuery(
            asked_by=user.username,
            ori=request.ori,
            purpose_code=request.purpose_code.value,
            attention=request.attention,
            phone=request.phone,
            name=request.name,
            dob=request.dob,
            sex=request.sex,
            place_of_birth=request.place_of_birth,
            in_custody=request.in_custody,
            offence_code=request.offence_code,
            identifiers=identifiers,
            citizenship_claimed=request.citizenship_claimed,
            state=QueryState.awaiting_operator
            if answer.requires_verification
            else QueryState.answered,
            verification_reasons=answer.reasons,
            automatic_answer=_answer_document(answer, shown),
            candidates=[QueryCandidate(s.status.person_id, s.status.confidence) for s in shown],
            person_id=answer.person_id,
            determination=None if answer.requires_verification else answer.determination.value,
            response_text=None if answer.requires_verification else answer.notice,
        ),
        audit=[asking, *_disclosures(user, purpose, shown)],
        seal=seal,
    )


def read_query(
    store: OperationalStore, user: Principal, purpose: Purpose, query_id: int
) -> StoredStatusQuery:
    """A query and its response: for the user who asked, or for the desk's operators."""
    query = store.status_queries.get(query_id)
    target = f"status query {query_id}"
    if query is not None and query.asked_by == user.username:
        authorize(store, user, Action.status_query_ask, purpose, target=target)
    else:
        person = query.person_id if query and query.person_id else f"IAQ-{query_id}"
        authorize(
            store, user, Action.status_query_answer, purpose, SubjectFacts(person), target=target
        )
    if query is None:
        raise UnknownQueryError(f"no status query {query_id}")
    return query


def waiting_queries(
    store: OperationalStore, user: Principal, purpose: Purpose, limit: int = 100
) -> list[StoredStatusQuery]:
    """The operators' queue: queries that require verification, oldest first."""
    authorize(store, user, Action.status_query_queue, purpose, target="waiting queries")
    return store.status_queries.listed(state=QueryState.awaiting_operator, limit=limit)


def complete_query(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    query_id: int,
    completion: Completion,
) -> StoredStatusQuery:
    """An operator's response to a waiting query. A citizenship claim keeps its stop."""
    query = store.status_queries.get(query_id)
    person = completion.person_id or f"IAQ-{query_id}"
    facts = subject_facts(store, completion.person_id) if completion.person_id else None
    authorize(
        store,
        user,
        Action.status_query_answer,
        purpose,
        facts or SubjectFacts(person),
        target=f"status query {query_id}",
    )
    if query is None:
        raise UnknownQueryError(f"no status query {query_id}")
    text = completion.text.strip()
    if not text:
        raise InvalidRequestError("a response needs the operator's words: what the records show")
    stop = query.citizenship_claimed or born_in_us(query.place_of_birth, us_states())
    notice = NO_ENFORCEMENT_ON_RECORDS + (" " + CITIZENSHIP_STOP if stop else "")
    return store.status_queries.complete(
        query_id,
        user.username,
        completion.person_id,
        completion.determination.value,
        f"{text}\n\n{notice}",
    )
