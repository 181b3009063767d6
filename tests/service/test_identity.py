"""Analysts' judgements and stable person ids, end to end: judged on one drop, honoured by
the pipeline on the next drop; ids kept when people gain records, redirected when they
merge."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from tessera.identity.people import find_person
from tessera.identity.person_ids import PersonIdError, person_id
from tessera.service.findings import assess, person_view
from tessera.service.identity import UnknownPersonError, explain_pair, explain_person, workspace
from tessera.service.judgements import (
    JudgementRefusedError,
    judge_merge,
    judge_not_same,
    judge_split,
    list_judgements,
    revoke_judgement,
)
from tessera.service.pipeline import run_pipeline
from tessera.settings import Settings
from tessera.synth import generate
from tests.service.identitykit import World, people, registry, second_drop


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    base = tmp_path_factory.mktemp("identity-world")
    generate(base / "drop", people=600, seed=11)
    run_pipeline(Settings(data_dir=base / "data"), base / "drop")
    return World(base / "drop", base / "data")


def _pick(
    found: dict[str, list[str]], *, arrivals: int, records: int, skip: Iterable[str] = ()
) -> str:
    """The first person (by id) with at least so many arrivals and records."""
    for person, keys in sorted(found.items()):
        trips = [k for k in keys if k.startswith("arrivals:")]
        if person not in set(skip) and len(trips) >= arrivals and len(keys) >= records:
            return person
    raise AssertionError("the world has no such person")


def _together(settings: Settings, keys: Iterable[str]) -> bool:
    owners = registry(settings)
    return len({owners[k] for k in keys}) == 1


def test_judgements_are_honoured_when_a_new_drop_is_run(world: World, tmp_path: Path) -> None:
    settings = world.copy(tmp_path / "data")
    before = people(settings)
    e = _pick(before, arrivals=2, records=3)
    q = _pick(before, arrivals=1, records=2, skip=[e])
    a = _pick(before, arrivals=1, records=1, skip=[e, q])
    b = _pick(before, arrivals=1, records=1, skip=[e, q, a])
    e_trip = next(k for k in before[e] if k.startswith("arrivals:"))
    r = next(k for k in before[e] if k != e_trip)
    q1 = next(k for k in before[q] if k.startswith("arrivals:"))
    q_rest = [k for k in before[q] if k != q1]

    judge_split(settings, [r], "carol", "another traveller's record")
    # q1 and the rest of Q: apart by a split, then by "not the same", then the split is
    # revoked: only the not-same judgement keeps apart what the score ties.
    split_q = judge_split(settings, [q1], "dave", "checking").judgement
    q1_person = registry(settings)[q1]
    judge_not_same(settings, q, q1_person, "dave", "different fingerprints on paper file")
    revoke_judgement(settings, split_q.id, "dave", "the not-same judgement says it")
    merged = judge_merge(settings, a, b, "alice", "same person, two spellings")
    assert not _together(settings, [q1, *q_rest])

    # The new drop: E travels again, and so does q1's traveller, whose new record ties to
    # q1 and to the rest of Q alike; and a stranger arrives.
    new_e, new_q = "99900000002", "99900000003"
    drop = second_drop(tmp_path / "drop2", world.drop, {e_trip[9:]: new_e, q1[9:]: new_q})
    report = run_pipeline(settings, drop)
    assert report.ingest.rows_read == 3
    after = registry(settings)

    assert after[r] != after[e_trip]  # the split stays split ...
    assert after[e_trip] == e and after[f"arrivals:{new_e}"] == e  # ... and E keeps the id
    assert not _together(settings, [q1, *q_rest])  # not the same, whatever the score
    survivor = min((a, b), key=lambda p: (-len(before[p]), p))  # most records, then oldest
    assert _together(settings, before[a] + before[b]) and after[before[a][0]] == survivor
    assert merged.redirects[0].new_id == survivor
    with workspace(settings, read_only=True) as con:
        absorbed = b if survivor == a else a
        assert find_person(con, absorbed).person_id == survivor

    # Revoking the not-same judgement lets the score join them again: it was holding.
    [not_same] = [j for j in list_judgements(settings, active_only=True) if j.kind == "not_same"]
    revoke_judgement(settings, not_same.id, "erin", "file reviewed again")
    assert _together(settings, [q1, *q_rest, f"arrivals:{new_q}"])


def test_ids_hold_when_a_drop_adds_records_and_others_do_not_change(
    world: World, tmp_path: Path
) -> None:
    settings = world.copy(tmp_path / "data")
    before = people(settings)
    p = _pick(before, arrivals=2, records=2)
    trips = [k for k in before[p] if k.startswith("arrivals:")]
    drop = second_drop(tmp_path / "drop2", world.drop, {trips[0][9:]: "99900000009"})
    run_pipeline(settings, drop)
    after = people(settings)
    assert after[p] == sorted([*before[p], "arrivals:99900000009"])
    unchanged = [q for q, keys in before.items() if after.get(q) == keys]
    assert len(unchanged) >= 0.97 * (len(before) - 1)
    stranger = registry(settings)["arrivals:99900000001"]
    assert stranger not in before and after[stranger] == ["arrivals:99900000001"]


def test_a_merge_is_refused_while_a_not_same_judgement_holds(world: World, tmp_path: Path) -> None:
    settings = world.copy(tmp_path / "data")
    found = people(settings)
    a = _pick(found, arrivals=1, records=1)
    b = _pick(found, arrivals=1, records=1, skip=[a])
    apart = judge_not_same(settings, a, b, "bob", "two people").judgement
    with pytest.raises(JudgementRefusedError, match=f"judgement {apart.id} .*revoke it first"):
        judge_merge(settings, b, a, "alice", "same")
    assert [j.kind for j in list_judgements(settings)] == ["not_same"]
    revoke_judgement(settings, apart.id, "bob", "mistaken")
    judge_merge(settings, a, b, "alice", "same after all")
    assert _together(settings, found[a] + found[b])


def test_judgements_that_make_no_sense_are_refused_and_nothing_is_stored(
    world: World, tmp_path: Path
) -> None:
    settings = world.copy(tmp_path / "data")
    found = people(settings)
    a = _pick(found, arrivals=1, records=2)
    b = _pick(found, arrivals=1, records=1, skip=[a])
    cases = [
        (
            lambda: judge_merge(settings, a, a.lower(), "x", "y"),
            JudgementRefusedError,
            "one person",
        ),
        (lambda: judge_merge(settings, a, b, "x", " "), JudgementRefusedError, "a reason"),
        (lambda: judge_merge(settings, a, b, "", "y"), JudgementRefusedError, "an analyst"),
        (lambda: judge_merge(settings, a, person_id(99_999), "x", "y"), UnknownPersonError, "no"),
        (lambda: judge_merge(settings, a, a[:-1] + "?", "x", "y"), PersonIdError, "not a person"),
        (lambda: judge_split(settings, found[a], "x", "y"), JudgementRefusedError, "all the"),
        (
            lambda: judge_split(settings, [found[a][0], found[b][0]], "x", "y"),
            JudgementRefusedError,
            "one person at a time",
        ),
        (lambda: judge_split(settings, ["nope:1"], "x", "y"), JudgementRefusedError, "no person"),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()
    assert list_judgements(settings) == []


def test_an_old_id_explains_the_person_it_was_merged_into(world: World, tmp_path: Path) -> None:
    settings = world.copy(tmp_path / "data")
    found = people(settings)
    a = _pick(found, arrivals=1, records=2)
    b = _pick(found, arrivals=1, records=1, skip=[a])
    outcome = judge_merge(settings, a, b, "alice", "same person")
    assert [(r.old_id, r.new_id) for r in outcome.redirects] == [(b, a)]
    view = explain_person(settings, b)
    assert view.explanation.person_id == a and [r.old_id for r in view.lookup.via] == [b]
    assert {r.key for r in view.explanation.records} == set(found[a] + found[b])
    assert [t.judgement_id for t in view.explanation.ties].count(outcome.judgement.id) == 1
    assert [j.id for j in view.judgements] == [outcome.judgement.id]
    pair = explain_pair(settings, found[a][0], found[b][0])
    assert pair.person_l == pair.person_r == a
    assert [j.id for j in pair.judgements] == [outcome.judgement.id]


def test_a_dossier_asked_for_by_an_old_id_shows_the_live_person(
    world: World, tmp_path: Path
) -> None:
    settings = world.copy(tmp_path / "data")
    found = people(settings)
    a = _pick(found, arrivals=1, records=2)
    b = _pick(found, arrivals=1, records=1, skip=[a])
    judge_merge(settings, a, b, "alice", "same person")
    assess(settings)
    view = person_view(settings, b)
    assert view.standing.entity_id == a and view.asked_for == b
    assert person_view(settings, a).asked_for == ""
