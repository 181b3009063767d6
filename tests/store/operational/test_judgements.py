"""Analysts' judgements in the operational store, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tessera.store.operational import JudgedRecord, OperationalStore

MERGE = [
    JudgedRecord("a", "P0000012", "arrivals:1"),
    JudgedRecord("a", "P0000012", "benefits:X1"),
    JudgedRecord("b", "P0000024", "court:C9"),
]


def test_a_judgement_round_trips_with_its_records(store: OperationalStore) -> None:
    before = dt.datetime.now(dt.UTC)
    made = store.record_judgement("merge", " alice ", "same passport, same face", MERGE[::-1])
    [found] = store.judgements()
    assert found == made
    assert (found.kind, found.analyst, found.reason, found.active) == (
        "merge",
        "alice",
        "same passport, same face",
        True,
    )
    assert found.records == tuple(sorted(MERGE))
    assert found.side("a") == ("arrivals:1", "benefits:X1") and found.side("b") == ("court:C9",)
    assert found.person_ids("a") == ("P0000012",) and found.person_ids("b") == ("P0000024",)
    assert found.made_at.tzinfo is dt.UTC
    assert before - dt.timedelta(seconds=1) <= found.made_at <= dt.datetime.now(dt.UTC)


@pytest.mark.parametrize(
    ("kind", "analyst", "reason", "records", "message"),
    [
        ("merge", "alice", "  ", MERGE, "a reason"),
        ("merge", "", "why", MERGE, "an analyst"),
        ("maybe", "alice", "why", MERGE, "unknown judgement kind"),
        ("not_same", "alice", "why", MERGE[:2], "two sides"),
        ("split", "alice", "why", [*MERGE, JudgedRecord("b", "P1", "arrivals:1")], "twice"),
    ],
)
def test_incomplete_judgements_are_refused(
    store: OperationalStore,
    kind: str,
    analyst: str,
    reason: str,
    records: list[JudgedRecord],
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        store.record_judgement(kind, analyst, reason, records)
    assert store.judgements() == []


@pytest.mark.parametrize(
    "values",
    [
        "'maybe', 'alice', 'why'",
        "'merge', 'alice', '   '",
        "'merge', '', 'why'",
    ],
)
def test_the_database_refuses_them_too(store: OperationalStore, values: str) -> None:
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(
            text(
                f"INSERT INTO judgements (kind, analyst, reason, made_at) "
                f"VALUES ({values}, CURRENT_TIMESTAMP)"
            )
        )


def test_a_revoked_judgement_stays_on_record(store: OperationalStore) -> None:
    first = store.record_judgement("merge", "alice", "same person", MERGE)
    second = store.record_judgement("not_same", "bob", "different fingerprints", MERGE)
    revoked = store.revoke_judgement(first.id, "carol", "the passports differ")
    assert not revoked.active and revoked.records == first.records
    assert (revoked.revoked_by, revoked.revoke_reason) == ("carol", "the passports differ")
    assert revoked.revoked_at is not None and revoked.revoked_at >= revoked.made_at
    assert [j.id for j in store.judgements()] == [first.id, second.id]
    assert [j.id for j in store.judgements(active_only=True)] == [second.id]
    with pytest.raises(ValueError, match="already revoked by carol"):
        store.revoke_judgement(first.id, "dave", "again")
    with pytest.raises(LookupError, match="no judgement with id 999"):
        store.revoke_judgement(999, "dave", "why")
    with pytest.raises(ValueError, match="a reason to revoke"):
        store.revoke_judgement(second.id, "dave", " ")
    assert store.judgements(active_only=True)[0].active


@pytest.mark.parametrize(
    "change",
    [
        "revoked_at = CURRENT_TIMESTAMP",
        "revoked_at = CURRENT_TIMESTAMP, revoked_by = 'carol'",
        "revoked_at = CURRENT_TIMESTAMP, revoked_by = 'carol', revoke_reason = ' '",
        "revoked_by = 'carol', revoke_reason = 'why'",
    ],
)
def test_a_revocation_is_complete_or_absent(store: OperationalStore, change: str) -> None:
    made = store.record_judgement("merge", "alice", "same person", MERGE)
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text(f"UPDATE judgements SET {change} WHERE id = :id"), {"id": made.id})
    assert store.judgements()[0].active


def test_judgements_are_found_by_any_record_they_name(store: OperationalStore) -> None:
    merge = store.record_judgement("merge", "alice", "same person", MERGE)
    split = store.record_judgement(
        "split",
        "bob",
        "wrong person",
        [JudgedRecord("a", "P0000036", "custody:B1"), JudgedRecord("b", "P0000036", "court:C9")],
    )
    store.revoke_judgement(merge.id, "carol", "undo")
    assert [j.id for j in store.judgements_concerning(["court:C9"])] == [merge.id, split.id]
    assert [j.id for j in store.judgements_concerning(["custody:B1", "x:1"])] == [split.id]
    assert store.judgements_concerning(["x:1"]) == []


def test_a_judgements_records_go_with_it_and_are_indexed_by_record(
    store: OperationalStore,
) -> None:
    made = store.record_judgement("merge", "alice", "same person", MERGE)
    indexes = inspect(store.engine).get_indexes("judgement_records")
    assert ("ix_judgement_records_record_key", ["record_key"]) in [
        (i["name"], i["column_names"]) for i in indexes
    ]
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("INSERT INTO judgement_records VALUES (999, 'x:1', 'a', 'P1')"))
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM judgements WHERE id = :id"), {"id": made.id})
        left = connection.execute(text("SELECT count(*) FROM judgement_records")).scalar()
    assert left == 0
