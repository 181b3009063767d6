"""The workspace tables identity resolution writes, by name (each module says what it holds).

``linkage_input`` (the records as Splink reads them) is named in ``linkage_input.py``.
"""

PAIRS_TABLE = "scored_pairs"
"""Candidate pairs the model scored, with the weights of each comparison (``scoring.py``)."""

CLUSTERS_TABLE = "person_clusters"
"""This run's clusters: ``unique_id, cluster_key`` (``clustering.py``)."""

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
