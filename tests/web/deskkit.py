"""People of the browser tests' world to ask the status desk about, each as an officer
would type them (a typo in the longest name), chosen by what the desk will answer: at once
(a certain match whose status the records show), only after an operator (the records show
no period of status), or at once as a U.S. citizen.

The world is shared with every other browser test, so nothing is hard-coded: candidates
are read from the workspace (read-only) and the published store, and the automatic
answer is predicted with the desk's own pure decision (``decide_answer``), which files
nothing and writes no audit entry.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import duckdb

from tessera.model.status_desk import Determination
from tessera.service.desk_answer import CandidateStatus, DeskAnswer, decide_answer
from tessera.service.operational import operational_store
from tessera.service.people import PersonQuery, find_candidates, status_summaries
from tessera.settings import Settings
from tests.service.searchkit import typo


@dataclass(frozen=True)
class Asked:
    """A person of the world and the query that names them, slip included."""

    person_id: str
    name: str
    dob: str
    sex: str | None
    birth_country: str | None
    answer: DeskAnswer


PEOPLE = (
    "SELECT p.entity_id, p.standing, r.family, r.given, strftime(r.dob, '%Y-%m-%d'), r.sex, "
    "r.birth_country FROM status_people p JOIN record_entities e USING (entity_id) "
    "JOIN person_records r USING (feed, record_id) "
    "WHERE p.standing = ? AND r.dob IS NOT NULL AND length(r.family) >= 4 "
    "AND r.given IS NOT NULL AND p.entity_id NOT IN "
    "(SELECT entity_id FROM status_filings WHERE form IN ('I-914', 'I-918')) "
    "QUALIFY row_number() OVER (PARTITION BY p.entity_id ORDER BY r.feed, r.record_id) = 1 "
    "ORDER BY hash(p.entity_id || ?) LIMIT 80"
)
"""One record of each person (a name and date of birth that belong together)."""


def _rows(settings: Settings, standing: str, salt: str) -> list[tuple[str | None, ...]]:
    with duckdb.connect(str(settings.workspace_path), read_only=True) as con:
        return [tuple(row) for row in con.execute(PEOPLE, [standing, salt]).fetchall()]


def _predicted(settings: Settings, name: str, dob: str, sex: str | None) -> DeskAnswer:
    with operational_store(settings) as store:
        found = find_candidates(store, PersonQuery(name=name, dob=dob, sex=sex), 10)
        summaries = status_summaries(store, [c.person_id for c in found], dt.date.today())
    statuses = [
        CandidateStatus(
            c.person_id,
            c.confidence,
            summaries[c.person_id].standing,
            summaries[c.person_id].periods,
            summaries[c.person_id].evidence,
            summaries[c.person_id].protected_1367,
            "USA" in summaries[c.person_id].birth_countries,
        )
        for c in found
        if c.person_id in summaries
    ]
    return decide_answer(statuses, False, False)


def _asked(settings: Settings, standing: str, salt: str) -> Iterator[Asked]:
    rng = random.Random(salt)
    for pid, _standing, family, given, dob, sex, birth in _rows(settings, standing, salt):
        assert pid and family and given and dob
        name = f"{typo(family, rng)}, {given}"
        answer = _predicted(settings, name, dob, sex)
        yield Asked(pid, name, dob, sex, birth, answer)


def person_asked(
    settings: Settings, standing: str, salt: str, fits: Callable[[Asked], bool]
) -> Asked:
    """The first person of ``standing`` (in an order ``salt`` shuffles) whose query fits."""
    for asked in _asked(settings, standing, salt):
        if asked.answer.person_id == asked.person_id and fits(asked):
            return asked
    raise AssertionError(f"no {standing} person in the world fits")


def answered_at_once(asked: Asked) -> bool:
    lawful = {Determination.lawful_permanent_resident, Determination.lawful_status_shown}
    return not asked.answer.requires_verification and asked.answer.determination in lawful


def waits_for_review(asked: Asked) -> bool:
    return asked.answer.determination is Determination.no_lawful_status_shown


def citizen_at_once(asked: Asked) -> bool:
    shown = asked.answer.determination is Determination.us_citizen
    return shown and not asked.answer.requires_verification
