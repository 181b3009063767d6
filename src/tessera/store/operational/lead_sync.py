"""A pipeline run's changes to the leads, applied in one transaction.

The service works out what changed (``SyncPlan``); this module only writes it. Every
change to an existing lead is guarded by ``state <> 'closed'``: a lead someone closed
while the run was being compared stays closed, and the change is reported as not made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from tessera.model.leads import Disposition, EventKind, LeadSource, LeadState
from tessera.store.operational.schema_leads import LeadRow, event_row


@dataclass(frozen=True)
class NewLead:
    source: LeadSource
    unit: str
    previous_lead_id: int | None
    text: str


@dataclass(frozen=True)
class FindingUpdate:
    lead_id: int
    source: LeadSource
    text: str


@dataclass(frozen=True)
class PersonMove:
    lead_id: int
    person_id: str
    text: str


@dataclass(frozen=True)
class AutoClose:
    lead_id: int
    reason: str


@dataclass(frozen=True)
class SyncPlan:
    """In the order they are applied: moves, closes, updates, new leads."""

    moves: tuple[PersonMove, ...] = ()
    closes: tuple[AutoClose, ...] = ()
    updates: tuple[FindingUpdate, ...] = ()
    creates: tuple[NewLead, ...] = ()


@dataclass(frozen=True)
class SyncApplied:
    """The ids of the leads each kind of change reached."""

    moved: tuple[int, ...] = ()
    closed: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    created: tuple[int, ...] = ()
    skipped: tuple[int, ...] = field(default=())
    """Leads closed by someone while the run was compared: left as they were."""


def finding_values(source: LeadSource) -> dict[str, object]:
    """The columns of a lead that come from its finding."""
    return {
        "finding_id": source.finding_id,
        "severity": source.severity,
        "tier": source.tier,
        "confidence": source.confidence,
        "identity_check": source.identity_check,
        "subject_on": source.subject_on,
        "evidence": list(source.evidence),
        "detail": source.detail,
        "legal_basis": source.legal_basis,
        "rule_version": source.rule_version,
        "policy": source.policy,
    }


class _Applier:
    def __init__(self, session: Session, actor: str, run_id: int | None, at: dt.datetime):
        self.session, self.actor, self.run_id, self.at = session, actor, run_id, at
        self.skipped: list[int] = []

    def _live_update(self, lead_id: int, kind: EventKind, text: str, **values: object) -> bool:
        done = self.session.connection().execute(
            update(LeadRow)
            .where(LeadRow.id == lead_id, LeadRow.state != LeadState.closed.value)
            .values(updated_at=self.at, **values)
        )
        if done.rowcount != 1:
            self.skipped.append(lead_id)
            return False
        self.session.add(event_row(lead_id, kind, self.actor, text, self.at, self.run_id))
        return True

    def move(self, m: PersonMove) -> bool:
        return self._live_update(
            m.lead_id, EventKind.person_redirected, m.text, person_id=m.person_id
        )

    def close(self, c: AutoClose) -> bool:
        return self._live_update(
            c.lead_id,
            EventKind.auto_closed,
            c.reason,
            state=LeadState.closed.value,
            disposition=Disposition.closed_auto.value,
            disposition_reason=c.reason,
            closed_at=self.at,
            closed_by=self.actor,
        )

    def refresh(self, u: FindingUpdate) -> bool:
        return self._live_update(
            u.lead_id, EventKind.finding_updated, u.text, **finding_values(u.source)
        )

    def create(self, n: NewLead) -> int:
        s = n.source
        row = LeadRow(
            person_id=s.person_id,
            code=s.code,
            role=s.role,
            unit=n.unit,
            state=LeadState.open.value,
            previous_lead_id=n.previous_lead_id,
            opened_at=self.at,
            opened_in_run=self.run_id,
            updated_at=self.at,
            **finding_values(s),
        )
        self.session.add(row)
        self.session.flush()
        self.session.add(
            event_row(row.id, EventKind.created, self.actor, n.text, self.at, self.run_id)
        )
        return row.id


def apply_plan(
    engine: Engine, plan: SyncPlan, actor: str, run_id: int | None, at: dt.datetime
) -> SyncApplied:
    """Write ``plan`` in one transaction; a failure leaves every lead as it was."""
    with Session(engine) as session, session.begin():
        w = _Applier(session, actor, run_id, at)
        moved = tuple(m.lead_id for m in plan.moves if w.move(m))
        closed = tuple(c.lead_id for c in plan.closes if w.close(c))
        updated = tuple(u.lead_id for u in plan.updates if w.refresh(u))
        created = tuple(w.create(n) for n in plan.creates)
        return SyncApplied(moved, closed, updated, created, tuple(dict.fromkeys(w.skipped)))
