"""The record of ingest runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from tessera.store.operational.schema import RUN_STATUSES, IngestRunFeedRow, IngestRunRow


@dataclass(frozen=True)
class FeedCount:
    feed: str
    rows_read: int
    rows_stored: int
    rows_quarantined: int


@dataclass(frozen=True)
class IngestRun:
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


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; every timestamp we write is UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def start_run(engine: Engine, drop_path: str, fingerprint: str, as_of: dt.date) -> int:
    with Session(engine) as session, session.begin():
        row = IngestRunRow(
            drop_path=drop_path,
            drop_fingerprint=fingerprint,
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
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown run status {status!r}")
    with Session(engine) as session, session.begin():
        row = session.get_one(IngestRunRow, run_id)
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


def recent_runs(engine: Engine, limit: int) -> list[IngestRun]:
    with Session(engine) as session:
        rows = session.scalars(
            select(IngestRunRow)
            .options(selectinload(IngestRunRow.feeds))
            .order_by(IngestRunRow.id.desc())
            .limit(limit)
        ).all()
        return [
            IngestRun(
                id=r.id,
                drop_path=r.drop_path,
                drop_fingerprint=r.drop_fingerprint,
                as_of=r.as_of,
                started_at=_utc(r.started_at) or r.started_at,
                finished_at=_utc(r.finished_at),
                status=r.status,
                feeds=tuple(
                    FeedCount(f.feed, f.rows_read, f.rows_stored, f.rows_quarantined)
                    for f in r.feeds
                ),
                message=r.message,
            )
            for r in rows
        ]
