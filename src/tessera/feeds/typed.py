"""Turn staged raw values into typed, normalised columns and per-row problems.

Three SQL levels, so that each expression is written once: (1) the staged row plus the
looked-up values (transliterations, countries, phones), (2) intermediate parts such as
a date's digits, (3) the final columns and the list of problems. A row with any
problem is quarantined whole; a child row's problems (a bad date inside a court case's
events) belong to its parent record.
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
class TypedTable:
    """What a typed table holds beyond its carried columns."""

    columns: tuple[Column, ...]


def _resolver(fields: Sequence[Field]) -> dict[str, Field]:
    return {f.name: f for f in fields}


def type_rows(
    con: duckdb.DuckDBPyConnection,
    source: str,
    target: str,
    fields: Sequence[Field],
    carried: Sequence[str],
    structural: Sequence[Check] = (),
    record_checks: Sequence[Check] = (),
    child_problems: Sequence[str] = (),
) -> TypedTable:
    """Create TEMP ``target`` from TEMP ``source``: carried columns, typed columns, problems.

    ``structural`` checks, if any fires, replace all others (a row with a missing
    field cannot be read field by field).
    """
    by_name = _resolver(fields)
    compiled = [compile_field(f, by_name.__getitem__) for f in fields]
    lookups = [lk for c in compiled for lk in c.lookups]
    _create_lookups(con, source, lookups)
    level1 = _level1(source, lookups, child_problems)
    pre = [col for c in compiled for col in c.pre]
    level2 = (
        f"SELECT s.*{''.join(f', {col.expr} AS {ident(col.name)}' for col in pre)} "
        f"FROM ({level1}) s"
    )
    columns = tuple(col for c in compiled for col in c.columns)
    problems = _problems(compiled, structural, record_checks, child_problems)
    select = ", ".join(
        [*(f"s.{ident(name)}" for name in carried)]
        + [f"CAST({col.expr} AS {col.sql_type}) AS {ident(col.name)}" for col in columns]
        + [f"{problems} AS problems"]
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {ident(target)} AS SELECT {select} FROM ({level2}) s"
    )
    return TypedTable(columns)


def _create_lookups(con: duckdb.DuckDBPyConnection, source: str, lookups: Sequence[Lookup]) -> None:
    for lk in lookups:
        rows = con.execute(
            f"SELECT DISTINCT {lk.source} FROM {ident(source)} s "
            f"WHERE {lk.source} IS NOT NULL AND {lk.only_if}"
        ).fetchall()
        create_lookup_table(con, f"_{lk.alias}", lk.kind, (str(r[0]) for r in rows))


def _level1(source: str, lookups: Sequence[Lookup], child_problems: Sequence[str]) -> str:
    values = "".join(f", {lk.alias}.value AS {ident(lk.alias)}" for lk in lookups)
    children = "".join(
        f", {ident('cp' + str(i))}.problems AS {ident('child_problems_' + str(i))}"
        for i in range(len(child_problems))
    )
    joins = "".join(
        f" LEFT JOIN {ident('_' + lk.alias)} {lk.alias} ON {lk.alias}.raw = {lk.source}"
        for lk in lookups
    )
    joins += "".join(
        f" LEFT JOIN {ident(table)} {ident('cp' + str(i))} USING (line)"
        for i, table in enumerate(child_problems)
    )
    return f"SELECT s.*{values}{children} FROM {ident(source)} s{joins}"


def _problem(check: Check) -> str:
    return (
        f"CASE WHEN {check.broken} THEN {{'kind': {lit(check.kind)}, 'reason': {check.reason}}} END"
    )


def _problems(
    compiled: Sequence[CompiledField],
    structural: Sequence[Check],
    record_checks: Sequence[Check],
    child_problems: Sequence[str],
) -> str:
    checks = [_problem(ch) for ch in record_checks]
    checks += [_problem(ch) for c in compiled for ch in c.checks]
    field_problems = f"list_filter([{', '.join(checks) or 'NULL'}], lambda p: p IS NOT NULL)"
    for i in range(len(child_problems)):
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


def record_id_field(layout: FeedLayout) -> Check:
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


def type_feed(
    con: duckdb.DuckDBPyConnection, layout: FeedLayout, header_width: int
) -> dict[str, TypedTable]:
    """Type ``_stage`` (and its children) into ``_typed`` (and ``_typed__<name>``)."""
    tables: dict[str, TypedTable] = {}
    child_problem_tables: list[str] = []
    for nested in layout.nested:
        stage, typed = f"_stage__{nested.name}", f"_typed__{nested.name}"
        tables[nested.name] = type_rows(
            con, stage, typed, nested_fields(nested), ("line", "record_id", "seq")
        )
        problems = f"_problems__{nested.name}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {ident(problems)} AS SELECT line, "
            f"flatten(list(problems ORDER BY seq)) AS problems FROM {ident(typed)} "
            "WHERE len(problems) > 0 GROUP BY line"
        )
        child_problem_tables.append(problems)
    tables[""] = type_rows(
        con,
        "_stage",
        "_typed",
        layout.fields,
        ("line", "text", "record_id", "extras"),
        structural=structural_checks(layout, header_width),
        record_checks=[record_id_field(layout), *nested_required_checks(layout)],
        child_problems=child_problem_tables,
    )
    return tables
