"""The audit log's storage: appends chain, never fork under concurrency, and auditors'
queries find entries by user, person and date -- on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from tessera.model.audit import AuditEvent, AuditHead, AuditQuery
from tessera.security.audit_chain import GENESIS, first_problem, seal
from tessera.store.operational import AuditHeadMissingError, OperationalStore

T0 = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


def event(actor: str = "alice", person: str | None = "P-1", at: dt.datetime = T0) -> AuditEvent:
    return AuditEvent(
        at=at,
        actor=actor,
        actor_role="analyst",
        action="person:read",
        outcome="allowed",
        reason="an analyst may read a person's records",
        person_id=person,
        purpose_kind="lead",
        purpose_ref="L1",
        purpose_text="checking — adresse vérifiée",
    )


def test_a_new_log_is_empty_with_its_head_at_genesis(store: OperationalStore) -> None:
    assert store.audit.head() == AuditHead(0, GENESIS)
    assert list(store.audit.walk(10)) == []


def test_appends_chain_each_entry_to_the_one_before(store: OperationalStore) -> None:
    first = store.audit.append(event(), seal)
    second = store.audit.append(event("bob"), seal)
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    assert (second.seq, second.prev_hash) == (2, first.entry_hash)
    assert store.audit.head() == AuditHead(2, second.entry_hash)
    assert list(store.audit.walk(2)) == [first, second]  # read back exactly as written
    assert first_problem(store.audit.walk(2), store.audit.head()) is None


def test_a_batch_of_entries_chains_on_in_one_append(store: OperationalStore) -> None:
    first = store.audit.append(event(), seal)
    batch = store.audit.append_all([event("bob", "P-2"), event("bob", "P-3")], seal)
    assert [e.seq for e in batch] == [2, 3]
    assert batch[0].prev_hash == first.entry_hash and batch[1].prev_hash == batch[0].entry_hash
    assert store.audit.head() == AuditHead(3, batch[1].entry_hash)
    assert list(store.audit.walk(3)) == [first, *batch]
    assert first_problem(store.audit.walk(3), store.audit.head()) is None
    assert store.audit.append_all([], seal) == []


def test_walk_reads_in_batches_and_stops_at_the_given_entry(store: OperationalStore) -> None:
    for i in range(7):
        store.audit.append(event(person=f"P-{i}"), seal)
    assert [e.seq for e in store.audit.walk(5, batch=2)] == [1, 2, 3, 4, 5]
    assert [e.seq for e in store.audit.walk(7, batch=7)] == list(range(1, 8))


def test_concurrent_appends_never_fork_the_chain(store: OperationalStore) -> None:
    def append(worker: int) -> list[int]:
        return [store.audit.append(event(f"w{worker}", f"P-{i}"), seal).seq for i in range(15)]

    with ThreadPoolExecutor(max_workers=6) as pool:
        seqs = [seq for done in pool.map(append, range(6)) for seq in done]
    assert sorted(seqs) == list(range(1, 91))
    head = store.audit.head()
    assert head is not None and head.seq == 90
    assert first_problem(store.audit.walk(head.seq), head) is None


def test_without_its_head_the_log_takes_no_more_entries(store: OperationalStore) -> None:
    store.audit.append(event(), seal)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_head"))
    with pytest.raises(AuditHeadMissingError):
        store.audit.append(event(), seal)
    assert store.audit.head() is None
    assert [e.seq for e in store.audit.walk(10)] == [1]


def test_auditors_find_entries_by_user_person_and_date(store: OperationalStore) -> None:
    plan = [("alice", "P-1", 0), ("bob", "P-1", 1), ("alice", "P-2", 2), ("alice", None, 3)]
    for actor, person, day in plan:
        store.audit.append(event(actor, person, T0 + dt.timedelta(days=day)), seal)

    def seqs(**query: object) -> list[int]:
        return [e.seq for e in store.audit.find(AuditQuery(**query))]  # type: ignore[arg-type]

    assert seqs() == [4, 3, 2, 1]
    assert seqs(actor="alice") == [4, 3, 1]
    assert seqs(person_id="P-1") == [2, 1]
    assert seqs(actor="alice", person_id="P-1") == [1]
    assert seqs(since=T0 + dt.timedelta(days=1), until=T0 + dt.timedelta(days=3)) == [3, 2]
    local = dt.timezone(dt.timedelta(hours=-5))
    assert seqs(since=(T0 + dt.timedelta(days=2)).astimezone(local)) == [4, 3]
    assert seqs(limit=2) == [4, 3]
    assert seqs(limit=2, before_seq=3) == [2, 1]
    with pytest.raises(ValueError, match="limit"):
        seqs(limit=0)
