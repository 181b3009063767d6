"""ORM models of the operational store: the one description of its tables.

Alembic's autogenerate compares migrations against this metadata (and a test asserts they
never drift). Constraints are named by one convention on the ``MetaData`` because SQLite
and PostgreSQL would otherwise invent different names, and a later migration that drops or
alters a constraint has to name it the same way on both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RUN_STATUSES = ("running", "succeeded", "failed")
"""Every status an ingest run can have; the database refuses any other."""

FINISHED_STATUSES = ("succeeded", "failed")
"""The statuses a run may be finished with."""

JUDGEMENT_KINDS = ("merge", "split", "not_same")
"""What an analyst can say about people: the same, a record split off, not the same."""

JUDGEMENT_SIDES = ("a", "b")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IngestRunRow(Base):
    """One ingest of a drop: what it read, when, and how it ended."""

    __tablename__ = "ingest_runs"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in RUN_STATUSES) + ")", name="status_known"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    drop_path: Mapped[str] = mapped_column(Text)
    drop_fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    message: Mapped[str | None] = mapped_column(Text)
    feeds: Mapped[list[IngestRunFeedRow]] = relationship(
        back_populates="run",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="IngestRunFeedRow.feed",
    )


class IngestRunFeedRow(Base):
    """What one feed of the drop held in one ingest run."""

    __tablename__ = "ingest_run_feeds"

    run_id: Mapped[int] = mapped_column(
        ForeignKey("ingest_runs.id", ondelete="CASCADE"), primary_key=True
    )
    feed: Mapped[str] = mapped_column(String(64), primary_key=True)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_stored: Mapped[int] = mapped_column(Integer)
    rows_quarantined: Mapped[int] = mapped_column(Integer)
    run: Mapped[IngestRunRow] = relationship(back_populates="feeds")


def one_of(column: str, values: Iterable[str]) -> str:
    """A CHECK condition: ``column`` holds one of ``values`` (every schema module's)."""
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class JudgementRow(Base):
    """An analyst's identity judgement: who, when, why; and, if revoked, who, when, why."""

    __tablename__ = "judgements"
    __table_args__ = (
        CheckConstraint(one_of("kind", JUDGEMENT_KINDS), name="kind_known"),
        CheckConstraint("length(trim(analyst)) > 0", name="analyst_named"),
        CheckConstraint("length(trim(reason)) > 0", name="reason_given"),
        CheckConstraint(
            "(revoked_at IS NULL AND revoked_by IS NULL AND revoke_reason IS NULL) OR "
            "(revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revoke_reason IS NOT NULL "
            "AND length(trim(revoked_by)) > 0 AND length(trim(revoke_reason)) > 0)",
            name="revocation_complete",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    analyst: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(128))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    records: Mapped[list[JudgedRecordRow]] = relationship(
        back_populates="judgement",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="[JudgedRecordRow.side, JudgedRecordRow.record_key]",
    )


class JudgedRecordRow(Base):
    """A record a judgement concerns (``feed:record_id``), its side, and the person id the
    analyst named for it: captured when the judgement was made, so that it keeps its
    meaning after later runs regroup people."""

    __tablename__ = "judgement_records"
    __table_args__ = (CheckConstraint(one_of("side", JUDGEMENT_SIDES), name="side_known"),)

    judgement_id: Mapped[int] = mapped_column(
        ForeignKey("judgements.id", ondelete="CASCADE"), primary_key=True
    )
    record_key: Mapped[str] = mapped_column(String(256), primary_key=True, index=True)
    side: Mapped[str] = mapped_column(String(1))
    person_id: Mapped[str] = mapped_column(String(32))
    judgement: Mapped[JudgementRow] = relationship(back_populates="records")
