"""How good a set of clusters is, measured against an answer key, in SQL.

Used by the linkage benchmark on the project's own generated drops (whose answer key
says which person wrote each record) and by tests. Everything is computed from the
contingency table (entity x true person -> records), so a million people cost one
GROUP BY rather than a set of every pair: the pairs an entity claims are
``n(n-1)/2`` of its records, the true ones among them ``n(n-1)/2`` of each cell.
Only records that both sides know are scored, as SPEC.md's judge scores them.

Tables (or views) are named by the caller: ``predicted(feed, record_id, entity_id)``,
``truth(feed, record_id, person_id)``, ``kinds(person_id, kind)``,
``blocked(unique_id_l, unique_id_r)`` with ``feed:record_id`` ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class ClusterScores:
    records: int
    people: int  # true people among the scored records
    entities: int  # predicted people
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    split_people: float  # share of true people spread over more than one entity
    mixed_entities: float  # share of entities holding records of more than one person


@dataclass(frozen=True)
class KindRates:
    """Of the true people of one kind (impostors, namesakes, ...): how many were split
    over several entities, and how many share an entity with another person."""

    kind: str
    people: int
    split: float
    merged: float


@dataclass(frozen=True)
class BlockingQuality:
    records: int
    comparisons: int  # candidate pairs the blocking rules produce
    true_pairs: int
    true_pairs_found: int

    @property
    def comparisons_per_record(self) -> float:
        return self.comparisons / self.records if self.records else 0.0

    @property
    def pair_recall(self) -> float:
        return self.true_pairs_found / self.true_pairs if self.true_pairs else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _cells(con: duckdb.DuckDBPyConnection, predicted: str, truth: str) -> None:
    """``_cells(entity_id, person_id, n, entity_n, person_n)``: the contingency table."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cells AS "
        "SELECT entity_id, person_id, n, sum(n) OVER (PARTITION BY entity_id) AS entity_n, "
        "sum(n) OVER (PARTITION BY person_id) AS person_n FROM ("
        f"SELECT p.entity_id, t.person_id, count(*) AS n FROM {predicted} p "
        f"JOIN {truth} t USING (feed, record_id) GROUP BY ALL)"
    )


def score_clusters(con: duckdb.DuckDBPyConnection, predicted: str, truth: str) -> ClusterScores:
    _cells(con, predicted, truth)
    row = con.execute(
        "SELECT sum(n), count(DISTINCT person_id), count(DISTINCT entity_id), "
        "sum(n * (n - 1) / 2), "
        "(SELECT sum(m * (m - 1) / 2) FROM (SELECT any_value(entity_n) AS m FROM _cells "
        " GROUP BY entity_id)), "
        "(SELECT sum(m * (m - 1) / 2) FROM (SELECT any_value(person_n) AS m FROM _cells "
        " GROUP BY person_id)), "
        "sum(n * n / entity_n), sum(n * n / person_n), "
        "(SELECT count(*) FROM (SELECT person_id FROM _cells GROUP BY person_id "
        " HAVING count(*) > 1)), "
        "(SELECT count(*) FROM (SELECT entity_id FROM _cells GROUP BY entity_id "
        " HAVING count(*) > 1)) "
        "FROM _cells"
    ).fetchone()
    if row is None or not row[0]:
        raise ValueError(f"no record of {predicted} is in {truth}")
    records, people, entities = int(row[0]), int(row[1]), int(row[2])
    hits, claimed, true = float(row[3]), float(row[4] or 0), float(row[5] or 0)
    precision = hits / claimed if claimed else 1.0
    recall = hits / true if true else 1.0
    b_precision, b_recall = float(row[6]) / records, float(row[7]) / records
    return ClusterScores(
        records=records,
        people=people,
        entities=entities,
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        bcubed_precision=b_precision,
        bcubed_recall=b_recall,
        bcubed_f1=_f1(b_precision, b_recall),
        split_people=int(row[8]) / people,
        mixed_entities=int(row[9]) / entities,
    )


def kind_rates(
    con: duckdb.DuckDBPyConnection, predicted: str, truth: str, kinds: str
) -> list[KindRates]:
    """Split and merge rates for each kind of person ``kinds`` names (a person may be
    of several kinds), in kind order."""
    _cells(con, predicted, truth)
    rows = con.execute(
        "WITH per_person AS ("
        "  SELECT person_id, count(*) > 1 AS split, "
        "  bool_or(n < entity_n) AS merged FROM _cells GROUP BY person_id) "
        "SELECT k.kind, count(*), avg(p.split::INT), avg(p.merged::INT) "
        f"FROM (SELECT DISTINCT person_id, kind FROM {kinds}) k "
        "JOIN per_person p USING (person_id) GROUP BY k.kind ORDER BY k.kind"
    ).fetchall()
    return [KindRates(str(r[0]), int(r[1]), float(r[2]), float(r[3])) for r in rows]


def blocking_quality(con: duckdb.DuckDBPyConnection, blocked: str, truth: str) -> BlockingQuality:
    """How many candidate pairs the blocking produced per record, and how many of the
    true pairs (two records of one person) were among them."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _truth_ids AS "
        f"SELECT feed || ':' || record_id AS unique_id, person_id FROM {truth}"
    )
    row = con.execute(
        "SELECT (SELECT count(*) FROM _truth_ids), "
        f"(SELECT count(*) FROM {blocked}), "
        "(SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM _truth_ids "
        " GROUP BY person_id)), "
        f"(SELECT count(*) FROM {blocked} b "
        " JOIN _truth_ids l ON l.unique_id = b.unique_id_l "
        " JOIN _truth_ids r ON r.unique_id = b.unique_id_r "
        " WHERE l.person_id = r.person_id)"
    ).fetchone()
    if row is None:
        raise ValueError("nothing to measure")
    return BlockingQuality(int(row[0]), int(row[1]), int(row[2] or 0), int(row[3]))
