"""``pub_links`` and ``pub_link_levels``: the ties between a person's records, each with
its per-comparison weights, from which the service rebuilds the person's explanation (a
maximum spanning tree, ``identity.explain``) at read time.

A tie is a scored pair within one person that the never-the-same rule allows, at or above
the cluster threshold. A person with many records has many pairs (a frequent traveller's
arrivals all tie); each record keeps only its ``TIES_PER_RECORD`` strongest, which
holds every record's best tie (each belongs to a maximum spanning tree) and keeps the
table linear in records. Features are compact text ``comparison:level:weight:adjustment``
(weights in thousandths of a bit) joined by ``;``; the level labels come once per
publication in ``pub_link_levels``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import duckdb

from tessera.identity.model import CLUSTER_THRESHOLD
from tessera.identity.tables import PAIRS_TABLE, REGISTRY_TABLE
from tessera.identity.waterfall import comparisons

TIES_PER_RECORD = 4


def _comparison_names(con: duckdb.DuckDBPyConnection) -> tuple[list[str], set[str]]:
    columns = [str(r[0]) for r in con.execute(f"DESCRIBE {PAIRS_TABLE}").fetchall()]
    names = [c.removeprefix("gamma_") for c in columns if c.startswith("gamma_")]
    return names, set(columns)


def _milli(value: str) -> str:
    """A weight in thousandths of a bit, as text (integers print twice as fast as floats,
    and a thousandth is finer than any explanation needs)."""
    return f"CAST(CAST(round(coalesce({value}, 0) * 1000) AS INTEGER) AS VARCHAR)"


def _features(con: duckdb.DuckDBPyConnection) -> str:
    names, columns = _comparison_names(con)
    parts = []
    for name in names:
        tf = f"s.mw_tf_adj_{name}" if f"mw_tf_adj_{name}" in columns else "0"
        # A comparison with no value on one side (level -1) weighs nothing: left out.
        parts.append(
            f"CASE WHEN s.gamma_{name} <> -1 THEN '{name}:' || CAST(s.gamma_{name} AS VARCHAR) "
            f"|| ':' || {_milli(f's.mw_{name}')} || ':' || {_milli(tf)} END"
        )
    return "concat_ws(';', " + ", ".join(parts) + ")" if parts else "''"


def build_ties(con: duckdb.DuckDBPyConnection) -> None:
    """``_pub_ties``: every tie within a person (``tie``: its row in ``scored_pairs``);
    ``_pub_kept``: the ties among some record's ``TIES_PER_RECORD`` strongest."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _pub_ties AS SELECT s.rowid AS tie, l.person_id, "
        "s.unique_id_l, s.unique_id_r, CAST(s.match_weight AS DOUBLE) AS match_weight, "
        f"CAST(s.match_probability AS DOUBLE) AS match_probability FROM {PAIRS_TABLE} s "
        f"JOIN {REGISTRY_TABLE} l ON l.unique_id = s.unique_id_l "
        f"JOIN {REGISTRY_TABLE} r ON r.unique_id = s.unique_id_r "
        "WHERE r.person_id = l.person_id AND NOT s.never_same "
        f"AND s.match_probability >= {CLUSTER_THRESHOLD!r}"
    )
    # Equal weights are broken by the earlier pair, so a re-publication keeps the same ties.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _pub_kept AS SELECT DISTINCT unnest(best) AS tie FROM ("
        f"SELECT record, max_by(tie, {{'w': match_weight, 't': -tie}}, {TIES_PER_RECORD}) AS best "
        "FROM ("
        "SELECT unique_id_l AS record, tie, match_weight FROM _pub_ties UNION ALL "
        "SELECT unique_id_r, tie, match_weight FROM _pub_ties) GROUP BY record)"
    )


def links_sql(con: duckdb.DuckDBPyConnection) -> Callable[[int], str]:
    """Every kept tie, by person, strongest first, with its features (needs
    ``build_ties``), for a publication id."""
    features = _features(con)
    return lambda publication_id: (
        f"SELECT {int(publication_id)} AS publication_id, t.person_id, t.unique_id_l AS "
        "record_l, t.unique_id_r AS record_r, t.match_weight, t.match_probability, "
        f"{features} AS features FROM _pub_ties t SEMI JOIN _pub_kept k USING (tie) "
        f"JOIN {PAIRS_TABLE} s ON s.rowid = t.tie "
        "ORDER BY t.person_id, t.match_weight DESC, t.unique_id_l, t.unique_id_r"
    )


def level_rows(
    publication_id: int, trained: Mapping[str, Any]
) -> Iterator[Sequence[tuple[Any, ...]]]:
    """The label of every level of every comparison of ``trained`` (a Splink model)."""
    yield [
        (publication_id, c.name, gamma, label)
        for c in comparisons(trained)
        for gamma, label in sorted(c.levels.items())
    ]
