"""Reading the quarantine: every row a drop delivered that could not be used, and why."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class QuarantinedRow:
    drop_id: str
    feed: str
    line: int
    record_id: str | None
    kind: str
    reason: str
    raw_text: str | None


def latest_drop_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The drop ingested most recently, or None if the workspace holds none."""
    try:
        row = con.execute("SELECT drop_id FROM drops ORDER BY seq DESC LIMIT 1").fetchone()
    except duckdb.CatalogException:
        return None
    return str(row[0]) if row else None


def quarantined_rows(
    con: duckdb.DuckDBPyConnection, drop_id: str | None = None, feed: str | None = None
) -> list[QuarantinedRow]:
    """Rows quarantined from ``drop_id`` (default: the latest drop), by feed and line."""
    drop = drop_id or latest_drop_id(con)
    if drop is None:
        return []
    rows = con.execute(
        "SELECT drop_id, feed, line, record_id, kind, reason, raw_text FROM quarantine "
        "WHERE drop_id = ? AND (? IS NULL OR feed = ?) ORDER BY feed, line",
        [drop, feed, feed],
    ).fetchall()
    return [
        QuarantinedRow(str(d), str(f), int(ln), rid, str(k), str(r), raw)
        for d, f, ln, rid, k, r, raw in rows
    ]
