"""The operational store: the transactional side of Tessera (ingest runs, analysts'
identity judgements, users with their API keys and the audit log today; leads and cases
as they arrive).

SQLite by default, PostgreSQL by URL (``postgresql+psycopg://...``), behaving the same on
both. The face is kept narrow -- a handful of operations returning frozen dataclasses -- so
callers never hold sessions or ORM rows and the tables can change behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import Engine

from tessera.store.operational import judgements
from tessera.store.operational.audit_log import AuditHeadMissingError, AuditLog
from tessera.store.operational.checkpoints import BackgroundCheckpoints
from tessera.store.operational.engine import make_engine
from tessera.store.operational.ingest_runs import (
    FeedCount,
    IngestRun,
    finish_run,
    recent_runs,
    start_run,
)
from tessera.store.operational.judgements import JudgedRecord, RecordedJudgement
from tessera.store.operational.leads import LeadTable
from tessera.store.operational.migrate import current_revision, upgrade_to_head
from tessera.store.operational.published import PublishedResults
from tessera.store.operational.status_desk import EnforcementRequestTable, StatusQueryTable
from tessera.store.operational.users import (
    ApiKeyRecord,
    NewUser,
    PartnerFields,
    UsernameTakenError,
    UserRecord,
    UserTable,
)

__all__ = [
    "ApiKeyRecord",
    "AuditHeadMissingError",
    "AuditLog",
    "FeedCount",
    "IngestRun",
    "JudgedRecord",
    "NewUser",
    "OperationalStore",
    "PartnerFields",
    "RecordedJudgement",
    "UserRecord",
    "UserTable",
    "UsernameTakenError",
]


class OperationalStore:
    """One database, migrated by Alembic, behind a narrow set of operations."""

    def __init__(self, url: str) -> None:
        """Open (lazily) the database at SQLAlchemy ``url``; nothing connects yet."""
        self._engine = make_engine(url)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def users(self) -> UserTable:
        """User accounts and their API keys."""
        return UserTable(self._engine)

    @property
    def audit(self) -> AuditLog:
        """The hash-chained audit log."""
        return AuditLog(self._engine)

    @property
    def published(self) -> PublishedResults:
        """The pipeline's published results: people, statements, timelines, findings."""
        return PublishedResults(self._engine)

    @property
    def leads(self) -> LeadTable:
        """Leads in their units' queues, with their history."""
        return LeadTable(self._engine)

    @property
    def status_queries(self) -> StatusQueryTable:
        """The status-query desk's queries, their candidates and responses."""
        return StatusQueryTable(self._engine)

    @property
    def enforcement_requests(self) -> EnforcementRequestTable:
        """Enforcement requests (detainers) and their approvals."""
        return EnforcementRequestTable(self._engine)

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

    def record_judgement(
        self, kind: str, analyst: str, reason: str, records: Sequence[JudgedRecord]
    ) -> RecordedJudgement:
        """Store an analyst's judgement (``merge``, ``split`` or ``not_same``) about
        ``records`` (two sides, ``a`` and ``b``); analyst and reason are required."""
        return judgements.record(self._engine, kind, analyst, reason, records)

    def revoke_judgement(self, judgement_id: int, analyst: str, reason: str) -> RecordedJudgement:
        """Revoke an active judgement (it stays on record, marked revoked)."""
        return judgements.revoke(self._engine, judgement_id, analyst, reason)

    def judgements(self, *, active_only: bool = False) -> list[RecordedJudgement]:
        """Every judgement (or only the active ones), oldest first."""
        return judgements.listed(self._engine, active_only=active_only)

    def judgements_concerning(self, record_keys: Iterable[str]) -> list[RecordedJudgement]:
        """Every judgement, revoked ones too, that names any of ``record_keys``."""
        return judgements.concerning(self._engine, record_keys)

    def background_checkpoints(self) -> BackgroundCheckpoints:
        """For a server: WAL checkpoints from a thread of its own, not inside requests
        (``checkpoints.py``; nothing on PostgreSQL). Start it, and stop it on shutdown."""
        return BackgroundCheckpoints(self._engine)

    def dispose(self) -> None:
        """Close the engine's pooled connections."""
        self._engine.dispose()
