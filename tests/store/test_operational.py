"""The operational store behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tessera.store.operational import FeedCount, OperationalStore
from tessera.store.operational.migrate import alembic_config
from tessera.store.operational.schema import Base


@pytest.fixture
def store(store_url: str) -> OperationalStore:
    s = OperationalStore(store_url)
    s.migrate()
    yield s  # type: ignore[misc]
    s.dispose()


def test_migrate_creates_the_tables_and_reaches_head(store: OperationalStore) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"ingest_runs", "ingest_run_feeds", "alembic_version"} <= tables
    head = ScriptDirectory.from_config(alembic_config(store.engine)).get_current_head()
    assert store.current_revision() == head
    store.migrate()  # a second time changes nothing
    assert store.current_revision() == head


def test_models_and_migrations_do_not_drift(store: OperationalStore) -> None:
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_a_run_round_trips_with_its_feed_counts(store: OperationalStore) -> None:
    first = store.start_ingest_run("/drops/a", "f" * 64, dt.date(2026, 6, 30))
    second = store.start_ingest_run("/drops/b", "e" * 64, dt.date(2026, 7, 31))
    counts = [FeedCount("arrivals", 10, 8, 2), FeedCount("calls", 5, 5, 0)]
    store.finish_ingest_run(first, "succeeded", counts)
    store.finish_ingest_run(second, "failed", [], message="disk full")
    newest, oldest = store.ingest_runs()
    assert (newest.id, newest.status, newest.message, newest.feeds) == (
        second,
        "failed",
        "disk full",
        (),
    )
    assert oldest.feeds == tuple(counts)
    assert oldest.as_of == dt.date(2026, 6, 30)
    assert oldest.finished_at is not None and oldest.finished_at.tzinfo is not None
    assert oldest.finished_at >= oldest.started_at


def test_unknown_statuses_are_refused_by_code_and_database(store: OperationalStore) -> None:
    run = store.start_ingest_run("/d", "a" * 64, dt.date(2026, 1, 1))
    with pytest.raises(ValueError, match="unknown run status"):
        store.finish_ingest_run(run, "exploded", [])
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("UPDATE ingest_runs SET status = 'exploded'"))


def test_feed_counts_go_with_their_run(store: OperationalStore) -> None:
    run = store.start_ingest_run("/d", "a" * 64, dt.date(2026, 1, 1))
    store.finish_ingest_run(run, "succeeded", [FeedCount("arrivals", 1, 1, 0)])
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM ingest_runs"))
        left = connection.execute(text("SELECT count(*) FROM ingest_run_feeds")).scalar()
    assert left == 0
