"""The operational store: the transactional side of Tessera (ingest runs today; users,
judgements, leads, cases and the audit log as they arrive).

SQLite by default, PostgreSQL by URL (``postgresql+psycopg://...``), behaving the same on
both. The face is kept narrow -- a handful of operations returning frozen dataclasses -- so
callers never hold sessions or ORM rows and the tables can change behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine

from tessera.store.operational.engine import make_engine
from tessera.store.operational.ingest_runs import (
    FeedCount,
    IngestRun,
    finish_run,
    recent_runs,
    start_run,
)
from tessera.store.operational.migrate import current_revision, upgrade_to_head

__all__ = ["FeedCount", "IngestRun", "OperationalStore"]


class OperationalStore:
    """One database, migrated by Alembic, behind a narrow set of operations."""

    def __init__(self, url: str) -> None:
        """Open (lazily) the database at SQLAlchemy ``url``; nothing connects yet."""
        self._engine = make_engine(url)

    @property
    def engine(self) -> Engine:
        return self._engine

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is there)."""
        upgrade_to_head(self._engine)

    def current_revision(self) -> str | None:
        """The schema revision the database is at; ``None`` if never migrated."""
        return current_revision(self._engine)

    def start_ingest_run(self, drop_path: str, drop_fingerprint: str, as_of: dt.date) -> int:
        """Record that an ingest of a drop has begun (status ``running``); returns its id."""
        return start_run(self._engine, drop_path, drop_fingerprint, as_of)

    def finish_ingest_run(
        self, run_id: int, status: str, feeds: Sequence[FeedCount], message: str | None = None
    ) -> None:
        """Record how a run ended (``succeeded`` or ``failed``) and what each feed held."""
        finish_run(self._engine, run_id, status, feeds, message)

    def ingest_runs(self, limit: int = 20) -> list[IngestRun]:
        """The most recent ingest runs, newest first."""
        return recent_runs(self._engine, limit)

    def dispose(self) -> None:
        """Close the engine's pooled connections."""
        self._engine.dispose()
