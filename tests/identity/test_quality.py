"""The SQL cluster scores agree with the plain definitions, computed pair by pair."""

from __future__ import annotations

import itertools

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.identity.quality import blocking_quality, kind_rates, score_clusters

Labels = list[tuple[int, int]]  # per record: (true person, predicted entity)


def _load(con: duckdb.DuckDBPyConnection, labels: Labels) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE truth (feed VARCHAR, record_id VARCHAR, person_id VARCHAR)"
    )
    con.execute("CREATE OR REPLACE TABLE pred (feed VARCHAR, record_id VARCHAR, entity_id VARCHAR)")
    con.executemany(
        "INSERT INTO truth VALUES ('f', ?, ?)",
        [(str(i), f"P{p}") for i, (p, _) in enumerate(labels)],
    )
    con.executemany(
        "INSERT INTO pred VALUES ('f', ?, ?)",
        [(str(i), f"E{e}") for i, (_, e) in enumerate(labels)],
    )


def _pairs(groups: list[int]) -> set[tuple[int, int]]:
    return {
        (i, j) for i, j in itertools.combinations(range(len(groups)), 2) if groups[i] == groups[j]
    }


def _bcubed(labels: Labels, side: int) -> float:
    """B-cubed precision (side 1: over each record's entity) or recall (side 0: over each
    record's true person): the mean share of the group holding the record's own label."""
    return sum(
        labels.count(label) / sum(1 for other in labels if other[side] == label[side])
        for label in labels
    ) / len(labels)


labellings = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(labellings)
def test_scores_match_the_pairwise_definitions(labels: Labels) -> None:
    con = duckdb.connect()
    _load(con, labels)
    got = score_clusters(con, "pred", "truth")
    true_pairs = _pairs([p for p, _ in labels])
    claimed = _pairs([e for _, e in labels])
    hits = len(true_pairs & claimed)
    assert got.records == len(labels)
    assert got.pairwise_precision == pytest.approx(hits / len(claimed) if claimed else 1.0)
    assert got.pairwise_recall == pytest.approx(hits / len(true_pairs) if true_pairs else 1.0)
    assert got.bcubed_precision == pytest.approx(_bcubed(labels, side=1))
    assert got.bcubed_recall == pytest.approx(_bcubed(labels, side=0))
    people = {p for p, _ in labels}
    entities = {e for _, e in labels}
    split = sum(len({e for p2, e in labels if p2 == p}) > 1 for p in people)
    mixed = sum(len({p for p, e2 in labels if e2 == e}) > 1 for e in entities)
    assert got.split_people == pytest.approx(split / len(people))
    assert got.mixed_entities == pytest.approx(mixed / len(entities))


def test_kind_rates_count_split_and_merged_people() -> None:
    con = duckdb.connect()
    # Person 0 split over E0 and E1; person 1 shares E1 with person 0; person 2 alone.
    _load(con, [(0, 0), (0, 1), (1, 1), (2, 2), (2, 2)])
    con.execute(
        "CREATE TABLE kinds AS SELECT * FROM "
        "(VALUES ('P0', 'a'), ('P1', 'a'), ('P2', 'b')) t(person_id, kind)"
    )
    rates = {k.kind: k for k in kind_rates(con, "pred", "truth", "kinds")}
    assert rates["a"].people == 2
    assert rates["a"].split == pytest.approx(0.5)  # person 0 only
    assert rates["a"].merged == pytest.approx(1.0)  # both share E1
    assert (rates["b"].split, rates["b"].merged) == (0.0, 0.0)


def test_blocking_quality_counts_true_pairs_found() -> None:
    con = duckdb.connect()
    _load(con, [(0, 0), (0, 0), (0, 0), (1, 1)])
    con.execute(
        "CREATE TABLE blocked AS SELECT * FROM (VALUES ('f:0', 'f:1'), ('f:1', 'f:3')) "
        "t(unique_id_l, unique_id_r)"
    )
    got = blocking_quality(con, "blocked", "truth")
    assert (got.records, got.comparisons, got.true_pairs, got.true_pairs_found) == (4, 2, 3, 1)
    assert got.comparisons_per_record == pytest.approx(0.5)
    assert got.pair_recall == pytest.approx(1 / 3)
