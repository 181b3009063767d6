"""The analysts' queue of undecided people: two people the records cannot tell apart or
together.

``partition.py`` leaves a record (or a group of records) apart when it is tied, on names
and dates alone and nearly as strongly, to two people who refuse each other: joining
either would be a guess, and a guess can put one namesake's records into the other's
findings. Each such pair is listed here by the people it now stands between, for an
analyst to judge (``tessera judge merge`` or ``not-same``); a judgement settles it at the
next regrouping.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from tessera.identity.tables import REGISTRY_TABLE, UNDECIDED_TABLE, has_table


@dataclass(frozen=True)
class UndecidedPair:
    """Two people, and the strongest tie between their records that was left undecided."""

    person_a: str
    person_b: str
    record_a: str
    record_b: str
    match_weight: float


def undecided_people(con: duckdb.DuckDBPyConnection) -> list[UndecidedPair]:
    """Every undecided pair of live people, strongest tie first (empty for a workspace
    resolved before the queue existed)."""
    if not has_table(con, UNDECIDED_TABLE):
        return []
    rows = con.execute(
        "SELECT a.person_id, b.person_id, u.unique_id_l, u.unique_id_r, u.match_weight "
        f"FROM {UNDECIDED_TABLE} u JOIN {REGISTRY_TABLE} a ON a.unique_id = u.unique_id_l "
        f"JOIN {REGISTRY_TABLE} b ON b.unique_id = u.unique_id_r "
        "WHERE a.person_id <> b.person_id ORDER BY u.match_weight DESC, 1, 2"
    ).fetchall()
    found: dict[frozenset[str], UndecidedPair] = {}
    for person_a, person_b, record_a, record_b, weight in rows:
        if person_a > person_b:  # one order for a pair, whichever side was scored left
            person_a, person_b, record_a, record_b = person_b, person_a, record_b, record_a
        found.setdefault(
            frozenset((person_a, person_b)),
            UndecidedPair(person_a, person_b, record_a, record_b, float(weight)),
        )
    return list(found.values())
