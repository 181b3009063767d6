"""The record of ingest runs: which drop was read, when, how it ended, and what each feed held.

A run is written twice on purpose: ``start_run`` as soon as an ingest begins, so that a
crash still leaves a ``running`` row behind, and ``finish_run`` with the outcome. Callers
see frozen dataclasses, never ORM rows, so no session or lazy load escapes this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from tessera.store.operational.schema import FINISHED_STATUSES, IngestRunFeedRow, IngestRunRow


@dataclass(frozen=True)
class FeedCount:
    """What one feed held in a run: rows read, stored, and set aside in quarantine."""

    feed: str
    rows_read: int
    rows_stored: int
    rows_quarantined: int


@dataclass(frozen=True)
class IngestRun:
    """One ingest run as recorded; timestamps are timezone-aware UTC."""

    id: int
    drop_path: str
    drop_fingerprint: str
    as_of: dt.date
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    feeds: tuple[FeedCount, ...]
    message: str | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as_utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes (everything we write is UTC); PostgreSQL hands back
    # aware ones in the session's time zone. Callers get UTC either way.
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def start_run(engine: Engine, drop_path: str, drop_fingerprint: str, as_of: dt.date) -> int:
    """Record that an ingest has begun; returns the new run's id."""
    with Session(engine) as session, session.begin():
        row = IngestRunRow(
            drop_path=drop_path,
            drop_fingerprint=drop_fingerprint,
            as_of=as_of,
            started_at=_now(),
            status="running",
        )
        session.add(row)
        session.flush()
        return row.id


def finish_run(
    engine: Engine,
    run_id: int,
    status: str,
    feeds: Sequence[FeedCount],
    message: str | None = None,
) -> None:
    """Record how run ``run_id`` ended, replacing any feed counts it had."""
    if status not in FINISHED_STATUSES:
        raise ValueError(
            f"unknown run status {status!r}: a run finishes as one of {FINISHED_STATUSES}"
        )
    with Session(engine) as session, session.begin():
        row = session.get(IngestRunRow, run_id)
        if row is None:
            raise LookupError(f"no ingest run with id {run_id}")
        row.status = status
        row.finished_at = _now()
        row.message = message
        row.feeds = [
            IngestRunFeedRow(
                feed=f.feed,
                rows_read=f.rows_read,
                rows_stored=f.rows_stored,
                rows_quarantined=f.rows_quarantined,
            )
            for f in feeds
        ]


def recent_runs(engine: Engine, limit: int = 20) -> list[IngestRun]:
    """The ``limit`` most recent runs, newest (highest id) first."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    with Session(engine) as session:
        rows = session.scalars(
            select(IngestRunRow)
            .options(selectinload(IngestRunRow.feeds))
            .order_by(IngestRunRow.id.desc())
            .limit(limit)
        ).all()
        return [_run(row) for row in rows]


def _run(row: IngestRunRow) -> IngestRun:
    return IngestRun(
        id=row.id,
        drop_path=row.drop_path,
        drop_fingerprint=row.drop_fingerprint,
        as_of=row.as_of,
        started_at=_as_utc(row.started_at),
        finished_at=None if row.finished_at is None else _as_utc(row.finished_at),
        status=row.status,
        feeds=tuple(
            FeedCount(f.feed, f.rows_read, f.rows_stored, f.rows_quarantined) for f in row.feeds
        ),
        message=row.message,
    )
