"""The operational store: the transactional side (ingest runs today; users, judgements,
leads, cases and the audit log as they arrive). SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine

from tessera.store.operational import ingest_runs
from tessera.store.operational.engine import make_engine
from tessera.store.operational.ingest_runs import FeedCount, IngestRun
from tessera.store.operational.migrate import current_revision, upgrade_to_head

__all__ = ["FeedCount", "IngestRun", "OperationalStore"]


class OperationalStore:
    """One database, migrated by Alembic, behind a narrow set of operations."""

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url)

    @property
    def engine(self) -> Engine:
        return self._engine

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is there)."""
        upgrade_to_head(self._engine)

    def current_revision(self) -> str | None:
        return current_revision(self._engine)

    def start_ingest_run(self, drop_path: str, drop_fingerprint: str, as_of: dt.date) -> int:
        return ingest_runs.start_run(self._engine, drop_path, drop_fingerprint, as_of)

    def finish_ingest_run(
        self, run_id: int, status: str, feeds: Sequence[FeedCount], message: str | None = None
    ) -> None:
        ingest_runs.finish_run(self._engine, run_id, status, feeds, message)

    def ingest_runs(self, limit: int = 20) -> list[IngestRun]:
        return ingest_runs.recent_runs(self._engine, limit)

    def dispose(self) -> None:
        self._engine.dispose()
