"""Bulk writes of published rows through each backend's fastest DBAPI path.

SQLite: ``executemany`` of one prepared INSERT, a transaction per batch -- the write lock
is held for a batch at a time, so the audit log's appends (every API request makes one)
slip in between and a publication of millions of rows never stalls the service.
PostgreSQL: ``COPY ... FROM STDIN`` through psycopg's ``cursor.copy``, a batch per
transaction for the same reason (PostgreSQL's writers do not block each other, but a
short transaction keeps a failed load cheap to retry).

Nothing here builds ORM objects: a publication of a million people is tens of millions
of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine

from tessera.store.operational.published_rows import Bulk

DELETE_BATCH = 50_000
"""Rows deleted per transaction on SQLite (each short, so other writers get their turn)."""


def _columns(bulk: Bulk) -> str:
    return ", ".join(bulk.columns)


def _sqlite_load(raw: Any, bulk: Bulk) -> int:
    marks = ", ".join("?" for _ in bulk.columns)
    sql = f"INSERT INTO {bulk.table} ({_columns(bulk)}) VALUES ({marks})"
    written = 0
    for batch in bulk.batches:
        raw.executemany(sql, batch)
        raw.commit()
        written += len(batch)
    return written


def _postgres_load(raw: Any, bulk: Bulk) -> int:
    written = 0
    for batch in bulk.batches:
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {bulk.table} ({_columns(bulk)}) FROM STDIN") as copy,
        ):
            for row in batch:
                copy.write_row(row)
        raw.commit()
        written += len(batch)
    return written


def load(engine: Engine, bulk: Bulk) -> int:
    """Append ``bulk``'s rows to its table; return how many were written."""
    proxy = engine.raw_connection()
    try:
        raw = proxy.driver_connection
        if engine.dialect.name == "sqlite":
            return _sqlite_load(raw, bulk)
        return _postgres_load(raw, bulk)
    except BaseException:
        proxy.rollback()
        raise
    finally:
        proxy.close()


def _sqlite_purge(raw: Any, tables: Sequence[str], ids: str) -> None:
    for table in tables:
        while True:
            cursor = raw.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} "
                f"WHERE publication_id IN ({ids}) LIMIT {DELETE_BATCH})"
            )
            raw.commit()
            if cursor.rowcount < DELETE_BATCH:
                break


def _postgres_purge(raw: Any, tables: Sequence[str], ids: str) -> None:
    with raw.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table} WHERE publication_id IN ({ids})")
            raw.commit()


def purge(engine: Engine, tables: Sequence[str], publication_ids: Iterable[int]) -> None:
    """Delete every row of ``publication_ids`` from ``tables``."""
    ids = ", ".join(str(int(i)) for i in publication_ids)
    if not ids:
        return
    proxy = engine.raw_connection()
    try:
        raw = proxy.driver_connection
        if engine.dialect.name == "sqlite":
            _sqlite_purge(raw, tables, ids)
        else:
            _postgres_purge(raw, tables, ids)
    except BaseException:
        proxy.rollback()
        raise
    finally:
        proxy.close()


def analyze(engine: Engine, tables: Sequence[str]) -> None:
    """Fresh planner statistics after a bulk load. PostgreSQL's estimates would otherwise
    still describe the tables as they were before (empty, or another publication) and
    pick a scan of the whole publication for a look-up of a hundred people; autovacuum
    comes too late for the first readers. SQLite's planner needs no statistics for
    look-ups by key."""
    if engine.dialect.name != "postgresql":
        return
    proxy = engine.raw_connection()
    try:
        raw: Any = proxy.driver_connection
        with raw.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
        raw.commit()
    finally:
        proxy.close()
