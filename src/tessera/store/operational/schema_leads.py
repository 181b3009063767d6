"""ORM models of leads and their history.

A lead carries a copy of the finding it was made from (the newest one with its key), so a
queue is read without the analytic workspace and a closed lead still says what it was
about after the finding has gone. The history is only ever appended to.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, Session, mapped_column

from tessera.model.leads import Disposition, EventKind, LeadState, Unit
from tessera.store.operational.schema import Base, one_of

OPEN_WHERE = "state <> 'closed'"
"""The leads that count as open for the one-open-lead-per-key rule."""


CLOSED_COMPLETE = (
    "(state = 'closed') = (disposition IS NOT NULL AND disposition_reason IS NOT NULL "
    "AND closed_at IS NOT NULL AND closed_by IS NOT NULL)"
)
"""A closed lead says how, why, when and by whom; an open one says none of it."""

REFERRAL_NAMED = (
    "disposition IS NULL OR disposition <> 'confirmed_referred' OR referred_to IS NOT NULL"
)
ASSIGNEE_NAMED = "state <> 'assigned' OR assignee IS NOT NULL"


class LeadRow(Base):
    """One lead: the finding it works, its unit, where it stands and how it ended."""

    __tablename__ = "leads"
    __table_args__ = (
        CheckConstraint(one_of("unit", Unit), name="unit_known"),
        CheckConstraint(one_of("state", LeadState), name="state_known"),
        CheckConstraint(
            "disposition IS NULL OR " + one_of("disposition", Disposition),
            name="disposition_known",
        ),
        CheckConstraint(CLOSED_COMPLETE, name="closed_complete"),
        CheckConstraint(REFERRAL_NAMED, name="referral_named"),
        CheckConstraint(ASSIGNEE_NAMED, name="assignee_named"),
        Index(
            "uq_leads_open_key",
            "person_id",
            "code",
            "role",
            unique=True,
            sqlite_where=sql_text(OPEN_WHERE),
            postgresql_where=sql_text(OPEN_WHERE),
        ),
        Index("ix_leads_unit_state", "unit", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String(32), index=True)
    code: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(16))
    finding_id: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    tier: Mapped[str | None] = mapped_column(String(8))
    confidence: Mapped[float] = mapped_column(Float)
    identity_check: Mapped[bool] = mapped_column(Boolean)
    subject_on: Mapped[dt.date | None] = mapped_column(Date)
    evidence: Mapped[list[str]] = mapped_column(JSON)
    detail: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    rule_version: Mapped[str] = mapped_column(String(16))
    policy: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    assignee: Mapped[str | None] = mapped_column(String(128), index=True)
    disposition: Mapped[str | None] = mapped_column(String(32))
    disposition_reason: Mapped[str | None] = mapped_column(Text)
    referred_to: Mapped[str | None] = mapped_column(Text)
    previous_lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    """The closed lead this one follows, when its finding came back."""
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    opened_in_run: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(128))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LeadEventRow(Base):
    """One thing that happened to a lead: who, when, what, in words."""

    __tablename__ = "lead_events"
    __table_args__ = (CheckConstraint(one_of("kind", EventKind), name="kind_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(Integer)


def event_row(
    lead_id: int, kind: EventKind, actor: str, text: str, at: dt.datetime, run_id: int | None = None
) -> LeadEventRow:
    """A new history entry (the only way one is made: entries are never changed)."""
    return LeadEventRow(
        lead_id=lead_id, kind=kind.value, at=at, actor=actor, text=text, run_id=run_id
    )


LIVE = LeadRow.state != LeadState.closed.value
"""The leads not closed (``OPEN_WHERE`` as an expression)."""


def update_live(session: Session, lead_id: int, at: dt.datetime, **values: object) -> bool:
    """Set ``values`` (and ``updated_at``) on the lead if it is not closed, taking its lock
    until the transaction ends; ``False`` when it is closed or unknown."""
    done = session.connection().execute(
        update(LeadRow).where(LeadRow.id == lead_id, LIVE).values(updated_at=at, **values)
    )
    return done.rowcount == 1
