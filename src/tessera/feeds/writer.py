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
from tessera.feeds.layout import FeedLayout, FileFormat
from tessera.feeds.lines import LineProblem
from tessera.feeds.sqltext import ident, lit
from tessera.feeds.typed import TypedTable

WORKSPACE_DDL = (
    "CREATE TABLE IF NOT EXISTS drops (drop_id VARCHAR PRIMARY KEY, path VARCHAR, "
    "as_of DATE, seed BIGINT, people BIGINT, fingerprint VARCHAR, seq BIGINT)",
    "CREATE TABLE IF NOT EXISTS feed_loads (drop_id VARCHAR, feed VARCHAR, "
    "rows_read BIGINT, rows_stored BIGINT, rows_quarantined BIGINT, "
    "PRIMARY KEY (drop_id, feed))",
    "CREATE TABLE IF NOT EXISTS quarantine (drop_id VARCHAR, feed VARCHAR, line BIGINT, "
    "record_id VARCHAR, kind VARCHAR, reason VARCHAR, raw_text VARCHAR)",
)


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


def _hash_sql(layout: FeedLayout) -> str:
    if layout.format is FileFormat.JSONL:
        return "md5(t.text)"
    raws = ", ".join(f"coalesce(t.{ident(f.name + '_raw')}, chr(0))" for f in layout.fields)
    return f"md5(concat_ws(chr(31), t.record_id, {raws}, CAST(t.extras AS VARCHAR)))"


def _prepare_valid(con: duckdb.DuckDBPyConnection, layout: FeedLayout) -> None:
    """``_valid``: rows without problems, first occurrence of each record id."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _dups AS SELECT line, first_line FROM ("
        "SELECT line, min(line) OVER (PARTITION BY record_id) AS first_line FROM _typed "
        "WHERE len(problems) = 0) WHERE line <> first_line"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _valid AS SELECT t.*, "
        f"{_hash_sql(layout)} AS row_hash FROM _typed t "
        "WHERE len(t.problems) = 0 AND t.line NOT IN (SELECT line FROM _dups)"
    )


def _column_list(table: TypedTable) -> str:
    """``, "a", "b"`` for the typed columns of ``table`` (empty if it has none)."""
    return "".join(f", {ident(c.name)}" for c in table.columns)


def _ensure_tables(
    con: duckdb.DuckDBPyConnection, layout: FeedLayout, tables: dict[str, TypedTable]
) -> None:
    cols = _column_list(tables[""])
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {ident(layout.table)} AS SELECT record_id, "
        f"CAST(NULL AS VARCHAR) AS drop_id, line, row_hash{cols}, extras FROM _valid LIMIT 0"
    )
    for nested in layout.nested:
        child_cols = ", ".join(ident(c.name) for c in tables[nested.name].columns)
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {ident(layout.child_table(nested))} AS SELECT "
            f"record_id, seq, {child_cols} FROM {ident('_typed__' + nested.name)} LIMIT 0"
        )


def write_feed(
    con: duckdb.DuckDBPyConnection,
    layout: FeedLayout,
    tables: dict[str, TypedTable],
    drop_id: str,
    line_problems: list[LineProblem],
) -> FeedLoad:
    """Upsert valid rows, replace this drop's quarantine for the feed; one transaction."""
    _prepare_valid(con, layout)
    target = ident(layout.table)
    con.execute("BEGIN TRANSACTION")
    try:
        _ensure_tables(con, layout, tables)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _changed AS SELECT v.record_id, "
            "s.record_id IS NOT NULL AS existed FROM _valid v "
            f"LEFT JOIN {target} s USING (record_id) "
            "WHERE s.record_id IS NULL OR s.row_hash <> v.row_hash"
        )
        _replace_changed(con, layout, tables, drop_id)
        quarantined = _write_quarantine(con, layout, drop_id, line_problems)
        load = _record_load(con, layout, drop_id, quarantined, len(line_problems))
        checkpoint(f"before-commit:{layout.name}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return load


def _replace_changed(
    con: duckdb.DuckDBPyConnection,
    layout: FeedLayout,
    tables: dict[str, TypedTable],
    drop_id: str,
) -> None:
    target = ident(layout.table)
    cols = _column_list(tables[""])
    changed = "(SELECT record_id FROM _changed)"
    con.execute(f"DELETE FROM {target} WHERE record_id IN {changed}")
    con.execute(
        f"INSERT INTO {target} BY NAME SELECT record_id, {lit(drop_id)} AS drop_id, line, "
        f"row_hash{cols}, extras FROM _valid WHERE record_id IN {changed}"
    )
    for nested in layout.nested:
        child = ident(layout.child_table(nested))
        child_cols = ", ".join(ident(c.name) for c in tables[nested.name].columns)
        con.execute(f"DELETE FROM {child} WHERE record_id IN {changed}")
        con.execute(
            f"INSERT INTO {child} BY NAME SELECT c.record_id, c.seq, {child_cols} "
            f"FROM {ident('_typed__' + nested.name)} c "
            "WHERE c.line IN (SELECT line FROM _valid WHERE record_id IN "
            f"{changed})"
        )


def _write_quarantine(
    con: duckdb.DuckDBPyConnection,
    layout: FeedLayout,
    drop_id: str,
    line_problems: list[LineProblem],
) -> int:
    feed, drop = lit(layout.name), lit(drop_id)
    con.execute(f"DELETE FROM quarantine WHERE drop_id = {drop} AND feed = {feed}")
    con.execute(
        f"INSERT INTO quarantine SELECT {drop}, {feed}, line, record_id, problems[1].kind, "
        "array_to_string(list_transform(problems, lambda p: p.reason), '; '), text "
        "FROM _typed WHERE len(problems) > 0"
    )
    con.execute(
        f"INSERT INTO quarantine SELECT {drop}, {feed}, t.line, t.record_id, "
        "'duplicate_record_id', 'record id ' || t.record_id || ' already appears on line ' "
        "|| d.first_line || '; the source system must give each record its own id', t.text "
        "FROM _typed t JOIN _dups d USING (line)"
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
        "SELECT (SELECT count(*) FROM _typed), (SELECT count(*) FROM _valid), "
        "(SELECT count(*) FILTER (WHERE NOT existed) FROM _changed), "
        "(SELECT count(*) FILTER (WHERE existed) FROM _changed)"
    ).fetchone()
    typed, stored, new, changed = (int(v) for v in row) if row else (0, 0, 0, 0)
    load = FeedLoad(
        feed=layout.name,
        rows_read=typed + unreadable_lines,
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
