"""WAL checkpoints off the request path, for a server on SQLite.

SQLite copies the write-ahead log back into the database file (a *checkpoint*) inside
whichever commit crosses ``wal_autocheckpoint`` pages, and with ``synchronous=NORMAL``
that checkpoint is where the disk is synced. Every read the service answers commits an
audit entry, so one request in a few hundred paid for a checkpoint of everyone's writes:
the tail of the latency. A server turns automatic checkpoints off on its connections and
runs them from one thread of its own instead, every ``interval`` seconds, in PASSIVE
mode (never waiting for readers or writers). The CLI's batch writers keep SQLite's
default.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, event, text

DEFAULT_INTERVAL = 1.0
"""Seconds between checkpoints: the log stays a few hundred pages at 50 requests/s."""


def _no_autocheckpoint(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA wal_autocheckpoint=0")
    finally:
        cursor.close()


class BackgroundCheckpoints:
    """A daemon thread checkpointing a SQLite engine's WAL; nothing for other databases."""

    def __init__(self, engine: Engine, interval: float = DEFAULT_INTERVAL) -> None:
        self._engine = engine
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.done = 0
        """Checkpoints run so far (for tests and diagnostics)."""

    @property
    def applies(self) -> bool:
        """A SQLite file (an in-memory database would not survive reopening)."""
        database = self._engine.url.database or ""
        return self._engine.dialect.name == "sqlite" and database not in ("", ":memory:")

    def start(self) -> None:
        """Turn automatic checkpoints off on the engine's connections (pooled ones are
        closed and reopened) and start checkpointing every ``interval`` seconds."""
        if not self.applies or self._thread is not None:
            return
        event.listen(self._engine, "connect", _no_autocheckpoint)
        self._engine.dispose()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
        self._thread.start()

    def checkpoint(self) -> None:
        with self._engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))
        self.done += 1

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.checkpoint()

    def stop(self) -> None:
        """Stop the thread after a last checkpoint; automatic checkpoints come back."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        self.checkpoint()
        event.remove(self._engine, "connect", _no_autocheckpoint)
        self._engine.dispose()
