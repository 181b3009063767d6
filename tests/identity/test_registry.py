"""Stable person ids: kept when people grow or others change, redirected when they merge,
the largest part keeping the id when they split; never issued twice."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.identity.people import find_person
from tessera.identity.person_ids import person_id
from tessera.identity.registry import MERGED, WITHDRAWN, Naming, ensure_registry, name_people
from tests.identity.clusterkit import records_table

AT = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)


class Registry:
    """A workspace whose clusters a test sets by hand, run after run."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.con = duckdb.connect()
        records_table(self.con, {k: {} for k in keys})
        ensure_registry(self.con)
        self.seed = 0

    def run(self, clusters: Sequence[Sequence[str]]) -> Naming:
        # Cluster keys mean nothing across runs: make them different every time.
        self.seed += 1
        labels = random.Random(self.seed).sample(range(10_000), len(clusters))
        rows = [
            (k, f"c{label}") for label, group in zip(labels, clusters, strict=True) for k in group
        ]
        self.con.execute(
            "CREATE OR REPLACE TABLE person_clusters (unique_id VARCHAR, cluster_key VARCHAR)"
        )
        self.con.executemany("INSERT INTO person_clusters VALUES (?, ?)", rows)
        return name_people(self.con, AT)

    def ids(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT unique_id, person_id FROM person_registry").fetchall())

    def id_of(self, key: str) -> str:
        return self.ids()[key]


KEYS = [f"k:{i}" for i in range(10)]


def test_first_ids_follow_the_first_record_and_fill_record_entities() -> None:
    reg = Registry(KEYS)
    naming = reg.run([["k:5", "k:6"], ["k:0", "k:9"], ["k:1"]])
    assert (naming.people, naming.created, naming.kept) == (3, 3, 0)
    assert reg.id_of("k:0") == person_id(1) and reg.id_of("k:1") == person_id(2)
    assert reg.id_of("k:5") == reg.id_of("k:6") == person_id(3)
    entities = reg.con.execute("SELECT feed, record_id, entity_id FROM record_entities").fetchall()
    assert sorted(entities) == sorted(
        ("k", k[2:], reg.id_of(k)) for k in ["k:0", "k:1", "k:5", "k:6", "k:9"]
    )


def test_the_same_people_keep_their_ids() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0", "k:1"], ["k:2"]])
    before = reg.ids()
    naming = reg.run([["k:2"], ["k:1", "k:0"]])
    assert reg.ids() == before
    assert (naming.kept, naming.created, naming.redirects) == (2, 0, ())


def test_a_person_who_gains_records_keeps_the_id_and_a_new_person_gets_a_new_one() -> None:
    reg = Registry(KEYS)
    reg.run([["k:3", "k:4"], ["k:7"]])
    before = reg.ids()
    naming = reg.run([["k:0", "k:3", "k:4"], ["k:7"], ["k:1"]])
    assert reg.id_of("k:0") == before["k:3"] and reg.id_of("k:7") == before["k:7"]
    assert reg.id_of("k:1") == person_id(3)
    assert (naming.kept, naming.created) == (2, 1)


def test_unrelated_people_keep_their_ids_when_others_merge_and_split() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0", "k:1"], ["k:2", "k:3"], ["k:4"], ["k:5", "k:6", "k:7"]])
    before = reg.ids()
    reg.run([["k:0", "k:1"], ["k:2", "k:3", "k:4"], ["k:5"], ["k:6", "k:7"]])
    assert reg.id_of("k:0") == before["k:0"]
    assert reg.id_of("k:2") == before["k:2"]  # the larger side of the merge
    assert reg.id_of("k:6") == before["k:6"]  # the larger part of the split


def test_on_a_merge_the_person_with_most_records_keeps_the_id_and_the_other_redirects() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0"], ["k:1", "k:2", "k:3"]])
    small, large = reg.id_of("k:0"), reg.id_of("k:1")
    assert small < large  # the smaller person is the older id: size wins over age
    naming = reg.run([["k:0", "k:1", "k:2", "k:3"]])
    assert set(reg.ids().values()) == {large}
    assert [(r.old_id, r.new_id, r.reason) for r in naming.redirects] == [(small, large, MERGED)]
    found = find_person(reg.con, small)
    assert found.person_id == large and [r.old_id for r in found.via] == [small]


def test_on_a_merge_of_equals_the_older_id_survives() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0", "k:1"], ["k:2", "k:3"]])
    older, younger = reg.id_of("k:0"), reg.id_of("k:2")
    reg.run([["k:0", "k:1", "k:2", "k:3"]])
    assert reg.id_of("k:3") == older
    assert find_person(reg.con, younger).person_id == older


def test_on_a_split_the_largest_part_keeps_the_id_and_nothing_redirects() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0", "k:1", "k:2", "k:3"]])
    whole = reg.id_of("k:0")
    naming = reg.run([["k:0"], ["k:1", "k:2", "k:3"]])
    assert reg.id_of("k:1") == whole and reg.id_of("k:0") == person_id(2)
    assert naming.redirects == ()


def test_redirects_resolve_through_a_chain_to_the_live_person() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0"], ["k:1", "k:2"], ["k:3", "k:4", "k:5", "k:6"]])
    first, second, third = (reg.id_of(k) for k in ("k:0", "k:1", "k:3"))
    reg.run([["k:0", "k:1", "k:2"], ["k:3", "k:4", "k:5", "k:6"]])  # first -> second
    reg.run([["k:0", "k:1", "k:2", "k:3", "k:4", "k:5", "k:6"]])  # second -> third
    found = find_person(reg.con, first)
    assert found.person_id == third
    assert [(r.old_id, r.new_id) for r in found.via] == [(first, second), (second, third)]
    assert find_person(reg.con, third).via == ()
    assert find_person(reg.con, "P999999X").person_id is None


def test_people_that_part_again_get_their_old_ids_back() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0", "k:1", "k:2"], ["k:3", "k:4"]])
    kept, absorbed = reg.id_of("k:0"), reg.id_of("k:3")
    reg.run([["k:0", "k:1", "k:2", "k:3", "k:4"]])
    naming = reg.run([["k:0", "k:1", "k:2"], ["k:3", "k:4"]])
    assert (reg.id_of("k:0"), reg.id_of("k:3")) == (kept, absorbed)
    assert naming.revived == (absorbed,) and naming.created == 0
    assert find_person(reg.con, absorbed).via == ()


def test_a_person_whose_records_all_left_is_redirected_to_nobody() -> None:
    reg = Registry(KEYS)
    reg.run([["k:0"], ["k:1"]])
    gone = reg.id_of("k:1")
    naming = reg.run([["k:0"]])
    assert [(r.old_id, r.new_id, r.reason) for r in naming.redirects] == [(gone, None, WITHDRAWN)]
    assert find_person(reg.con, gone).person_id is None


partitions = st.lists(st.integers(0, 5), min_size=len(KEYS), max_size=len(KEYS))


def _groups(labels: Sequence[int]) -> list[list[str]]:
    by: dict[int, list[str]] = {}
    for key, label in zip(KEYS, labels, strict=True):
        by.setdefault(label, []).append(key)
    return list(by.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(partitions, min_size=2, max_size=5))
def test_ids_are_never_issued_twice_and_every_id_ever_issued_leads_somewhere(
    runs: list[list[int]],
) -> None:
    reg = Registry(KEYS)
    seen: set[str] = set()
    for labels in runs:
        before = reg.ids()
        groups = _groups(labels)
        reg.run(groups)
        after = reg.ids()
        # one id per person, one person per id
        assert len(set(after.values())) == len(groups)
        for group in groups:
            assert len({after[k] for k in group}) == 1
            same = {before.get(k) for k in group}
            if (
                len(same) == 1
                and None not in same
                and sum(v in same for v in before.values()) == len(group)
            ):
                assert after[group[0]] in same  # an unchanged person keeps the id
        seen |= set(after.values())
        for old in seen:
            found = find_person(reg.con, old).person_id
            assert found is not None and found in after.values()
    counter = reg.con.execute("SELECT last_number FROM person_id_counter").fetchone()
    assert counter is not None and counter[0] == len(seen)
