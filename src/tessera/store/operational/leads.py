"""Leads and their history, as stored. Callers get frozen records, never ORM rows.

Every write to a lead starts with a guarded ``UPDATE ... WHERE state <> 'closed'``: it
takes the row's lock on PostgreSQL and the write lock on SQLite before anything is read,
so a lead closed by someone else a moment ago is never written to, on either backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, case, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from tessera.model.leads import (
    SEVERITY_ORDER,
    Disposition,
    EventKind,
    LeadKey,
    LeadQuery,
    LeadState,
)
from tessera.store.operational.lead_sync import SyncApplied, SyncPlan, apply_plan
from tessera.store.operational.schema_leads import (
    LIVE,
    LeadEventRow,
    LeadRow,
    event_row,
    update_live,
)
from tessera.store.operational.timestamps import as_utc, maybe_utc


class UnknownLeadError(LookupError):
    """No lead has this id."""


class ClosedLeadError(RuntimeError):
    """The lead is closed: nothing more may be written to it."""


@dataclass(frozen=True)
class LeadRecord:
    lead_id: int
    person_id: str
    code: str
    role: str
    unit: str
    finding_id: str
    severity: str
    tier: str | None
    confidence: float
    identity_check: bool
    subject_on: dt.date | None
    evidence: tuple[str, ...]
    detail: str
    legal_basis: str
    rule_version: str
    policy: str
    state: LeadState
    assignee: str | None
    disposition: Disposition | None
    disposition_reason: str | None
    referred_to: str | None
    previous_lead_id: int | None
    opened_at: dt.datetime
    opened_in_run: int | None
    closed_at: dt.datetime | None
    closed_by: str | None
    updated_at: dt.datetime

    @property
    def key(self) -> LeadKey:
        return LeadKey(self.person_id, self.code, self.role)


@dataclass(frozen=True)
class LeadEvent:
    event_id: int
    lead_id: int
    kind: EventKind
    at: dt.datetime
    actor: str
    text: str
    run_id: int | None = None


def lead_record(row: LeadRow) -> LeadRecord:
    return LeadRecord(
        lead_id=row.id,
        person_id=row.person_id,
        code=row.code,
        role=row.role,
        unit=row.unit,
        finding_id=row.finding_id,
        severity=row.severity,
        tier=row.tier,
        confidence=row.confidence,
        identity_check=row.identity_check,
        subject_on=row.subject_on,
        evidence=tuple(row.evidence),
        detail=row.detail,
        legal_basis=row.legal_basis,
        rule_version=row.rule_version,
        policy=row.policy,
        state=LeadState(row.state),
        assignee=row.assignee,
        disposition=None if row.disposition is None else Disposition(row.disposition),
        disposition_reason=row.disposition_reason,
        referred_to=row.referred_to,
        previous_lead_id=row.previous_lead_id,
        opened_at=as_utc(row.opened_at),
        opened_in_run=row.opened_in_run,
        closed_at=maybe_utc(row.closed_at),
        closed_by=row.closed_by,
        updated_at=as_utc(row.updated_at),
    )


def _event(row: LeadEventRow) -> LeadEvent:
    return LeadEvent(
        row.id, row.lead_id, EventKind(row.kind), as_utc(row.at), row.actor, row.text, row.run_id
    )


_SEVERITY_RANK = case(
    {s: i for i, s in enumerate(SEVERITY_ORDER)}, value=LeadRow.severity, else_=len(SEVERITY_ORDER)
)


def _filters(query: LeadQuery) -> list[ColumnElement[bool]]:
    states = query.states or (LeadState.open, LeadState.assigned)
    where: list[ColumnElement[bool]] = [LeadRow.state.in_([s.value for s in states])]
    for column, values in (
        (LeadRow.unit, [u.value for u in query.units]),
        (LeadRow.code, list(query.codes)),
        (LeadRow.severity, list(query.severities)),
        (LeadRow.tier, list(query.tiers)),
    ):
        if values:
            where.append(column.in_(values))
    if query.assignee is not None:
        where.append(LeadRow.assignee == query.assignee)
    if query.person_id is not None:
        where.append(LeadRow.person_id == query.person_id)
    return where


class LeadTable:
    """The leads of one operational store."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, lead_id: int) -> LeadRecord | None:
        with Session(self._engine) as session:
            row = session.get(LeadRow, lead_id)
            return None if row is None else lead_record(row)

    def history(self, lead_id: int) -> list[LeadEvent]:
        """What happened to the lead, oldest first."""
        statement = (
            select(LeadEventRow).where(LeadEventRow.lead_id == lead_id).order_by(LeadEventRow.id)
        )
        with Session(self._engine) as session:
            return [_event(r) for r in session.scalars(statement)]

    def find(self, query: LeadQuery) -> list[LeadRecord]:
        """A queue: most severe first, then by priority tier (none last), oldest first."""
        statement = (
            select(LeadRow)
            .where(*_filters(query))
            .order_by(_SEVERITY_RANK, LeadRow.tier.is_(None), LeadRow.tier, LeadRow.opened_at)
            .order_by(LeadRow.id)
            .offset(query.offset)
            .limit(query.limit)
        )
        with Session(self._engine) as session:
            return [lead_record(r) for r in session.scalars(statement)]

    def apply(self, plan: SyncPlan, actor: str, run_id: int | None, at: dt.datetime) -> SyncApplied:
        """Write a pipeline run's changes (``lead_sync``) in one transaction."""
        return apply_plan(self._engine, plan, actor, run_id, at)

    def live(self) -> list[LeadRecord]:
        """Every lead not closed (what a pipeline run is compared with)."""
        with Session(self._engine) as session:
            rows = session.scalars(select(LeadRow).where(LIVE).order_by(LeadRow.id))
            return [lead_record(r) for r in rows]

    def last_closed(self, keys: Iterable[LeadKey]) -> dict[LeadKey, LeadRecord]:
        """For each key, the newest closed lead with it (a returning finding follows it)."""
        wanted = set(keys)
        people = sorted({k.person_id for k in wanted})
        found: dict[LeadKey, LeadRecord] = {}
        with Session(self._engine) as session:
            for start in range(0, len(people), 500):
                rows = session.scalars(
                    select(LeadRow)
                    .where(~LIVE, LeadRow.person_id.in_(people[start : start + 500]))
                    .order_by(LeadRow.id)
                )
                for row in rows:
                    key = LeadKey(row.person_id, row.code, row.role)
                    if key in wanted:
                        found[key] = lead_record(row)
        return found

    def assign(self, lead_id: int, assignee: str, actor: str, at: dt.datetime) -> LeadRecord:
        """Give the lead to ``assignee`` (who takes it over from anyone before)."""
        with Session(self._engine) as session, session.begin():
            self._claim(session, lead_id, at)
            row = session.get(LeadRow, lead_id)
            assert row is not None  # claimed a moment ago, under lock
            before, row.assignee, row.state = row.assignee, assignee, LeadState.assigned.value
            was = f" (was {before})" if before and before != assignee else ""
            session.add(event_row(lead_id, EventKind.assigned, actor, f"to {assignee}{was}", at))
            session.flush()
            return lead_record(row)

    def note(self, lead_id: int, actor: str, text: str, at: dt.datetime) -> LeadEvent:
        with Session(self._engine) as session, session.begin():
            self._claim(session, lead_id, at)
            row = event_row(lead_id, EventKind.note, actor, text, at)
            session.add(row)
            session.flush()
            return _event(row)

    def dispose(
        self,
        lead_id: int,
        disposition: Disposition,
        reason: str,
        referred_to: str | None,
        actor: str,
        at: dt.datetime,
    ) -> LeadRecord:
        """Close the lead for good, with how, why and (a referral) to whom."""
        with Session(self._engine) as session, session.begin():
            self._claim(
                session,
                lead_id,
                at,
                state=LeadState.closed.value,
                disposition=disposition.value,
                disposition_reason=reason,
                referred_to=referred_to,
                closed_at=at,
                closed_by=actor,
            )
            to = f" to {referred_to}" if referred_to else ""
            text = f"{disposition.value}{to}: {reason}"
            session.add(event_row(lead_id, EventKind.disposition, actor, text, at))
            row = session.get(LeadRow, lead_id, populate_existing=True)
            assert row is not None
            return lead_record(row)

    def _claim(self, session: Session, lead_id: int, at: dt.datetime, **values: object) -> None:
        """Lock a lead that is not closed and set ``values`` on it (the lock is held until
        the transaction ends). ``UnknownLeadError`` or ``ClosedLeadError`` otherwise."""
        if update_live(session, lead_id, at, **values):
            return
        row = session.get(LeadRow, lead_id)
        if row is None:
            raise UnknownLeadError(f"no lead {lead_id}")
        raise ClosedLeadError(locked_message(lead_record(row)))


def locked_message(lead: LeadRecord) -> str:
    when = f" on {lead.closed_at:%Y-%m-%d}" if lead.closed_at else ""
    return (
        f"lead {lead.lead_id} was closed{when} by {lead.closed_by} "
        f"({lead.disposition}: {lead.disposition_reason}); a closed lead is locked"
    )
