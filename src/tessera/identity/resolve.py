"""Resolve person records into people: score pairs with Splink, cluster, name entities.

Splink gets its own DuckDB connection (a cursor on the workspace), since DuckDB 2
refuses relation queries on a connection that holds an unfinished result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import duckdb
from splink import DuckDBAPI, Linker, block_on

from tessera.identity import model
from tessera.identity.linkage_input import INPUT_TABLE, build_linkage_input

ENTITIES_TABLE = "record_entities"


@dataclass(frozen=True)
class Resolution:
    records: int
    people: int
    scored_pairs: int


def resolve(con: duckdb.DuckDBPyConnection) -> Resolution:
    """Create ``record_entities(feed, record_id, entity_id)`` for every person record."""
    records = build_linkage_input(con)
    logging.getLogger("splink").setLevel(logging.WARNING)
    cursor = con.cursor()
    try:
        db = DuckDBAPI(connection=cursor)
        linker = Linker(db.register(INPUT_TABLE), model.settings())
        linker.training.estimate_probability_two_random_records_match(
            [block_on(*model.PRIOR_RULE)], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=model.U_MAX_PAIRS)
        for columns in model.EM_BLOCKS:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*columns))
        scored = linker.inference.predict(threshold_match_probability=model.MATCH_THRESHOLD)
        cursor.execute(
            f"CREATE OR REPLACE TABLE _linkable_pairs AS SELECT s.* FROM {scored.physical_name} s "
            f"JOIN {INPUT_TABLE} l ON l.unique_id = s.unique_id_l "
            f"JOIN {INPUT_TABLE} r ON r.unique_id = s.unique_id_r "
            f"WHERE NOT ({model.NEVER_THE_SAME})"
        )
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            db.register("_linkable_pairs"), model.CLUSTER_THRESHOLD
        )
        pairs = cursor.execute(f"SELECT count(*) FROM {scored.physical_name}").fetchall()
        # An entity is named after its smallest record key: stable while its records stay.
        cursor.execute(
            f"CREATE OR REPLACE TABLE {ENTITIES_TABLE} AS SELECT i.feed, i.record_id, "
            "'E' || substr(md5(min(c.unique_id) OVER (PARTITION BY c.cluster_id)), 1, 12) "
            f"AS entity_id FROM {clusters.physical_name} c "
            f"JOIN {INPUT_TABLE} i USING (unique_id)"
        )
        people = cursor.execute(
            f"SELECT count(DISTINCT entity_id) FROM {ENTITIES_TABLE}"
        ).fetchall()
    finally:
        cursor.close()
    return Resolution(records, int(people[0][0]), int(pairs[0][0]))
