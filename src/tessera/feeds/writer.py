"""Write a typed feed into the workspace: upsert by record id, quarantine the rest.

Everything for one feed happens in one transaction, so a run killed at any moment
leaves each feed either as before or fully updated; the next run simply does the work
again. Rows are compared by a hash of their raw content: an unchanged row is left
alone (it keeps the drop and line that first delivered it), a changed row is
replaced, a new row is added, and rows a newer drop does not repeat are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from tessera.feeds.checkpoints import checkpoint
from tessera.feeds.layout import FeedLayout
from tessera.feeds.lines import LineProblem
from tessera.feeds.sqltext import ident, lit
from tessera.feeds.typed import TypedFeed

WORKSPACE_DDL = (
    "CREATE TABLE IF NOT EXISTS drops (drop_id VARCHAR PRIMARY KEY, path VARCHAR, "
    "as_of DATE, seed BIGINT, people BIGINT, fingerprint VARCHAR, seq BIGINT)",
    "CREATE TABLE IF NOT EXISTS feed_loads (drop_id VARCHAR, feed VARCHAR, "
    "rows_read BIGINT, rows_stored BIGINT, rows_quarantined BIGINT, "
    "PRIMARY KEY (drop_id, feed))",
    "CREATE TABLE IF NOT EXISTS quarantine (drop_id VARCHAR, feed VARCHAR, line BIGINT, "
    "record_id VARCHAR, kind VARCHAR, reason VARCHAR, raw_text VARCHAR)",
)

USABLE = "s.line NOT IN (SELECT line FROM _problems) AND s.line NOT IN (SELECT line FROM _dups)"
CHANGED = "s.line IN (SELECT line FROM _changed)"


@dataclass(frozen=True)
class FeedLoad:
    feed: str
    rows_read: int
    rows_stored: int
    rows_quarantined: int
    rows_new: int
    rows_changed: int
    rows_unchanged: int


def ensure_workspace(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in WORKSPACE_DDL:
        con.execute(ddl)


def _find_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    """``_dups(line, first_line)``: later occurrences of a record id among usable rows."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _dups AS SELECT line, first_line FROM ("
        "SELECT line, min(line) OVER (PARTITION BY record_id) AS first_line FROM _stage "
        "WHERE record_id IN (SELECT record_id FROM _stage s "
        "WHERE s.line NOT IN (SELECT line FROM _problems) "
        "GROUP BY record_id HAVING count(*) > 1) "
        "AND line NOT IN (SELECT line FROM _problems)) WHERE line <> first_line"
    )


def _ensure_tables(con: duckdb.DuckDBPyConnection, layout: FeedLayout, typed: TypedFeed) -> None:
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {ident(layout.table)} AS "
        f"{_parent_rows(typed, 'FALSE', 'NULL')} LIMIT 0"
    )
    for nested in layout.nested:
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {ident(layout.child_table(nested))} AS "
            f"{_child_rows(typed, nested.name, 'FALSE')} LIMIT 0"
        )


def _parent_rows(typed: TypedFeed, where: str, drop_id: str) -> str:
    cols = "".join(f", t.{ident(c.name)}" for c in typed.parent.columns)
    return (
        f"SELECT t.record_id, CAST({drop_id} AS VARCHAR) AS drop_id, t.line, t.row_hash{cols}, "
        f"t.extras FROM ({typed.parent.select(where)}) t"
    )


def _child_rows(typed: TypedFeed, name: str, where: str) -> str:
    query = typed.children[name]
    cols = "".join(f", t.{ident(c.name)}" for c in query.columns)
    return f"SELECT t.record_id, t.seq{cols} FROM ({query.select(where)}) t"


def write_feed(
    con: duckdb.DuckDBPyConnection,
    layout: FeedLayout,
    typed: TypedFeed,
    drop_id: str,
    line_problems: list[LineProblem],
) -> FeedLoad:
    """Upsert usable rows, replace this drop's quarantine for the feed; one transaction."""
    _find_duplicates(con)
    target = ident(layout.table)
    con.execute("BEGIN TRANSACTION")
    try:
        _ensure_tables(con, layout, typed)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _changed AS SELECT s.line, s.record_id, "
            "t.record_id IS NOT NULL AS existed FROM _stage s "
            f"LEFT JOIN {target} t ON t.record_id = s.record_id "
            f"WHERE {USABLE} AND (t.record_id IS NULL OR t.row_hash <> s.row_hash)"
        )
        _replace_changed(con, layout, typed, drop_id)
        quarantined = _write_quarantine(con, layout, drop_id, line_problems)
        load = _record_load(con, layout, drop_id, quarantined, len(line_problems))
        checkpoint(f"before-commit:{layout.name}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return load


def _replace_changed(
    con: duckdb.DuckDBPyConnection, layout: FeedLayout, typed: TypedFeed, drop_id: str
) -> None:
    target = ident(layout.table)
    replaced = "(SELECT record_id FROM _changed WHERE existed)"
    con.execute(f"DELETE FROM {target} WHERE record_id IN {replaced}")
    con.execute(f"INSERT INTO {target} BY NAME {_parent_rows(typed, CHANGED, lit(drop_id))}")
    for nested in layout.nested:
        child = ident(layout.child_table(nested))
        con.execute(f"DELETE FROM {child} WHERE record_id IN {replaced}")
        con.execute(f"INSERT INTO {child} BY NAME {_child_rows(typed, nested.name, CHANGED)}")


def _write_quarantine(
    con: duckdb.DuckDBPyConnection,
    layout: FeedLayout,
    drop_id: str,
    line_problems: list[LineProblem],
) -> int:
    feed, drop = lit(layout.name), lit(drop_id)
    con.execute(f"DELETE FROM quarantine WHERE drop_id = {drop} AND feed = {feed}")
    con.execute(
        f"INSERT INTO quarantine SELECT {drop}, {feed}, p.line, p.record_id, "
        "p.problems[1].kind, "
        "array_to_string(list_transform(p.problems, lambda x: x.reason), '; '), l.text "
        "FROM _problems p JOIN _lines l USING (line)"
    )
    con.execute(
        f"INSERT INTO quarantine SELECT {drop}, {feed}, d.line, s.record_id, "
        "'duplicate_record_id', 'record id ' || s.record_id || ' already appears on line ' "
        "|| d.first_line || '; the source system must give each record its own id', l.text "
        "FROM _dups d JOIN _stage s USING (line) JOIN _lines l USING (line)"
    )
    if line_problems:
        con.execute(
            f"INSERT INTO quarantine SELECT {drop}, {feed}, unnest($1), NULL, unnest($2), "
            "unnest($3), unnest($4)",
            [
                [p.line for p in line_problems],
                [p.kind for p in line_problems],
                [p.reason for p in line_problems],
                [p.raw_text for p in line_problems],
            ],
        )
    row = con.execute(
        f"SELECT count(*) FROM quarantine WHERE drop_id = {drop} AND feed = {feed}"
    ).fetchone()
    return int(row[0]) if row else 0


def _record_load(
    con: duckdb.DuckDBPyConnection,
    layout: FeedLayout,
    drop_id: str,
    quarantined: int,
    unreadable_lines: int,
) -> FeedLoad:
    row = con.execute(
        "SELECT (SELECT count(*) FROM _stage), "
        "(SELECT count(*) FROM _problems) + (SELECT count(*) FROM _dups), "
        "(SELECT count(*) FILTER (WHERE NOT existed) FROM _changed), "
        "(SELECT count(*) FILTER (WHERE existed) FROM _changed)"
    ).fetchone()
    staged, unusable, new, changed = (int(v) for v in row) if row else (0, 0, 0, 0)
    stored = staged - unusable
    load = FeedLoad(
        feed=layout.name,
        rows_read=staged + unreadable_lines,
        rows_stored=stored,
        rows_quarantined=quarantined,
        rows_new=new,
        rows_changed=changed,
        rows_unchanged=stored - new - changed,
    )
    # What the drop held, not what this run changed: a re-run leaves it identical.
    con.execute(
        "INSERT OR REPLACE INTO feed_loads VALUES (?, ?, ?, ?, ?)",
        [drop_id, layout.name, load.rows_read, load.rows_stored, load.rows_quarantined],
    )
    return load
