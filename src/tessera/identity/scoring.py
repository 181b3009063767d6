"""Train the linkage model on the workspace's records and score candidate pairs.

Writes ``scored_pairs``: every pair Splink found at or above the match threshold, with
its match weight and probability, each comparison's level (``gamma_*``) and weights
(``mw_*``, ``mw_tf_adj_*``: the waterfall that explanations show), the blocking rule
that found it (``match_key``) and whether the never-the-same rule forbids it. The
compared values themselves stay in ``linkage_input`` rather than doubling the table.

Splink gets its own DuckDB connection (a cursor on the workspace), since DuckDB 2
refuses relation queries on a connection that holds an unfinished result; and Splink
leaves its working tables in the database, so they are dropped once it is done.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker, block_on

from tessera.identity import model
from tessera.identity.linkage_input import INPUT_TABLE
from tessera.identity.tables import PAIRS_TABLE

log = logging.getLogger(__name__)

_KEPT = ("gamma_", "mw_")


def _train(linker: Linker) -> None:
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*model.PRIOR_RULE)], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=model.U_MAX_PAIRS, seed=model.U_SEED)
    for columns in model.EM_BLOCKS:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on(*columns), max_pairs=model.EM_MAX_PAIRS
            )
        except ValueError as exc:
            # On a small world EM can drive an m probability to exactly 0, which Splink
            # refuses; the other block (and the defaults) still train that comparison.
            log.warning("EM on %s skipped: %s", columns, exc)


def floored(trained: dict[str, Any]) -> dict[str, Any]:
    """The trained model with every m probability at least ``model.M_FLOOR``.

    EM may find that no true pair ever disagreed on, say, sex; left at ~0, one clerk's
    slip would then veto any match. A floor keeps every disagreement finite.
    """
    for comparison in trained["comparisons"]:
        for level in comparison["comparison_levels"]:
            m = level.get("m_probability")
            if not level.get("is_null_level") and isinstance(m, int | float):
                level["m_probability"] = max(float(m), model.M_FLOOR)
    return trained


def _write_pairs(cur: duckdb.DuckDBPyConnection, predictions: str) -> int:
    names = [str(r[0]) for r in cur.execute(f"DESCRIBE {predictions}").fetchall()]
    parts = [n for n in names if n.startswith(_KEPT)]
    cur.execute(
        f"CREATE OR REPLACE TABLE {PAIRS_TABLE} AS SELECT s.unique_id_l, s.unique_id_r, "
        "s.match_weight, s.match_probability, "
        + "".join(f"s.{n}, " for n in parts)
        + f"s.match_key, coalesce({model.NEVER_THE_SAME}, false) AS never_same "
        f"FROM {predictions} s JOIN {INPUT_TABLE} l ON l.unique_id = s.unique_id_l "
        f"JOIN {INPUT_TABLE} r ON r.unique_id = s.unique_id_r"
    )
    row = cur.execute(f"SELECT count(*) FROM {PAIRS_TABLE}").fetchone()
    return int(row[0]) if row else 0


def save_model(trained: dict[str, Any], path: Path) -> None:
    """Write the trained model where ``Linker(records, settings=path)`` can load it;
    atomically, so a reader never sees half a model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(trained, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)


def drop_splink_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the working tables Splink leaves behind (they would pile up run after run)."""
    left = con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE NOT temporary AND starts_with(table_name, '__splink__')"
    ).fetchall()
    for (name,) in left:
        con.execute(f'DROP TABLE IF EXISTS "{name}"')


def score_pairs(con: duckdb.DuckDBPyConnection) -> tuple[int, dict[str, Any]]:
    """Train on ``linkage_input``, write ``scored_pairs``; return its size and the model."""
    cur = con.cursor()
    try:
        records = DuckDBAPI(connection=cur).register(INPUT_TABLE)
        linker = Linker(records, model.settings(), log_level=logging.ERROR)
        _train(linker)
        trained: dict[str, Any] = floored(linker.misc.save_model_to_json())
        linker = Linker(records, trained, log_level=logging.ERROR)
        scored = linker.inference.predict(threshold_match_probability=model.MATCH_THRESHOLD)
        pairs = _write_pairs(cur, scored.physical_name)
    finally:
        cur.close()
    return pairs, trained
