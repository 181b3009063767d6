"""ORM models of the status-query desk and of enforcement requests.

A query keeps what the agency asked, the candidates the records offered (so that a
partner officer may later open exactly the people they asked about), what was answered
automatically, and the operator's completion. Nothing is deleted: a query is a record of
what a police agency was told.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tessera.model.status_desk import (
    Determination,
    EnforcementKind,
    ProbableCause,
    QueryPurpose,
    QueryState,
    RequestState,
)
from tessera.store.operational.schema import Base, one_of


class StatusQueryRow(Base):
    """One Immigration Alien Query, from receipt to the response the agency got."""

    __tablename__ = "status_queries"
    __table_args__ = (
        CheckConstraint(one_of("purpose_code", QueryPurpose), name="purpose_known"),
        CheckConstraint(one_of("state", QueryState), name="state_known"),
        CheckConstraint(
            "determination IS NULL OR " + one_of("determination", Determination),
            name="determination_known",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    asked_by: Mapped[str] = mapped_column(String(128), index=True)
    ori: Mapped[str] = mapped_column(String(9))
    purpose_code: Mapped[str] = mapped_column(String(1))
    attention: Mapped[str] = mapped_column(String(128))
    phone: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    dob: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    place_of_birth: Mapped[str | None] = mapped_column(String(100))
    in_custody: Mapped[bool] = mapped_column(Boolean)
    offence_code: Mapped[str] = mapped_column(String(4))
    identifiers: Mapped[dict[str, Any]] = mapped_column(JSON)
    citizenship_claimed: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(24), index=True)
    verification_reasons: Mapped[list[Any]] = mapped_column(JSON)
    automatic_answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    person_id: Mapped[str | None] = mapped_column(String(16))
    determination: Mapped[str | None] = mapped_column(String(32))
    response_text: Mapped[str | None] = mapped_column(Text)
    completed_by: Mapped[str | None] = mapped_column(String(128))
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class StatusQueryCandidateRow(Base):
    """A person the records offered for a query, with the match confidence they had."""

    __tablename__ = "status_query_candidates"

    query_id: Mapped[int] = mapped_column(
        ForeignKey("status_queries.id", ondelete="CASCADE"), primary_key=True
    )
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(String(16), index=True)
    confidence: Mapped[float] = mapped_column(Float)


class EnforcementRequestRow(Base):
    """A request for an enforcement action (a detainer), its probable cause, and who
    approved or refused it."""

    __tablename__ = "enforcement_requests"
    __table_args__ = (
        CheckConstraint(one_of("kind", EnforcementKind), name="kind_known"),
        CheckConstraint(one_of("probable_cause", ProbableCause), name="cause_known"),
        CheckConstraint(one_of("state", RequestState), name="state_known"),
        CheckConstraint(
            "(state = 'pending_approval') = (decided_at IS NULL)", name="decided_when_not_pending"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    probable_cause: Mapped[str] = mapped_column(String(32))
    facility: Mapped[str] = mapped_column(String(200))
    justification: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(128), index=True)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(24), index=True)
    approver_role: Mapped[str | None] = mapped_column(String(32))
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str | None] = mapped_column(Text)
