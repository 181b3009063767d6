"""People to test the search and dossier screens with, chosen from a world's workspace
(read-only, closed at once: the server may open it for the pair explanation) and its
published store -- never hard-coded ids, since other tests work on the same world."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tessera.security.jurisdiction import within
from tessera.service.operational import operational_store
from tessera.service.people import subject_facts
from tessera.settings import Settings
from tessera.store.workspace import open_workspace
from tests.service.searchkit import typo


@dataclass(frozen=True)
class Subject:
    person_id: str
    given: str
    family: str
    dob: str
    """YYYY-MM-DD as the records give it."""
    misspelled: str
    """``given family`` with one keying slip in the family name."""


def _rows(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    con = open_workspace(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def searchable(settings: Settings) -> Subject:
    """A noncitizen with findings, a period of status and several records, one of which
    gives a full name and date of birth: a dossier with everything to draw."""
    rows = _rows(
        settings,
        "SELECT p.entity_id, r.given, r.family, strftime(r.dob, '%Y-%m-%d') "
        "FROM status_people p JOIN record_entities e USING (entity_id) "
        "JOIN person_records r USING (feed, record_id) "
        "WHERE p.standing = 'NONCITIZEN' AND r.dob IS NOT NULL AND r.dob_precision = 'day' "
        "AND length(r.family) >= 6 AND r.given IS NOT NULL AND r.middle IS NULL "
        "AND p.entity_id IN (SELECT entity_id FROM findings) "
        "AND p.entity_id IN (SELECT entity_id FROM status_periods WHERE kind = 'STAY') "
        "AND p.entity_id IN (SELECT entity_id FROM record_entities GROUP BY 1 "
        "HAVING count(*) >= 3) ORDER BY p.entity_id, e.feed, e.record_id LIMIT 1",
    )
    assert rows, "the world has no noncitizen with findings, a stay and three records"
    person_id, given, family, dob = (str(v) for v in rows[0])
    slipped = typo(family, random.Random(person_id))
    assert slipped != family
    return Subject(person_id, given, family, dob, f"{given} {slipped}")


def protected(settings: Settings) -> str:
    """A person the records protect (asylum, T, U; else a citizen) whom an analyst may
    open: not under 8 U.S.C. 1367, which hides them from analysts altogether."""
    rows = _rows(
        settings,
        "SELECT entity_id FROM status_people WHERE standing IN ('PROTECTED', 'CITIZEN') "
        "ORDER BY standing = 'CITIZEN', entity_id",
    )
    with operational_store(settings) as store:
        for (person_id,) in rows:
            facts = subject_facts(store, str(person_id))
            if facts is not None and not facts.protected_1367:
                return str(person_id)
    raise AssertionError("the world has no protected person outside 1367")


def by_jurisdiction(settings: Settings, jurisdiction: str) -> tuple[str, str]:
    """A person with a record in ``jurisdiction`` and one without (neither under 1367)."""
    ids = [str(r[0]) for r in _rows(settings, "SELECT entity_id FROM status_people ORDER BY 1")]
    inside = outside = None
    with operational_store(settings) as store:
        for person_id in ids:
            facts = subject_facts(store, person_id)
            if facts is None or facts.protected_1367:
                continue
            if within(frozenset({jurisdiction}), facts.jurisdictions):
                inside = inside or facts.person_id
            elif facts.jurisdictions:
                outside = outside or facts.person_id
            if inside and outside:
                return inside, outside
    raise AssertionError(f"the world lacks people on both sides of {jurisdiction}")
