"""Train the linkage model on the workspace's records and score candidate pairs.

Writes ``scored_pairs``: every pair Splink found at or above the match threshold, with
its match weight and probability, each comparison's level (``gamma_*``) and weights
(``mw_*``, ``mw_tf_adj_*``: the waterfall that explanations show), the blocking rule
that found it (``match_key``) and whether the never-the-same rule forbids it. The
compared values themselves stay in ``linkage_input`` rather than doubling the table.

Splink works in a private in-memory DuckDB holding a copy of ``linkage_input``
(``splink_database``): its working tables never touch the workspace file, and only
``scored_pairs`` is copied back.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker, block_on

from tessera.identity import model
from tessera.identity.blocking import BLOCKED_TABLE, NUMBERED_INPUT, RECORD, build_numbered_pairs
from tessera.identity.linkage_input import INPUT_TABLE
from tessera.identity.tables import PAIRS_TABLE

log = logging.getLogger(__name__)

SPILL_PREFIX = "tessera-splink-"


PAIR_COLUMNS = ("unique_id_l", "unique_id_r", "match_weight", "match_probability", "match_key")
"""The columns of Splink's predictions ``scored_pairs`` keeps, besides each comparison's."""
WEIGHT_PREFIXES = ("gamma_", "mw_")
"""Each comparison's level (``gamma_*``) and weights (``mw_*``, ``mw_tf_adj_*``)."""


def _train(linker: Linker) -> None:
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*model.PRIOR_RULE)], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=model.U_MAX_PAIRS, seed=model.U_SEED)
    for columns in model.EM_BLOCKS:
        try:
            # EM iterates on counts of comparison patterns, not on every sampled pair:
            # term frequencies adjust each pair's weight when it is scored instead.
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on(*columns),
                max_pairs=model.EM_MAX_PAIRS,
                estimate_without_term_frequencies=True,
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


def write_pairs(
    cur: duckdb.DuckDBPyConnection,
    predictions: str,
    records: str = INPUT_TABLE,
    key: str = "unique_id",
) -> int:
    """``scored_pairs`` from Splink's predictions (a table or view named ``predictions``,
    whichever backend scored them): the kept columns, and the never-the-same rule read
    from ``records`` (``linkage_input``, or a numbered copy when Splink's ids were the
    numbers in its column ``key``). Each pair's record ids in order (every comparison
    reads the same both ways, so the sides may swap)."""
    names = [str(r[0]) for r in cur.execute(f"DESCRIBE {predictions}").fetchall()]
    parts = [n for n in names if n.startswith(WEIGHT_PREFIXES)]
    cur.execute(
        f"CREATE OR REPLACE TABLE {PAIRS_TABLE} AS SELECT "
        "least(l.unique_id, r.unique_id) AS unique_id_l, "
        "greatest(l.unique_id, r.unique_id) AS unique_id_r, "
        "s.match_weight, s.match_probability, "
        + "".join(f"s.{n}, " for n in parts)
        + f"s.match_key, coalesce({model.NEVER_THE_SAME}, false) AS never_same "
        f"FROM {predictions} s JOIN {records} l ON l.{key} = s.unique_id_l "
        f"JOIN {records} r ON r.{key} = s.unique_id_r"
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


def trained_model(linker: Linker) -> dict[str, Any]:
    """Train a linker declared with ``model.settings()`` (on any backend): the prior, u by
    seeded random sampling, capped EM; return the model with its m probabilities floored."""
    _train(linker)
    trained: dict[str, Any] = floored(linker.misc.save_model_to_json())
    return trained


@contextmanager
def splink_database(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private in-memory DuckDB holding a copy of the workspace's ``linkage_input``.

    Splink materialises its working tables (blocked pairs, comparison vectors, EM
    samples) in the database it is given; in the workspace file each is compressed,
    written and dropped again. In memory (spilling to a temporary directory past the
    workspace's own memory limit) predict took 34 s instead of 58 s at 100,000 people."""
    [(limit, spill_parent)] = con.execute(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchall()
    parent = _spill_parent(str(spill_parent or ""))
    with tempfile.TemporaryDirectory(prefix=SPILL_PREFIX, dir=parent) as spill:
        mem = duckdb.connect(
            ":memory:", config={"memory_limit": str(limit), "temp_directory": spill}
        )
        try:
            _copy_table(con, mem, INPUT_TABLE)
            yield mem
        finally:
            mem.close()


def _spill_parent(workspace_spill: str) -> Path | None:
    """Where Splink's database spills: beside the workspace's own spill (the data
    directory's ``tmp``), else the system's temporary directory. A spill directory left
    there by a run that was killed is removed first: the workspace is open for writing
    here, so no other run of this data directory is alive to own it."""
    if not workspace_spill:
        return None
    parent = Path(workspace_spill)
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{SPILL_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
    return parent


def _copy_table(
    source: duckdb.DuckDBPyConnection, target: duckdb.DuckDBPyConnection, table: str
) -> None:
    """``table`` from one DuckDB into another, streamed as Arrow record batches."""
    cur = source.cursor()
    try:
        batches = cur.sql(f"SELECT * FROM {table}").to_arrow_reader()
        target.register("_copied_batches", batches)
        try:
            target.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _copied_batches")
        finally:
            target.unregister("_copied_batches")
    finally:
        cur.close()


SCORING_INPUT = "scoring_input"
"""What Splink reads: ``linkage_input``'s id and the columns the model compares. Splink
copies its input, and joins it to every candidate pair, with every column it has; the
blocking's arrays of name pairs would ride along for nothing."""


def _scoring_input(db: duckdb.DuckDBPyConnection, source: str, key: str) -> str:
    """``scoring_input``: ``source``'s column ``key`` as ``unique_id``, and the columns
    the model compares."""
    columns = ", ".join((f"{key} AS unique_id", *model.compared_columns()))
    db.execute(f"CREATE OR REPLACE TABLE {SCORING_INPUT} AS SELECT {columns} FROM {source}")
    return SCORING_INPUT


def _train_in(db: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    records = DuckDBAPI(connection=db).register(_scoring_input(db, INPUT_TABLE, "unique_id"))
    return trained_model(Linker(records, model.settings(), log_level=logging.ERROR))


def _predict_in(db: duckdb.DuckDBPyConnection, trained: dict[str, Any]) -> int:
    """Score the candidate pairs, Splink reading records by number (``blocking``'s): its
    joins of millions of pairs to their records are on integers, not on strings."""
    build_numbered_pairs(db)
    api = DuckDBAPI(connection=db)
    numbered = _scoring_input(db, NUMBERED_INPUT, RECORD)
    linker = Linker(api.register(numbered), trained, log_level=logging.ERROR)
    linker.table_management.register_blocked_pairs_for_predict(api.register(BLOCKED_TABLE))
    scored = linker.inference.predict(threshold_match_probability=model.MATCH_THRESHOLD)
    return write_pairs(db, scored.physical_name, NUMBERED_INPUT, RECORD)


def train(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Train the model on ``linkage_input`` in DuckDB; return Splink's JSON of it."""
    with splink_database(con) as db:
        return _train_in(db)


def predict(con: duckdb.DuckDBPyConnection, trained: dict[str, Any]) -> int:
    """Score ``linkage_input``'s candidate pairs with a trained model in DuckDB, write
    ``scored_pairs``; return its size."""
    with splink_database(con) as db:
        pairs = _predict_in(db, trained)
        _copy_table(db, con, PAIRS_TABLE)
    return pairs


def score_pairs(con: duckdb.DuckDBPyConnection) -> tuple[int, dict[str, Any]]:
    """Train on ``linkage_input``, write ``scored_pairs``; return its size and the model."""
    with splink_database(con) as db:
        trained = _train_in(db)
        pairs = _predict_in(db, trained)
        _copy_table(db, con, PAIRS_TABLE)
    return pairs, trained
