"""Judgements as use cases (``service.judging``) on a private copy of the published sample:
each one decided by the policy and in the audit log with its purpose, recorded under the
user's name, and published at once (search, dossiers, redirects); "not the same" never
overridden by a later merge; a reason always required; a role that does not judge
refused."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tessera.model.access import PurposeKind, Role
from tessera.model.audit import AuditEvent
from tessera.security import Principal, Purpose
from tessera.service.access import AccessDeniedError
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.service.judging import (
    compare_people,
    list_judgements,
    merge_people,
    not_same_people,
    revoke,
    split_records,
)
from tessera.service.operational import open_operational_store
from tessera.service.people import dossier, subject_facts
from tessera.settings import Settings
from tessera.store.operational import OperationalStore

LEAD = Purpose(PurposeKind.lead, "L-77", "checking two records of one traveller")
ALICE = Principal(1, "alice", Role.analyst)
ROSA = Principal(2, "rosa", Role.removal_officer)


@dataclass(frozen=True)
class Judged:
    settings: Settings
    store: OperationalStore


@pytest.fixture
def judged(sample_pipeline: Settings, tmp_path: Path) -> Iterator[Judged]:
    """A private copy of the sample's data directory (judgements rewrite the workspace)."""
    shutil.copytree(sample_pipeline.data_dir, tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data")
    store = open_operational_store(settings)
    yield Judged(settings, store)
    store.dispose()


def noncitizens(world: Judged, *, records: int, count: int = 2) -> list[str]:
    """``count`` people with exactly ``records`` records, noncitizens by the records and not
    protected by 8 U.S.C. 1367 (people nobody has reason to keep apart)."""
    con = duckdb.connect(str(world.settings.workspace_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT r.person_id FROM person_registry r JOIN status_people s "
            "ON s.entity_id = r.person_id WHERE s.standing = 'NONCITIZEN' "
            "GROUP BY r.person_id HAVING count(*) = ? ORDER BY r.person_id",
            [records],
        ).fetchall()
    finally:
        con.close()
    found = []
    for (person,) in rows:
        facts = subject_facts(world.store, str(person))
        if facts is not None and not facts.protected_1367:
            found.append(str(person))
    assert len(found) >= count, "the sample has too few such people"
    return found[:count]


def record_keys(world: Judged, person_id: str) -> list[str]:
    read = dossier(world.store, ALICE, LEAD, person_id)
    return [r.key for r in read.links.records]


def audit_events(store: OperationalStore) -> list[AuditEvent]:
    head = store.audit.head()
    assert head is not None
    return [entry.event for entry in store.audit.walk(head.seq)]


def test_a_merge_is_published_at_once_and_the_absorbed_id_leads_to_the_survivor(
    judged: Judged,
) -> None:
    a, b = noncitizens(judged, records=2)
    keys = record_keys(judged, a) + record_keys(judged, b)
    done = merge_people(judged.settings, judged.store, ALICE, LEAD, a, b, "same A-number, typo")
    survivor = done.person_id
    [gone] = {a, b} - {survivor}
    assert done.people == (survivor,) and done.redirects == ((gone, survivor),)
    absorbed = dossier(judged.store, ALICE, LEAD, gone)
    assert absorbed.person_id == survivor and absorbed.asked_for == gone
    assert sorted(r.key for r in absorbed.links.records) == sorted(keys)
    assert [t.judgement_id for t in absorbed.links.ties if t.judgement_id] == [done.judgement.id]
    [recorded] = list_judgements(judged.store, ALICE, LEAD)
    assert (recorded.kind, recorded.analyst, recorded.reason) == (
        "merge",
        "alice",
        "same A-number, typo",
    )


def test_every_judgement_is_in_the_audit_log_with_its_purpose(judged: Judged) -> None:
    a, b = noncitizens(judged, records=2)
    before = len(audit_events(judged.store))
    done = not_same_people(judged.settings, judged.store, ALICE, LEAD, a, b, "different fathers")
    added = audit_events(judged.store)[before:]
    judging = [e for e in added if e.action == "identity:judge"]
    assert {e.person_id for e in judging} >= {a, b}
    assert all(e.actor == "alice" and e.outcome == "allowed" for e in judging)
    assert all((e.purpose_kind, e.purpose_ref) == ("lead", "L-77") for e in judging)
    assert any(f"judgement {done.judgement.id} (not_same)" in e.reason for e in judging)


def test_not_the_same_is_never_overridden_by_a_later_merge(judged: Judged) -> None:
    a, b = noncitizens(judged, records=2)
    apart = not_same_people(judged.settings, judged.store, ALICE, LEAD, a, b, "two brothers")
    with pytest.raises(ConflictError, match=f"judgement {apart.judgement.id} \\(not_same"):
        merge_people(judged.settings, judged.store, ALICE, LEAD, a, b, "looks the same")
    assert dossier(judged.store, ALICE, LEAD, b).person_id == b
    revoke(judged.settings, judged.store, ALICE, LEAD, apart.judgement.id, "wrong pair")
    merged = merge_people(judged.settings, judged.store, ALICE, LEAD, a, b, "one after all")
    assert len(merged.people) == 1 and merged.person_id in {a, b}
    with pytest.raises(ConflictError, match="already revoked"):
        revoke(judged.settings, judged.store, ALICE, LEAD, apart.judgement.id, "again")


def test_a_split_gives_the_records_a_person_of_their_own(judged: Judged) -> None:
    [person] = noncitizens(judged, records=3, count=1)
    keys = record_keys(judged, person)
    done = split_records(judged.settings, judged.store, ALICE, LEAD, keys[:1], "another man")
    assert done.person_id == person
    left = dossier(judged.store, ALICE, LEAD, person)
    assert sorted(r.key for r in left.links.records) == sorted(keys[1:])
    [other] = [p for p in done.people if p != person]
    assert [r.key for r in dossier(judged.store, ALICE, LEAD, other).links.records] == keys[:1]


def test_a_judgement_needs_a_reason_and_people_that_exist(judged: Judged) -> None:
    a, b = noncitizens(judged, records=2)
    with pytest.raises(InvalidRequestError, match="reason"):
        merge_people(judged.settings, judged.store, ALICE, LEAD, a, b, "   ")
    with pytest.raises(NotFoundError):
        merge_people(judged.settings, judged.store, ALICE, LEAD, a, "P0000000", "x")
    with pytest.raises(ConflictError, match="one person"):
        merge_people(judged.settings, judged.store, ALICE, LEAD, a, a, "x")
    with pytest.raises(NotFoundError):
        split_records(judged.settings, judged.store, ALICE, LEAD, ["arrivals:none"], "x")
    assert list_judgements(judged.store, ALICE, LEAD) == []


def test_a_role_that_does_not_judge_is_refused_and_nothing_changes(judged: Judged) -> None:
    a, b = noncitizens(judged, records=2)
    with pytest.raises(AccessDeniedError, match="may not judge"):
        merge_people(judged.settings, judged.store, ROSA, LEAD, a, b, "same man")
    refusal = audit_events(judged.store)[-1]
    assert (refusal.actor, refusal.outcome, refusal.action) == ("rosa", "denied", "identity:judge")
    assert refusal.person_id == a
    with pytest.raises(AccessDeniedError):
        list_judgements(judged.store, ROSA, LEAD)
    assert dossier(judged.store, ALICE, LEAD, b).person_id == b


def test_the_comparison_explains_the_closest_records_of_the_two(judged: Judged) -> None:
    a, b = noncitizens(judged, records=2)
    seen = compare_people(judged.settings, judged.store, ALICE, LEAD, a, b)
    assert (seen.a.person_id, seen.b.person_id) == (a, b)
    assert seen.explanation is not None
    pair = seen.explanation.pair
    assert {seen.explanation.person_l, seen.explanation.person_r} == {a, b}
    added = pair.prior + sum(f.total for f in pair.features)
    assert added == pytest.approx(pair.match_weight, abs=0.01)
