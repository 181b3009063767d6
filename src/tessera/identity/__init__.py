"""Identity: which records describe the same person.

``build_person_records`` brings every person-describing record into one shape;
``resolve`` links them into people with a Splink model (``model.py``) and writes
``record_entities``.
"""

from tessera.identity.records import PERSON_FEEDS, build_person_records
from tessera.identity.resolve import ENTITIES_TABLE, Resolution, resolve

__all__ = ["ENTITIES_TABLE", "PERSON_FEEDS", "Resolution", "build_person_records", "resolve"]
