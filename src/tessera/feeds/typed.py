"""Turn staged raw values into typed, normalised columns and per-row problems.

Three SQL levels, so that each expression is written once: (1) the staged row plus the
looked-up values (transliterations, countries, phones), (2) intermediate parts such as
a date's digits, (3) values computed from those parts; the final projection reads level
3. Two passes use it: one computes only the problems of each row (most rows have none),
the other computes the typed columns of the rows to be stored, straight into the target
table, so a large feed is never materialised twice. A row with any problem is
quarantined whole; a child row's problems (a bad date inside a court case's events)
belong to its parent record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from tessera.feeds.compile import Check, Column, CompiledField, Lookup, compile_field
from tessera.feeds.layout import FeedLayout, Field, FileFormat, Nested
from tessera.feeds.lookups import create_lookup_table
from tessera.feeds.sqltext import ident, lit


@dataclass(frozen=True)
class TypedQuery:
    """SQL over a staged table: its typed columns, and the problems of each row."""

    source: str
    columns: tuple[Column, ...]
    carried: tuple[str, ...]
    problems_sql: str
    lookup_values: str
    lookup_joins: str
    pre: tuple[Column, ...]
    mid: tuple[Column, ...]

    def select(self, where: str) -> str:
        """``SELECT`` carried + typed columns for the staged rows matching ``where``."""
        cols = ", ".join(
            [f"s.{ident(name)}" for name in self.carried]
            + [f"CAST({c.expr} AS {c.sql_type}) AS {ident(c.name)}" for c in self.columns]
        )
        return f"SELECT {cols} FROM ({self.levels(where)}) s"

    def problems(self) -> str:
        """``SELECT line, record_id, problems`` for every staged row that has any."""
        return (
            f"SELECT * FROM (SELECT s.line, s.record_id, {self.problems_sql} AS problems "
            f"FROM ({self.levels('TRUE')}) s) WHERE len(problems) > 0"
        )

    def levels(self, where: str) -> str:
        level1 = (
            f"SELECT s.*{self.lookup_values} FROM {ident(self.source)} s{self.lookup_joins} "
            f"WHERE {where}"
        )
        return _extend(_extend(level1, self.pre), self.mid)


def prepare(
    con: duckdb.DuckDBPyConnection,
    source: str,
    fields: Sequence[Field],
    carried: Sequence[str],
    structural: Sequence[Check] = (),
    record_checks: Sequence[Check] = (),
    child_problems: Sequence[str] = (),
) -> TypedQuery:
    """Compile ``fields`` over TEMP ``source`` and create the lookup tables they need.

    ``structural`` checks, if any fires, replace all others (a row with a missing
    field cannot be read field by field).
    """
    by_name = {f.name: f for f in fields}
    compiled = [compile_field(f, by_name.__getitem__) for f in fields]
    lookups = [lk for c in compiled for lk in c.lookups]
    filled = _create_lookups(con, source, lookups)
    values = "".join(
        f", {lk.alias + '.value' if lk.alias in filled else 'NULL::VARCHAR'} AS {ident(lk.alias)}"
        for lk in lookups
    ) + "".join(
        f", {ident('cp' + str(i))}.problems AS {ident('child_problems_' + str(i))}"
        for i in range(len(child_problems))
    )
    joins = "".join(
        f" LEFT JOIN {ident('_' + lk.alias)} {lk.alias} ON {lk.alias}.raw = {lk.source}"
        for lk in lookups
        if lk.alias in filled
    ) + "".join(
        f" LEFT JOIN {ident(table)} {ident('cp' + str(i))} ON {ident('cp' + str(i))}.line = s.line"
        for i, table in enumerate(child_problems)
    )
    return TypedQuery(
        source=source,
        columns=tuple(col for c in compiled for col in c.columns),
        carried=tuple(carried),
        problems_sql=_problems(compiled, structural, record_checks, len(child_problems)),
        lookup_values=values,
        lookup_joins=joins,
        pre=tuple(col for c in compiled for col in c.pre),
        mid=tuple(col for c in compiled for col in c.mid),
    )


def _extend(query: str, columns: Sequence[Column]) -> str:
    """``query`` with ``columns`` computed on top of it (or itself if there are none)."""
    if not columns:
        return query
    added = "".join(f", {col.expr} AS {ident(col.name)}" for col in columns)
    return f"SELECT s.*{added} FROM ({query}) s"


def _create_lookups(
    con: duckdb.DuckDBPyConnection, source: str, lookups: Sequence[Lookup]
) -> set[str]:
    """Create each lookup's table; return the aliases that hold any value."""
    filled: set[str] = set()
    for lk in lookups:
        rows = con.execute(
            f"SELECT DISTINCT {lk.source} FROM {ident(source)} s "
            f"WHERE {lk.source} IS NOT NULL AND {lk.only_if}"
        ).fetchall()
        if rows:
            create_lookup_table(con, f"_{lk.alias}", lk.kind, (str(r[0]) for r in rows))
            filled.add(lk.alias)
    return filled


def _problem(check: Check) -> str:
    return (
        f"CASE WHEN {check.broken} THEN {{'kind': {lit(check.kind)}, 'reason': {check.reason}}} END"
    )


def _problems(
    compiled: Sequence[CompiledField],
    structural: Sequence[Check],
    record_checks: Sequence[Check],
    child_problem_count: int,
) -> str:
    checks = [_problem(ch) for ch in record_checks]
    checks += [_problem(ch) for c in compiled for ch in c.checks]
    field_problems = f"list_filter([{', '.join(checks) or 'NULL'}], lambda p: p IS NOT NULL)"
    for i in range(child_problem_count):
        field_problems = (
            f"list_concat({field_problems}, coalesce(s.{ident('child_problems_' + str(i))}, []))"
        )
    if not structural:
        return field_problems
    first = " ".join(
        f"WHEN {ch.broken} THEN [{{'kind': {lit(ch.kind)}, 'reason': {ch.reason}}}]"
        for ch in structural
    )
    return f"CASE {first} ELSE {field_problems} END"


def record_id_check(layout: FeedLayout) -> Check:
    return Check(
        "missing_required",
        "s.record_id IS NULL",
        lit(f"required field '{layout.record_id}' (the record id) is empty"),
    )


def structural_checks(layout: FeedLayout, header_width: int) -> list[Check]:
    if layout.format is FileFormat.CSV:
        return [
            Check(
                "wrong_column_count",
                f"s.n_fields <> {header_width}",
                f"'the row has ' || s.n_fields || ' fields but the header has {header_width}: "
                "a field is missing or a separator was added'",
            ),
            Check(
                "wrong_column_count",
                "s.malformed",
                lit("a quoted field is not closed on this line"),
            ),
        ]
    return [
        Check(
            "malformed_json",
            "s.malformed",
            lit("the line is not a JSON object; re-export the record"),
        )
    ]


def nested_required_checks(layout: FeedLayout) -> list[Check]:
    return [
        Check(
            "missing_required",
            f"s.{ident(n.name + '__count')} = 0",
            lit(f"required list '{n.name}' is empty"),
        )
        for n in layout.nested
        if n.required
    ]


def nested_fields(nested: Nested) -> tuple[Field, ...]:
    return (nested.item,) if nested.item is not None else nested.fields


@dataclass(frozen=True)
class TypedFeed:
    parent: TypedQuery
    children: dict[str, TypedQuery]


def type_feed(con: duckdb.DuckDBPyConnection, layout: FeedLayout, header_width: int) -> TypedFeed:
    """Compile the feed over ``_stage`` (and ``_stage__<name>``); find every problem.

    Creates TEMP ``_problems(line, record_id, problems)`` for the rows that cannot be
    used, children's problems included.
    """
    children: dict[str, TypedQuery] = {}
    child_problem_tables: list[str] = []
    for nested in layout.nested:
        query = prepare(
            con, f"_stage__{nested.name}", nested_fields(nested), ("line", "record_id", "seq")
        )
        children[nested.name] = query
        table = f"_problems__{nested.name}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {ident(table)} AS SELECT line, "
            f"flatten(list(problems ORDER BY seq)) AS problems FROM ("
            f"SELECT s.line, s.seq, {query.problems_sql} AS problems "
            f"FROM ({query.levels('TRUE')}) s) WHERE len(problems) > 0 GROUP BY line"
        )
        child_problem_tables.append(table)
    parent = prepare(
        con,
        "_stage",
        layout.fields,
        ("line", "record_id", "row_hash", "extras"),
        structural=structural_checks(layout, header_width),
        record_checks=[record_id_check(layout), *nested_required_checks(layout)],
        child_problems=child_problem_tables,
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE _problems AS {parent.problems()}")
    return TypedFeed(parent, children)
