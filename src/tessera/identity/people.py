"""Looking people up in the registry: a (possibly old) person id, a person's records, the
person a record belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from tessera.identity.registry import Redirect
from tessera.identity.tables import REDIRECTS_TABLE, REGISTRY_TABLE


@dataclass(frozen=True)
class Lookup:
    """Where a person id leads: the live id (``None`` if none), through which redirects."""

    asked: str
    person_id: str | None
    via: tuple[Redirect, ...]


def has_registry(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name IN (?, ?)",
        [REGISTRY_TABLE, REDIRECTS_TABLE],
    ).fetchone()
    return found == (2,)


def _is_live(con: duckdb.DuckDBPyConnection, person_id: str) -> bool:
    row = con.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {REGISTRY_TABLE} WHERE person_id = ? LIMIT 1)",
        [person_id],
    ).fetchone()
    return row == (1,)


def find_person(con: duckdb.DuckDBPyConnection, person_id: str) -> Lookup:
    """Follow ``person_id`` through any redirects to the person who now holds its records."""
    if not has_registry(con):
        return Lookup(person_id, None, ())
    via: list[Redirect] = []
    current = person_id
    while not _is_live(con, current):
        row = con.execute(
            f"SELECT new_id, reason FROM {REDIRECTS_TABLE} WHERE old_id = ?", [current]
        ).fetchone()
        if row is None or any(r.old_id == current for r in via):
            return Lookup(person_id, None, tuple(via))
        via.append(Redirect(current, None if row[0] is None else str(row[0]), str(row[1])))
        if row[0] is None:
            return Lookup(person_id, None, tuple(via))
        current = str(row[0])
    return Lookup(person_id, current, tuple(via))


def records_of(con: duckdb.DuckDBPyConnection, person_id: str) -> list[str]:
    """The record keys (``feed:record_id``) of a live person, in order."""
    rows = con.execute(
        f"SELECT unique_id FROM {REGISTRY_TABLE} WHERE person_id = ? ORDER BY unique_id",
        [person_id],
    ).fetchall()
    return [str(r[0]) for r in rows]


def people_of(con: duckdb.DuckDBPyConnection, record_keys: Sequence[str]) -> dict[str, str]:
    """Record key -> the person it belongs to, for the keys the registry knows."""
    rows = con.execute(
        f"SELECT unique_id, person_id FROM {REGISTRY_TABLE} "
        "WHERE unique_id IN (SELECT unnest($1::VARCHAR[]))",
        [list(record_keys)],
    ).fetchall()
    return {str(k): str(p) for k, p in rows}
