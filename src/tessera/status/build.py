"""Build every status table, in dependency order, as of the drop's cut date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from tessera.identity import ENTITIES_TABLE
from tessera.status.court import COURT_TABLES
from tessera.status.documents import DOCUMENT_TABLES
from tessera.status.movements import MOVEMENT_TABLES
from tessera.status.periods import PERIODS
from tessera.status.police import POLICE_TABLES
from tessera.status.standing import STANDING_TABLES
from tessera.status.students import STUDENT_TABLES
from tessera.status.tables import Table, build, existing_tables
from tessera.status.timeline import TIMELINE
from tessera.status.unreadable import UNREADABLE
from tessera.status.work import HIRES

TABLES: tuple[Table, ...] = (
    *MOVEMENT_TABLES,
    *COURT_TABLES,
    *STUDENT_TABLES,
    *POLICE_TABLES,
    HIRES,
    *DOCUMENT_TABLES,
    UNREADABLE,
    *STANDING_TABLES,
    PERIODS,
    TIMELINE,
)


class StatusError(RuntimeError):
    """The workspace cannot give a status yet (nothing ingested, nobody resolved)."""


@dataclass(frozen=True)
class StatusBuild:
    as_of: dt.date
    people: int
    events: int
    periods: int
    standing: dict[str, int]


def drop_as_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The cut date of the latest drop ingested: every status is judged as of it."""
    if "drops" not in existing_tables(con):
        raise StatusError("no drop has been ingested into this workspace")
    row = con.execute("SELECT as_of FROM drops ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None:
        raise StatusError("no drop has been ingested into this workspace")
    day: dt.date = row[0]
    return day


def build_status(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> StatusBuild:
    """(Re)create the status tables from the resolved people (``record_entities``)."""
    if ENTITIES_TABLE not in existing_tables(con):
        raise StatusError(f"no {ENTITIES_TABLE}: resolve identities before building status")
    day = as_of or drop_as_of(con)
    build(con, TABLES, day)
    standing = dict(
        con.execute("SELECT standing, count(*) FROM status_people GROUP BY ALL").fetchall()
    )
    return StatusBuild(
        day,
        sum(standing.values()),
        _count(con, "status_timeline"),
        _count(con, "status_periods"),
        {str(k): int(v) for k, v in standing.items()},
    )


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0
