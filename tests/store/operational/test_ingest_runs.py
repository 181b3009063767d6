"""Ingest runs and their feed counts, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from tessera.store.operational import FeedCount, IngestRun, OperationalStore

AS_OF = dt.date(2026, 6, 30)


def _start(store: OperationalStore, name: str = "a") -> int:
    return store.start_ingest_run(f"/drops/{name}", name * 64, AS_OF)


def test_a_started_run_is_running(store: OperationalStore) -> None:
    before = dt.datetime.now(dt.UTC)
    run = _start(store)
    [found] = store.ingest_runs()
    assert found == IngestRun(
        id=run,
        drop_path="/drops/a",
        drop_fingerprint="a" * 64,
        as_of=AS_OF,
        started_at=found.started_at,
        finished_at=None,
        status="running",
        feeds=(),
        message=None,
    )
    assert found.started_at.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=1) <= found.started_at <= dt.datetime.now(dt.UTC)


def test_a_run_round_trips_with_its_feed_counts(store: OperationalStore) -> None:
    first, second = _start(store, "a"), _start(store, "b")
    counts = [FeedCount("calls", 5, 5, 0), FeedCount("arrivals", 10, 8, 2)]
    store.finish_ingest_run(first, "succeeded", counts)
    store.finish_ingest_run(second, "failed", [], message="disk full")
    newest, oldest = store.ingest_runs()
    assert (newest.id, newest.status, newest.message, newest.feeds) == (
        second,
        "failed",
        "disk full",
        (),
    )
    assert (oldest.id, oldest.status, oldest.message) == (first, "succeeded", None)
    assert oldest.feeds == (FeedCount("arrivals", 10, 8, 2), FeedCount("calls", 5, 5, 0))
    assert (oldest.drop_path, oldest.drop_fingerprint, oldest.as_of) == (
        "/drops/a",
        "a" * 64,
        AS_OF,
    )
    assert oldest.finished_at is not None
    assert oldest.finished_at.utcoffset() == dt.timedelta(0)
    assert oldest.finished_at >= oldest.started_at


def test_finishing_again_replaces_the_feed_counts(store: OperationalStore) -> None:
    run = _start(store)
    store.finish_ingest_run(run, "failed", [FeedCount("calls", 1, 0, 1)], message="first try")
    store.finish_ingest_run(run, "succeeded", [FeedCount("wanted", 2, 2, 0)])
    [found] = store.ingest_runs()
    assert (found.status, found.message, found.feeds) == (
        "succeeded",
        None,
        (FeedCount("wanted", 2, 2, 0),),
    )


def test_runs_are_listed_newest_first_up_to_the_limit(store: OperationalStore) -> None:
    runs = [_start(store, name) for name in "abcde"]
    assert [r.id for r in store.ingest_runs()] == runs[::-1]
    assert [r.id for r in store.ingest_runs(limit=2)] == [runs[4], runs[3]]
    with pytest.raises(ValueError, match="limit"):
        store.ingest_runs(limit=0)


def test_unknown_statuses_are_refused_by_code_and_database(store: OperationalStore) -> None:
    run = _start(store)
    for status in ("exploded", "running"):
        with pytest.raises(ValueError, match="unknown run status"):
            store.finish_ingest_run(run, status, [])
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("UPDATE ingest_runs SET status = 'exploded'"))
    assert [r.status for r in store.ingest_runs()] == ["running"]


def test_finishing_a_run_that_does_not_exist_is_an_error(store: OperationalStore) -> None:
    with pytest.raises(LookupError, match="no ingest run with id 999"):
        store.finish_ingest_run(999, "succeeded", [])


def test_a_failed_finish_leaves_the_run_as_it_was(store: OperationalStore) -> None:
    run = _start(store)
    twice = [FeedCount("calls", 1, 1, 0), FeedCount("calls", 2, 2, 0)]
    with pytest.raises(IntegrityError):
        store.finish_ingest_run(run, "succeeded", twice)
    [found] = store.ingest_runs()
    assert (found.status, found.finished_at, found.feeds) == ("running", None, ())


def test_feed_counts_need_their_run_and_go_with_it(store: OperationalStore) -> None:
    kept, dropped = _start(store, "a"), _start(store, "b")
    store.finish_ingest_run(kept, "succeeded", [FeedCount("arrivals", 1, 1, 0)])
    store.finish_ingest_run(dropped, "succeeded", [FeedCount("arrivals", 2, 2, 0)])
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO ingest_run_feeds VALUES (999, 'calls', 1, 1, 0)"),
        )
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM ingest_runs WHERE id = :id"), {"id": dropped})
        left = connection.execute(text("SELECT run_id FROM ingest_run_feeds")).scalars().all()
    assert left == [kept]


def test_timestamps_come_back_in_utc_whatever_the_sessions_time_zone(store_url: str) -> None:
    url = make_url(store_url)
    if url.get_backend_name() == "postgresql":
        url = url.update_query_dict({"options": "-c timezone=Asia/Kolkata"})
    store = OperationalStore(url.render_as_string(hide_password=False))
    store.migrate()
    store.finish_ingest_run(_start(store), "succeeded", [])
    [found] = store.ingest_runs()
    store.dispose()
    assert found.finished_at is not None
    for stamp in (found.started_at, found.finished_at):
        assert stamp.tzinfo is dt.UTC
    assert dt.timedelta(0) <= dt.datetime.now(dt.UTC) - found.finished_at < dt.timedelta(minutes=1)
