"""A pipeline run's changes to the leads, applied in one transaction.

The service works out what changed (``SyncPlan``); this module only writes it. Every
change to an existing lead is guarded by ``state <> 'closed'``: a lead someone closed
while the run was being compared stays closed, and the change is reported as not made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tessera.model.leads import Disposition, EventKind, LeadSource, LeadState
from tessera.store.operational.schema_leads import LeadRow, event_row, update_live


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
    skipped: tuple[int, ...] = ()
    """Leads closed by someone while the run was compared: left as they were."""


FINDING_FIELDS = (
    "finding_id", "severity", "tier", "confidence", "identity_check", "subject_on",
    "evidence", "detail", "legal_basis", "rule_version", "policy",
)  # fmt: skip
"""The columns of a lead that come from its finding (same names on ``LeadSource``)."""


def finding_values(source: LeadSource) -> dict[str, object]:
    """The columns of a lead that come from its finding."""
    values: dict[str, object] = {name: getattr(source, name) for name in FINDING_FIELDS}
    values["evidence"] = list(source.evidence)
    return values


class _Applier:
    def __init__(self, session: Session, actor: str, run_id: int | None, at: dt.datetime):
        self.session, self.actor, self.run_id, self.at = session, actor, run_id, at
        self.skipped: list[int] = []

    def _live_update(self, lead_id: int, kind: EventKind, text: str, **values: object) -> bool:
        if not update_live(self.session, lead_id, self.at, **values):
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
