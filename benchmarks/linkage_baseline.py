"""The plain Splink baseline that Tessera's identity resolution is measured against.

What a careful newcomer to Splink would configure from its own documentation, with none
of Tessera's work: the person records' names as their systems split them (first given
name, family name; the first and last name tokens where a layout does not say which is
which), the date of birth and sex, compared with Splink's comparison library
(``NameComparison``, ``DateOfBirthComparison``, ``ExactMatch``); the blocking of Splink's
tutorials (first name + surname, surname + date of birth, first name + date of birth);
u by random sampling and EM capped exactly as Tessera's; Splink's own connected-components
clustering at ``CLUSTER_THRESHOLD``. No identifiers, no variant names, no constraints.

Writes ``baseline_entities(feed, record_id, entity_id)`` into the workspace.
"""

from __future__ import annotations

import logging

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from tessera.identity import model

BASELINE_TABLE = "baseline_entities"
INPUT = "baseline_input"
CLUSTER_THRESHOLD = 0.9  # Splink's tutorials cluster at 0.9-0.95; 0.9 gave it its best F1

_INPUT_SQL = (
    f"CREATE OR REPLACE TABLE {INPUT} AS SELECT "
    "feed || ':' || record_id AS unique_id, feed, record_id, "
    "coalesce(string_split(given, ' ')[1], name_tokens[1]) AS first_name, "
    "coalesce(family, name_tokens[-1]) AS surname, "
    "dob, sex FROM person_records"
)


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
        ],
    )


def run_baseline(con: duckdb.DuckDBPyConnection) -> int:
    """Link ``person_records`` the plain way; return the number of entities."""
    con.execute(_INPUT_SQL)
    cur = con.cursor()
    try:
        records = DuckDBAPI(connection=cur).register(INPUT)
        linker = Linker(records, settings(), log_level=logging.ERROR)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("first_name", "surname", "dob")], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(
            max_pairs=model.U_MAX_PAIRS, seed=model.U_SEED
        )
        for rule in (block_on("first_name", "surname"), block_on("dob")):
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=model.EM_MAX_PAIRS
            )
        pairs = linker.inference.predict(threshold_match_probability=0.2)
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            pairs, threshold_match_probability=CLUSTER_THRESHOLD
        )
        cur.execute(
            f"CREATE OR REPLACE TABLE {BASELINE_TABLE} AS SELECT i.feed, i.record_id, "
            f"CAST(c.cluster_id AS VARCHAR) AS entity_id FROM {clusters.physical_name} c "
            f"JOIN {INPUT} i USING (unique_id)"
        )
        row = cur.execute(f"SELECT count(DISTINCT entity_id) FROM {BASELINE_TABLE}").fetchone()
    finally:
        cur.close()
    return int(row[0]) if row else 0
