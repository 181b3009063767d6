"""Status queries and enforcement requests as stored: filed, listed, completed, decided.

Callers see frozen dataclasses, never ORM rows. Completing a query and deciding a request
are compare-and-set updates (``WHERE state = ...``), so two operators or two supervisors
acting at once cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, exists, insert, select, update
from sqlalchemy.orm import Session

from tessera.model.audit import AuditEvent
from tessera.model.status_desk import QueryState, RequestState
from tessera.store.operational.audit_log import Sealer, append_in
from tessera.store.operational.schema_desk import (
    EnforcementRequestRow,
    StatusQueryCandidateRow,
    StatusQueryRow,
)
from tessera.store.operational.timestamps import as_utc, maybe_utc


class StaleStateError(RuntimeError):
    """The query or request is no longer in the state the caller acted on."""


@dataclass(frozen=True)
class QueryCandidate:
    person_id: str
    confidence: float


@dataclass(frozen=True)
class NewStatusQuery:
    """What an agency asked (the IAQ) and what the records answered at once."""

    asked_by: str
    ori: str
    purpose_code: str
    attention: str
    phone: str | None
    name: str
    dob: str | None
    sex: str | None
    place_of_birth: str | None
    in_custody: bool
    offence_code: str
    identifiers: Mapping[str, str]
    citizenship_claimed: bool
    state: QueryState
    verification_reasons: Sequence[str]
    automatic_answer: Mapping[str, Any]
    candidates: Sequence[QueryCandidate]
    person_id: str | None = None
    determination: str | None = None
    response_text: str | None = None


@dataclass(frozen=True)
class StoredStatusQuery:
    id: int
    received_at: dt.datetime
    asked_by: str
    ori: str
    purpose_code: str
    attention: str
    phone: str | None
    name: str
    dob: str | None
    sex: str | None
    place_of_birth: str | None
    in_custody: bool
    offence_code: str
    identifiers: dict[str, str]
    citizenship_claimed: bool
    state: QueryState
    verification_reasons: tuple[str, ...]
    automatic_answer: dict[str, Any]
    candidates: tuple[QueryCandidate, ...]
    person_id: str | None
    determination: str | None
    response_text: str | None
    completed_by: str | None
    completed_at: dt.datetime | None


@dataclass(frozen=True)
class NewEnforcementRequest:
    person_id: str
    kind: str
    probable_cause: str
    facility: str
    justification: str
    purpose: str
    requested_by: str
    state: RequestState
    approver_role: str | None = None
    decided_by: str | None = None
    decision_reason: str | None = None


@dataclass(frozen=True)
class StoredEnforcementRequest:
    id: int
    person_id: str
    kind: str
    probable_cause: str
    facility: str
    justification: str
    purpose: str
    requested_by: str
    requested_at: dt.datetime
    state: RequestState
    approver_role: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _query(row: StatusQueryRow, candidates: Sequence[StatusQueryCandidateRow]) -> StoredStatusQuery:
    return StoredStatusQuery(
        id=row.id,
        received_at=as_utc(row.received_at),
        asked_by=row.asked_by,
        ori=row.ori,
        purpose_code=row.purpose_code,
        attention=row.attention,
        phone=row.phone,
        name=row.name,
        dob=row.dob,
        sex=row.sex,
        place_of_birth=row.place_of_birth,
        in_custody=row.in_custody,
        offence_code=row.offence_code,
        identifiers={str(k): str(v) for k, v in row.identifiers.items()},
        citizenship_claimed=row.citizenship_claimed,
        state=QueryState(row.state),
        verification_reasons=tuple(str(r) for r in row.verification_reasons),
        automatic_answer=dict(row.automatic_answer),
        candidates=tuple(
            QueryCandidate(c.person_id, c.confidence) for c in sorted(candidates, key=_rank)
        ),
        person_id=row.person_id,
        determination=row.determination,
        response_text=row.response_text,
        completed_by=row.completed_by,
        completed_at=maybe_utc(row.completed_at),
    )


def _query_values(query: NewStatusQuery, received: dt.datetime) -> dict[str, Any]:
    return {
        "received_at": received,
        "asked_by": query.asked_by,
        "ori": query.ori,
        "purpose_code": query.purpose_code,
        "attention": query.attention,
        "phone": query.phone,
        "name": query.name,
        "dob": query.dob,
        "sex": query.sex,
        "place_of_birth": query.place_of_birth,
        "in_custody": query.in_custody,
        "offence_code": query.offence_code,
        "identifiers": dict(query.identifiers),
        "citizenship_claimed": query.citizenship_claimed,
        "state": query.state.value,
        "verification_reasons": list(query.verification_reasons),
        "automatic_answer": dict(query.automatic_answer),
        "person_id": query.person_id,
        "determination": query.determination,
        "response_text": query.response_text,
    }


def _filed(query_id: int, received: dt.datetime, query: NewStatusQuery) -> StoredStatusQuery:
    """The query just filed, as ``get`` would read it back (without reading it back)."""
    return StoredStatusQuery(
        id=query_id,
        received_at=received,
        asked_by=query.asked_by,
        ori=query.ori,
        purpose_code=query.purpose_code,
        attention=query.attention,
        phone=query.phone,
        name=query.name,
        dob=query.dob,
        sex=query.sex,
        place_of_birth=query.place_of_birth,
        in_custody=query.in_custody,
        offence_code=query.offence_code,
        identifiers={str(k): str(v) for k, v in query.identifiers.items()},
        citizenship_claimed=query.citizenship_claimed,
        state=query.state,
        verification_reasons=tuple(str(r) for r in query.verification_reasons),
        automatic_answer=dict(query.automatic_answer),
        candidates=tuple(query.candidates),
        person_id=query.person_id,
        determination=query.determination,
        response_text=query.response_text,
        completed_by=None,
        completed_at=None,
    )


def _rank(row: StatusQueryCandidateRow) -> int:
    return row.rank


class StatusQueryTable:
    """The desk's queries: filed with their candidates, the operators' queue, completion."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def file(
        self,
        query: NewStatusQuery,
        audit: Sequence[AuditEvent] = (),
        seal: Sealer | None = None,
    ) -> StoredStatusQuery:
        """Store a query as received and answered so far; returns it with its id.

        ``audit`` (sealed into the chain by ``seal``) are the entries of what the query
        decided and disclosed: written in the same transaction, so that a query is never
        on file without its entries, nor its entries without it, and one commit does.
        """
        if audit and seal is None:
            raise ValueError("audit entries need the sealer that chains them")
        received = _now()
        with self._engine.begin() as connection:
            if audit and seal is not None:
                append_in(connection, audit, seal)  # first: takes the chain's lock
            query_id = connection.scalar(
                insert(StatusQueryRow)
                .values(_query_values(query, received))
                .returning(StatusQueryRow.id)
            )
            assert query_id is not None
            if query.candidates:
                connection.execute(
                    insert(StatusQueryCandidateRow),
                    [
                        {
                            "query_id": query_id,
                            "rank": rank,
                            "person_id": c.person_id,
                            "confidence": c.confidence,
                        }
                        for rank, c in enumerate(query.candidates, start=1)
                    ],
                )
        return _filed(query_id, received, query)

    def get(self, query_id: int) -> StoredStatusQuery | None:
        with Session(self._engine) as session:
            row = session.get(StatusQueryRow, query_id)
            return None if row is None else _query(row, self._candidates(session, [row.id])[row.id])

    def listed(
        self, *, state: QueryState | None = None, asked_by: str | None = None, limit: int = 100
    ) -> list[StoredStatusQuery]:
        """Queries, oldest first when waiting (a queue), newest first otherwise."""
        statement = select(StatusQueryRow)
        if state is not None:
            statement = statement.where(StatusQueryRow.state == state.value)
        if asked_by is not None:
            statement = statement.where(StatusQueryRow.asked_by == asked_by)
        waiting = state is QueryState.awaiting_operator
        order = StatusQueryRow.id if waiting else StatusQueryRow.id.desc()
        with Session(self._engine) as session:
            rows = session.scalars(statement.order_by(order).limit(limit)).all()
            candidates = self._candidates(session, [r.id for r in rows])
            return [_query(r, candidates[r.id]) for r in rows]

    @staticmethod
    def _candidates(
        session: Session, query_ids: Sequence[int]
    ) -> dict[int, list[StatusQueryCandidateRow]]:
        found: dict[int, list[StatusQueryCandidateRow]] = {q: [] for q in query_ids}
        if query_ids:
            statement = select(StatusQueryCandidateRow).where(
                StatusQueryCandidateRow.query_id.in_(query_ids)
            )
            for row in session.scalars(statement):
                found[row.query_id].append(row)
        return found

    def complete(
        self,
        query_id: int,
        operator: str,
        person_id: str | None,
        determination: str,
        response_text: str,
    ) -> StoredStatusQuery:
        """An operator's response to a waiting query; refused once it is no longer waiting."""
        with Session(self._engine) as session, session.begin():
            done = session.execute(
                update(StatusQueryRow)
                .where(
                    StatusQueryRow.id == query_id,
                    StatusQueryRow.state == QueryState.awaiting_operator.value,
                )
                .values(
                    state=QueryState.completed.value,
                    person_id=person_id,
                    determination=determination,
                    response_text=response_text,
                    completed_by=operator,
                    completed_at=_now(),
                )
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]
                raise StaleStateError(f"status query {query_id} is not waiting for an operator")
        stored = self.get(query_id)
        assert stored is not None
        return stored

    def asked_about(self, asked_by: str, person_id: str) -> bool:
        """Whether ``asked_by`` filed a query the records answered with ``person_id``
        among its candidates (a partner officer may then open that person)."""
        statement = select(
            exists().where(
                and_(
                    StatusQueryCandidateRow.person_id == person_id,
                    StatusQueryCandidateRow.query_id == StatusQueryRow.id,
                    StatusQueryRow.asked_by == asked_by,
                )
            )
        )
        with Session(self._engine) as session:
            return bool(session.scalar(statement))


def _request(row: EnforcementRequestRow) -> StoredEnforcementRequest:
    return StoredEnforcementRequest(
        id=row.id,
        person_id=row.person_id,
        kind=row.kind,
        probable_cause=row.probable_cause,
        facility=row.facility,
        justification=row.justification,
        purpose=row.purpose,
        requested_by=row.requested_by,
        requested_at=as_utc(row.requested_at),
        state=RequestState(row.state),
        approver_role=row.approver_role,
        decided_by=row.decided_by,
        decided_at=maybe_utc(row.decided_at),
        decision_reason=row.decision_reason,
    )


class EnforcementRequestTable:
    """Enforcement requests: filed, listed, and decided once."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def file(self, request: NewEnforcementRequest) -> StoredEnforcementRequest:
        now = _now()
        decided = request.state is not RequestState.pending_approval
        with Session(self._engine) as session, session.begin():
            row = EnforcementRequestRow(
                person_id=request.person_id,
                kind=request.kind,
                probable_cause=request.probable_cause,
                facility=request.facility,
                justification=request.justification,
                purpose=request.purpose,
                requested_by=request.requested_by,
                requested_at=now,
                state=request.state.value,
                approver_role=request.approver_role,
                decided_by=request.decided_by if decided else None,
                decided_at=now if decided else None,
                decision_reason=request.decision_reason if decided else None,
            )
            session.add(row)
            session.flush()
            return _request(row)

    def get(self, request_id: int) -> StoredEnforcementRequest | None:
        with Session(self._engine) as session:
            row = session.get(EnforcementRequestRow, request_id)
            return None if row is None else _request(row)

    def listed(
        self,
        *,
        state: RequestState | None = None,
        requested_by: str | None = None,
        person_id: str | None = None,
        limit: int = 100,
    ) -> list[StoredEnforcementRequest]:
        statement = select(EnforcementRequestRow)
        if state is not None:
            statement = statement.where(EnforcementRequestRow.state == state.value)
        if requested_by is not None:
            statement = statement.where(EnforcementRequestRow.requested_by == requested_by)
        if person_id is not None:
            statement = statement.where(EnforcementRequestRow.person_id == person_id)
        with Session(self._engine) as session:
            rows = session.scalars(statement.order_by(EnforcementRequestRow.id).limit(limit))
            return [_request(r) for r in rows]

    def decide(
        self, request_id: int, approver: str, approve: bool, reason: str
    ) -> StoredEnforcementRequest:
        """Approve or refuse a pending request, once."""
        state = RequestState.approved if approve else RequestState.refused
        with Session(self._engine) as session, session.begin():
            done = session.execute(
                update(EnforcementRequestRow)
                .where(
                    EnforcementRequestRow.id == request_id,
                    EnforcementRequestRow.state == RequestState.pending_approval.value,
                )
                .values(
                    state=state.value,
                    decided_by=approver,
                    decided_at=_now(),
                    decision_reason=reason,
                )
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]
                raise StaleStateError(f"enforcement request {request_id} is not pending approval")
        stored = self.get(request_id)
        assert stored is not None
        return stored
