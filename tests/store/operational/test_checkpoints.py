"""WAL checkpoints from a thread of the server's own, not inside the commits of requests."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import text

from tessera.store.operational import OperationalStore
from tessera.store.operational.checkpoints import BackgroundCheckpoints

PAGES_PAST_THRESHOLD = 40 * 50  # rows of ~4 KB: twice SQLite's 1,000-page threshold


def _store(tmp_path: Path) -> OperationalStore:
    store = OperationalStore(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with store.engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x TEXT)"))
    return store


def _autocheckpoint(store: OperationalStore) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("PRAGMA wal_autocheckpoint")).scalar_one())


def _write(store: OperationalStore) -> None:
    for _ in range(PAGES_PAST_THRESHOLD // 50):
        with store.engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (:x)"), [{"x": "x" * 4000}] * 50)


def _log_pages(store: OperationalStore) -> int:
    """Pages in the write-ahead log (what a checkpoint finds there)."""
    with store.engine.connect() as connection:
        return int(connection.execute(text("PRAGMA wal_checkpoint(PASSIVE)")).one()[1])


def test_no_commit_checkpoints_while_the_server_does(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert _autocheckpoint(store) == 1000  # SQLite's default, for the CLI's batch writers
    checkpoints = BackgroundCheckpoints(store.engine, interval=3600)
    checkpoints.start()
    try:
        assert _autocheckpoint(store) == 0
        _write(store)
        # No commit copied the log back on its own: it holds every page written.
        assert _log_pages(store) >= PAGES_PAST_THRESHOLD
    finally:
        checkpoints.stop()
    assert _autocheckpoint(store) == 1000
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM t")).scalar_one() == 2000
    store.dispose()


def test_the_thread_checkpoints_on_its_interval(tmp_path: Path) -> None:
    store = _store(tmp_path)
    checkpoints = BackgroundCheckpoints(store.engine, interval=0.05)
    checkpoints.start()
    try:
        _write(store)
        deadline = time.monotonic() + 10
        while checkpoints.done < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert checkpoints.done >= 2
    finally:
        checkpoints.stop()
    store.dispose()


def test_nothing_runs_for_an_in_memory_database() -> None:
    store = OperationalStore("sqlite://")
    checkpoints = store.background_checkpoints()
    assert not checkpoints.applies
    checkpoints.start()
    checkpoints.stop()
    assert checkpoints.done == 0
