"""Engine creation, so that every part of Tessera (and Alembic's CLI) opens the store alike.

SQLite needs help to behave like the PostgreSQL we run in production: foreign keys are off
unless switched on per connection (without them ``ON DELETE CASCADE`` silently does nothing),
and the default rollback journal blocks readers while the ingest writes, which WAL does not.
A fresh data directory must also just work, so the SQLite file's folder is created here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url


def make_engine(url: str | URL) -> Engine:
    """An engine for ``url``: SQLite (file or memory) or PostgreSQL via psycopg 3."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # pre-ping: a long-lived CLI or service must survive a server restart.
        return create_engine(parsed, pool_pre_ping=True)
    if (
        parsed.database
        and parsed.database != ":memory:"
        and not parsed.database.startswith("file:")
    ):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives
        # the process being killed (the crash-safety test SIGKILLs the server), and only a
        # power cut could lose the last commits. Every read writes an audit entry, so a
        # fsync per commit would bound the whole service by the disk.
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
