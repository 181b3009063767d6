"""Identity: which records describe the same person.

``build_person_records`` brings every person-describing record into one shape;
``resolve`` scores pairs with a Splink model (``model.py``, ``scoring.py``), clusters
them so that no person holds records that may never be one (``clustering.py``,
``partition.py``), honours analysts' judgements (``judgements.py``), gives each person a
stable id (``registry.py``) and writes ``record_entities``; ``explain.py`` says why
records were tied. ``spark.py`` scores the pairs on Spark instead of DuckDB (scale-out).
"""

from tessera.identity.judgements import Judgement
from tessera.identity.records import PERSON_FEEDS, build_person_records
from tessera.identity.resolve import (
    NotResolvedError,
    People,
    Resolution,
    assign_people,
    resolve,
)
from tessera.identity.spark import SparkEngine
from tessera.identity.tables import ENTITIES_TABLE

__all__ = [
    "ENTITIES_TABLE",
    "PERSON_FEEDS",
    "Judgement",
    "NotResolvedError",
    "People",
    "Resolution",
    "SparkEngine",
    "assign_people",
    "build_person_records",
    "resolve",
]
