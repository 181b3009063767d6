"""Cluster scored pairs into people so that no person holds two records that may never be
one: set-based first, record by record only where it must.

1. Connected components (SciPy, over integer arrays DuckDB hands it) of the model's
   ties (pairs at or above the cluster threshold that the never-the-same rule does not
   forbid) and analysts' merges.
2. Conflicts, found in SQL: within each component, the never-the-same rule is evaluated
   between distinct *profiles* (the values the rule reads), not between all records, and
   analysts' "apart" pairs are looked up.
3. Only components with a conflict go to Python (``partition.py``): their records, ties,
   fingerprint conflicts and dates of birth, never the rest; everything else keeps its
   component. There, two groups join only if their consensus dates of birth are a slip
   apart (records each one slip from the truth may be two from each other).

Writes ``person_clusters(unique_id, cluster_key)``; cluster keys mean nothing beyond
one run (``registry.py`` turns them into stable person ids).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from tessera.identity import model
from tessera.identity.graph import component_labels
from tessera.identity.judgements import Judgement, cannot_link_pairs, must_link_groups
from tessera.identity.linkage_input import INPUT_TABLE
from tessera.identity.numbers import CLASHING_SQL, HANDS_TABLE, find_hands
from tessera.identity.partition import partition
from tessera.identity.tables import CLUSTERS_TABLE, PAIRS_TABLE, UNDECIDED_TABLE


@dataclass(frozen=True)
class Clustering:
    records: int
    clusters: int
    regrouped_components: int
    """Components that held a conflict and were regrouped record by record."""


@cache
def constraint_columns(predicate: str = model.NEVER_THE_SAME) -> tuple[str, ...]:
    """The columns a never-the-same predicate reads from its two records ``l`` and ``r``:
    read from the SQL itself, so the profile follows the rule wherever it goes."""
    tree = sqlglot.parse_one(f"SELECT 1 FROM t AS l, t AS r WHERE {predicate}", read="duckdb")
    columns = sorted({c.name for c in tree.find_all(exp.Column) if c.table in ("l", "r")})
    if not columns:
        raise ValueError("the never-the-same rule reads no column of l or r")
    return tuple(columns)


def _load_judgements(cur: duckdb.DuckDBPyConnection, judgements: Sequence[Judgement]) -> None:
    """``_must_links`` (a star per merge: enough for connectivity) and ``_cannot_links``."""
    must_l: list[str] = []
    must_r: list[str] = []
    for _, records in must_link_groups(judgements):
        must_l.extend(records[0] for _ in records[1:])
        must_r.extend(records[1:])
    apart = list(cannot_link_pairs(judgements))
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _must_links AS SELECT unnest($1::VARCHAR[]) AS "
        "unique_id_l, unnest($2::VARCHAR[]) AS unique_id_r",
        [must_l, must_r],
    )
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _cannot_links AS SELECT unnest($1::VARCHAR[]) AS "
        "unique_id_l, unnest($2::VARCHAR[]) AS unique_id_r",
        [[a for a, _, _ in apart], [b for _, b, _ in apart]],
    )


def _same(column: str) -> str:
    """Record pairs holding one value of a strong identifier, a star per value (enough
    for connectivity)."""
    return (
        "SELECT unique_id_l, unique_id_r FROM (SELECT min(unique_id) OVER (PARTITION BY "
        f"{column}) AS unique_id_l, unique_id AS unique_id_r FROM {INPUT_TABLE} "
        f"WHERE {column} IS NOT NULL) WHERE unique_id_l <> unique_id_r"
    )


# Two records with one FIN are the same fingers: the same person whatever the names or
# dates say. Two uses of a passport after its loss report are its later holder's: the
# same person (an impostor presents it at the border under the owner's name, then on an
# I-9 under their own), unless their fingerprints differ. An A-number is "one per person
# for life" (SPEC): two records with one are that person however their names are spelt,
# held to the never-the-same rules like any tie (a wrongly issued second number only
# splits, and two FINs still refuse).
_SAME_FINGERS = _same("fin")
_SAME_HOLDER = _same("passport_holder")
_SAME_A_NUMBER = _same("a_number")


def _components(cur: duckdb.DuckDBPyConnection, threshold: float) -> None:
    """``_components(unique_id, cluster_id)``: connected components of ties and merges.

    The graph goes to SciPy's ``connected_components`` as integer arrays: one pass over
    the edges, where Splink's SQL label propagation needs an iteration per link of the
    longest chain (125 s of a million people's 345 s of clustering, against seconds).
    """
    known = f"IN (SELECT unique_id FROM {INPUT_TABLE})"
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _cluster_nodes AS SELECT unique_id, "
        f"CAST(row_number() OVER () - 1 AS BIGINT) AS node FROM {INPUT_TABLE}"
    )
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _same_holder_or_number AS "
        f"{_SAME_HOLDER} UNION {_SAME_A_NUMBER}"
    )
    edges = (
        f"SELECT unique_id_l, unique_id_r FROM {PAIRS_TABLE} "
        f"WHERE match_probability >= {threshold!r} AND NOT never_same UNION "
        f"SELECT unique_id_l, unique_id_r FROM _must_links "
        f"WHERE unique_id_l {known} AND unique_id_r {known} UNION {_SAME_FINGERS} "
        "UNION SELECT unique_id_l, unique_id_r FROM _same_holder_or_number"
    )
    [(nodes,)] = cur.execute("SELECT count(*) FROM _cluster_nodes").fetchall()
    numbered_edges = (
        f"SELECT a.node AS l, b.node AS r FROM ({edges}) e "
        "JOIN _cluster_nodes a ON a.unique_id = e.unique_id_l "
        "JOIN _cluster_nodes b ON b.unique_id = e.unique_id_r"
    )
    with component_labels(cur, numbered_edges, nodes) as labels:
        cur.execute(
            "CREATE OR REPLACE TEMP TABLE _components AS SELECT n.unique_id, "
            "CAST(c.label AS VARCHAR) AS cluster_id FROM _cluster_nodes n "
            f"JOIN {labels} c USING (node)"
        )


def _conflicts(cur: duckdb.DuckDBPyConnection) -> int:
    """Find components holding a conflict; return how many.

    ``_record_profiles``: each record of a multi-record component with its profile number
    (records with equal constraint values share one); ``_profile_conflicts``: profile
    pairs the rule forbids; ``_judged_apart``: analysts' apart pairs inside a component.
    """
    cols = constraint_columns()
    listed = ", ".join(f"i.{c}" for c in cols)
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _record_profiles AS "
        "SELECT c.cluster_id, c.unique_id, "
        f"dense_rank() OVER (PARTITION BY c.cluster_id ORDER BY {listed}) AS profile, {listed} "
        f"FROM _components c JOIN {INPUT_TABLE} i USING (unique_id) WHERE c.cluster_id IN "
        "(SELECT cluster_id FROM _components GROUP BY cluster_id HAVING count(*) > 1)"
    )
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _profile_conflicts AS "
        f"WITH p AS (SELECT DISTINCT cluster_id, profile, {', '.join(cols)} FROM _record_profiles) "
        "SELECT l.cluster_id, l.profile AS profile_l, r.profile AS profile_r, "
        f"coalesce({model.HOLDERS_DIFFER}, false) AS hard FROM p l "
        "JOIN p r ON l.cluster_id = r.cluster_id AND l.profile < r.profile "
        f"WHERE {model.NEVER_THE_SAME}"
    )
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _judged_apart AS "
        "SELECT a.cluster_id, x.unique_id_l, x.unique_id_r FROM _cannot_links x "
        "JOIN _components a ON a.unique_id = x.unique_id_l "
        "JOIN _components b ON b.unique_id = x.unique_id_r WHERE a.cluster_id = b.cluster_id"
    )
    find_hands(cur, "_components")
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _conflicted AS SELECT cluster_id FROM _profile_conflicts "
        f"UNION SELECT cluster_id FROM _judged_apart UNION {CLASHING_SQL}"
    )
    row = cur.execute("SELECT count(*) FROM _conflicted").fetchone()
    return int(row[0]) if row else 0


def _grouped(cur: duckdb.DuckDBPyConnection, sql: str) -> defaultdict[str, list[tuple[Any, ...]]]:
    """Rows of ``sql`` (first column: a cluster id) by cluster, in the query's order."""
    found: defaultdict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in cur.execute(sql).fetchall():
        found[str(row[0])].append(tuple(row[1:]))
    return found


def _merges_by_record(
    judgements: Sequence[Judgement],
) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Each record's merge judgements (id, records), so a component finds its own."""
    found: defaultdict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for merge in must_link_groups(judgements):
        for record in merge[1]:
            found[record].append(merge)
    return found


# A tie that rests on an identifier both records hold (exactly, or one keystroke apart),
# not on names and dates alone.
_ANCHORED = (
    "coalesce(" + " OR ".join(f"p.gamma_{c} > 0" for c in model.IDENTIFIER_COMPARISONS) + ", false)"
)


def _regroup(
    cur: duckdb.DuckDBPyConnection, threshold: float, judgements: Sequence[Judgement]
) -> None:
    """Partition each conflicted component; write ``_regrouped(unique_id, part)`` (parts
    numbered from 1 within their component)."""
    conflicted = "cluster_id IN (SELECT cluster_id FROM _conflicted)"
    records = _grouped(
        cur, f"SELECT cluster_id, unique_id, profile FROM _record_profiles WHERE {conflicted}"
    )
    conflicts = _grouped(
        cur,
        "SELECT cluster_id, profile_l, profile_r FROM _profile_conflicts "
        f"WHERE hard AND {conflicted}",
    )
    facts = _grouped(
        cur,
        "SELECT c.cluster_id, i.unique_id, i.dob_year, i.dob_month, i.dob_day, "
        "list_filter(['F' || i.fin, 'A' || i.a_number, 'B' || i.fbi_number, "
        "'H' || i.passport_holder], "
        "lambda x: x IS NOT NULL) "
        f"FROM _components c JOIN {INPUT_TABLE} i USING (unique_id) WHERE c.{conflicted}",
    )
    apart = _grouped(cur, "SELECT cluster_id, unique_id_l, unique_id_r FROM _judged_apart")
    hands = _grouped(
        cur, f"SELECT cluster_id, unique_id, ssn, elsewhere FROM {HANDS_TABLE} WHERE {conflicted}"
    )
    ties = _grouped(
        cur,
        f"SELECT c.cluster_id, p.unique_id_l, p.unique_id_r, p.match_weight, {_ANCHORED} "
        f"FROM {PAIRS_TABLE} p JOIN _components c ON c.unique_id = p.unique_id_l "
        f"WHERE c.{conflicted} AND p.match_probability >= {threshold!r} AND NOT p.never_same "
        "ORDER BY p.match_weight DESC, p.unique_id_l, p.unique_id_r",
    )
    # A passport's later holder's uses, and one A-number's records, come first, before
    # any score: held to the rules like any tie (two fingerprint enrolments on one stolen
    # passport, or on one A-number, stay two people).
    holders = _grouped(
        cur,
        "SELECT c.cluster_id, h.unique_id_l, h.unique_id_r FROM _same_holder_or_number h "
        f"JOIN _components c ON c.unique_id = h.unique_id_l WHERE c.{conflicted} "
        "ORDER BY h.unique_id_l, h.unique_id_r",
    )
    merges = _merges_by_record(judgements)
    fingers = _grouped(
        cur,
        "SELECT c.cluster_id, list(i.unique_id ORDER BY i.unique_id) FROM _components c "
        f"JOIN {INPUT_TABLE} i USING (unique_id) WHERE c.{conflicted} AND i.fin IS NOT NULL "
        "GROUP BY c.cluster_id, i.fin HAVING count(*) > 1 ORDER BY c.cluster_id, i.fin",
    )
    keys: list[str] = []
    parts: list[int] = []
    undecided: list[tuple[str, str, float]] = []
    for cluster_id, rows in records.items():
        profiles = {str(record): int(profile) for record, profile in rows}
        groups = partition(
            profiles,
            [(str(a), str(b)) for a, b in holders[cluster_id]]
            + [(str(a), str(b)) for a, b, _, anchored in ties[cluster_id] if anchored],
            loose=[
                (str(a), str(b), float(w)) for a, b, w, anchored in ties[cluster_id] if not anchored
            ],
            conflicting=[(int(p), int(q)) for p, q in conflicts[cluster_id]],
            apart=[(str(a), str(b)) for a, b in apart[cluster_id]],
            together=[m for _, m in sorted({m for r in profiles for m in merges.get(r, ())})]
            + [list(map(str, same[0])) for same in fingers[cluster_id]],
            births={str(u): (y, m, d) for u, y, m, d, _ in facts[cluster_id] if d is not None},
            ids={str(u): list(strong) for u, _, _, _, strong in facts[cluster_id]},
            numbers={str(u): (str(n), bool(e)) for u, n, e in hands[cluster_id]},
            undecided=undecided,
        )
        for n, members in enumerate(groups, start=1):
            keys.extend(members)
            parts.extend([n] * len(members))
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _regrouped AS SELECT unnest($1::VARCHAR[]) AS unique_id, "
        "unnest($2::INTEGER[]) AS part",
        [keys, parts],
    )
    cur.execute(
        f"CREATE OR REPLACE TABLE {UNDECIDED_TABLE} AS SELECT unnest($1::VARCHAR[]) AS "
        "unique_id_l, unnest($2::VARCHAR[]) AS unique_id_r, unnest($3::DOUBLE[]) AS match_weight",
        [[a for a, _, _ in undecided], [b for _, b, _ in undecided], [w for _, _, w in undecided]],
    )


def cluster_records(
    con: duckdb.DuckDBPyConnection,
    judgements: Sequence[Judgement] = (),
    threshold: float = model.CLUSTER_THRESHOLD,
) -> Clustering:
    """Write ``person_clusters`` from ``scored_pairs``, ``linkage_input`` and judgements."""
    cur = con.cursor()  # Splink runs its SQL here; our TEMP tables must live beside it
    try:
        _load_judgements(cur, judgements)
        _components(cur, threshold)
        regrouped = _conflicts(cur)
        _regroup(cur, threshold, judgements)
        # "part:component": unambiguous whatever a record id holds (a part has no colon).
        cur.execute(
            f"CREATE OR REPLACE TABLE {CLUSTERS_TABLE} AS SELECT c.unique_id, "
            "CAST(coalesce(g.part, 0) AS VARCHAR) || ':' || c.cluster_id AS cluster_key "
            "FROM _components c LEFT JOIN _regrouped g USING (unique_id)"
        )
        row = cur.execute(
            f"SELECT count(*), count(DISTINCT cluster_key) FROM {CLUSTERS_TABLE}"
        ).fetchone()
    finally:
        cur.close()
    assert row is not None
    return Clustering(int(row[0]), int(row[1]), regrouped)
