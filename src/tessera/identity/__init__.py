"""Identity: which records describe the same person. Today: the common shape every
person-describing record is brought into before linkage (``records.py``)."""

from tessera.identity.records import PERSON_FEEDS, build_person_records

__all__ = ["PERSON_FEEDS", "build_person_records"]
