"""The workspace tables identity resolution writes, by name (each module says what it holds).

``linkage_input`` (the records as Splink reads them) is named in ``linkage_input.py``.
"""

import duckdb


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the workspace holds the (non-temporary) table ``name``."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name = ?", [name]
    ).fetchone()
    return row is not None and row[0] > 0


PAIRS_TABLE = "scored_pairs"
"""Candidate pairs the model scored, with the weights of each comparison (``scoring.py``)."""

CLUSTERS_TABLE = "person_clusters"
"""This run's clusters: ``unique_id, cluster_key`` (``clustering.py``)."""

UNDECIDED_TABLE = "undecided_pairs"
"""Records the model tied but could not place: each could be either of two people who
refuse each other (``partition.py``), so it joined neither; ``unique_id_l, unique_id_r,
match_weight``, one pair per two people, for an analyst to judge (``review.py``)."""

REGISTRY_TABLE = "person_registry"
"""Which person each record belongs to: ``unique_id, person_id`` (``registry.py``)."""

REDIRECTS_TABLE = "person_redirects"
"""Person ids that disappeared and where they went: ``old_id, new_id, reason, redirected_at``."""

RETIRED_TABLE = "person_retired"
"""The records each redirected id held when it disappeared: ``person_id, unique_id``."""

COUNTER_TABLE = "person_id_counter"
"""The last person id number issued, so that no id is ever issued twice."""

ENTITIES_TABLE = "record_entities"
"""The evaluation contract: ``feed, record_id, entity_id`` (the person id)."""
