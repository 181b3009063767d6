"""Declared workspace tables: typed columns, filled from whichever sources a drop has.

A drop may leave a feed out, so every status table is created empty with its declared
columns first and then filled by each source whose ``src_`` tables exist: a missing feed
means fewer rows, never a failed run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from tessera.identity import ENTITIES_TABLE


@dataclass(frozen=True)
class Source:
    needs: tuple[str, ...]
    """Tables that must exist for this source to contribute (``src_arrivals``...)."""
    select: str
    """A SELECT naming every declared column; ``{as_of}`` is the drop's cut date."""


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[tuple[str, str], ...]
    sources: tuple[Source, ...]

    def ddl(self) -> str:
        cols = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        return f"CREATE OR REPLACE TABLE {self.name} ({cols})"


def of_entity(feed: str, alias: str = "s", array: str | None = None) -> str:
    """``src_<feed>`` (or its nested ``array``) joined to the person each record belongs
    to, as ``r.entity_id``. Records no person was resolved for are left out."""
    table = f"src_{feed}__{array}" if array else f"src_{feed}"
    return (
        f"{table} {alias} JOIN {ENTITIES_TABLE} r "
        f"ON r.feed = '{feed}' AND r.record_id = {alias}.record_id"
    )


def key(feed: str, alias: str = "s") -> str:
    """The global key of a source record: ``feed:record_id`` (SPEC)."""
    return f"'{feed}:' || {alias}.record_id"


APPROVED = "decision = 'APPROVED'"
ADMISSION = "'admitted as ' || class"
FORM_BASIS = "form || ' ' || lower(decision)"


def period(kind: str, needs: str, basis: str, start: str, end: str, rest: str) -> Source:
    """Rows of ``status_periods`` of one ``kind`` drawn from one status table ``needs``:
    ``basis``, ``start`` and ``end`` are SQL over it, ``rest`` its FROM ... WHERE ..."""
    return Source(
        (needs,),
        f"SELECT entity_id, '{kind}' AS kind, {basis} AS basis, {start} AS valid_from, "
        f"{end} AS valid_to, key {rest}",
    )


def date_literal(day: dt.date) -> str:
    return f"DATE '{day.isoformat()}'"


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()
    return {str(r[0]) for r in rows}


def build(con: duckdb.DuckDBPyConnection, tables: Iterable[Table], as_of: dt.date) -> None:
    """(Re)create each table in order, filled from the sources the workspace can feed."""
    present = existing_tables(con)
    for table in tables:
        con.execute(table.ddl())
        for source in table.sources:
            if set(source.needs) <= present:
                select = source.select.replace("{as_of}", date_literal(as_of))
                con.execute(f"INSERT INTO {table.name} BY NAME {select}")
        present.add(table.name)
