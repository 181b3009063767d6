"""Reading one person's status: timeline, periods, and the answer for a given date.

"What was this person's status on date D" has three honest answers: the periods of
status that cover D, each with its record; or, for a person the records show to be a
noncitizen, that no period of status covers D; or that the records cannot show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import duckdb


@dataclass(frozen=True)
class Event:
    on_date: dt.date | None
    kind: str
    summary: str
    key: str
    identity_only: bool


@dataclass(frozen=True)
class Period:
    kind: str
    basis: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    key: str


@dataclass(frozen=True)
class Standing:
    entity_id: str
    standing: str
    citizen_keys: tuple[str, ...]
    protection_keys: tuple[str, ...]
    noncitizen_keys: tuple[str, ...]


class Answer(StrEnum):
    SHOWN = "shown"
    """Periods of status cover the date."""
    NONE_SHOWN = "none shown"
    """A noncitizen by the records, and no period of status covers the date."""
    CANNOT_BE_SHOWN = "cannot be shown"
    """The records show nothing either way on that date: absence is not evidence."""


@dataclass(frozen=True)
class StatusOn:
    entity_id: str
    day: dt.date
    answer: Answer
    periods: tuple[Period, ...]
    noncitizen_keys: tuple[str, ...]


def standing(con: duckdb.DuckDBPyConnection, entity_id: str) -> Standing | None:
    row = con.execute(
        "SELECT standing, citizen_keys, protection_keys, noncitizen_keys FROM status_people "
        "WHERE entity_id = ?",
        [entity_id],
    ).fetchone()
    if row is None:
        return None
    return Standing(entity_id, str(row[0]), tuple(row[1]), tuple(row[2]), tuple(row[3]))


def timeline(con: duckdb.DuckDBPyConnection, entity_id: str) -> list[Event]:
    rows = con.execute(
        "SELECT on_date, kind, summary, key, identity_only FROM status_timeline "
        "WHERE entity_id = ? ORDER BY on_date NULLS LAST, key, kind",
        [entity_id],
    ).fetchall()
    return [Event(r[0], str(r[1]), str(r[2]), str(r[3]), bool(r[4])) for r in rows]


def periods(
    con: duckdb.DuckDBPyConnection, entity_id: str, on: dt.date | None = None
) -> list[Period]:
    """Every period of the person, or only those covering ``on``."""
    covering = " AND valid_from <= $day AND (valid_to IS NULL OR $day <= valid_to)" if on else ""
    params: dict[str, object] = {"entity": entity_id}
    if on:
        params["day"] = on
    rows = con.execute(
        "SELECT kind, basis, valid_from, valid_to, key FROM status_periods "
        f"WHERE entity_id = $entity{covering} ORDER BY valid_from NULLS FIRST, kind, key",
        params,
    ).fetchall()
    return [Period(str(r[0]), str(r[1]), r[2], r[3], str(r[4])) for r in rows]


def status_on(con: duckdb.DuckDBPyConnection, entity_id: str, day: dt.date) -> StatusOn:
    """The answer for ``day``, with the records behind it."""
    covering = tuple(periods(con, entity_id, day))
    if covering:
        return StatusOn(entity_id, day, Answer.SHOWN, covering, ())
    # Noncitizen evidence counts only if its record is dated on or before the day.
    rows = con.execute(
        "SELECT DISTINCT e.key FROM status_evidence e JOIN status_timeline t USING (key) "
        "WHERE e.entity_id = ? AND e.kind = 'NONCITIZEN' AND t.on_date <= ? ORDER BY 1",
        [entity_id, day],
    ).fetchall()
    keys = tuple(str(r[0]) for r in rows)
    answer = Answer.NONE_SHOWN if keys else Answer.CANNOT_BE_SHOWN
    return StatusOn(entity_id, day, answer, (), keys)
