"""SQLite is opened so that it behaves like PostgreSQL: folder created, FKs on, WAL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from tessera.store.operational import FeedCount, OperationalStore
from tessera.store.operational.engine import make_engine


def test_the_sqlite_files_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "store.sqlite3"
    store = OperationalStore(f"sqlite:///{path}")
    assert path.parent.is_dir()
    store.migrate()
    store.dispose()
    assert path.is_file()


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_an_in_memory_sqlite_store_works(tmp_path: Path) -> None:
    store = OperationalStore("sqlite://")
    store.migrate()
    run = store.start_ingest_run("/d", "a" * 64, dt.date(2026, 1, 1))
    store.finish_ingest_run(run, "succeeded", [FeedCount("calls", 3, 3, 0)])
    assert [r.feeds for r in store.ingest_runs()] == [(FeedCount("calls", 3, 3, 0),)]
    store.dispose()
    assert list(tmp_path.iterdir()) == []
