"""Compile a layout's fields into SQL: the columns they become and the checks they need.

Each field becomes ``<name>_raw`` (the value as delivered) beside its normalised
column(s). ``pre`` columns are computed one level below the final projection (so a
parsed date's parts are computed once); ``lookups`` name the distinct-value maps of
``lookups.py`` the field joins in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tessera.feeds import normalize as n
from tessera.feeds.layout import (
    Amount,
    BirthDate,
    Code,
    Country,
    Date,
    DateFormat,
    Field,
    FullName,
    Identifier,
    Integer,
    NameLayout,
    NameList,
    NamePart,
    Offence,
    OffenceList,
    Phone,
    Place,
    Text,
    Timestamp,
)
from tessera.feeds.sqltext import ident, lit, lit_list

ASCII_ONLY = r"^[\x00-\x7F]*$"


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    expr: str


@dataclass(frozen=True)
class Check:
    """A way a row can be unusable: ``broken`` is SQL that is true when it is."""

    kind: str
    broken: str
    reason: str


@dataclass(frozen=True)
class Lookup:
    kind: str
    alias: str
    source: str
    only_if: str = "TRUE"


@dataclass(frozen=True)
class CompiledField:
    pre: tuple[Column, ...]
    columns: tuple[Column, ...]
    checks: tuple[Check, ...]
    lookups: tuple[Lookup, ...]
    mid: tuple[Column, ...] = ()
    """Computed from ``pre`` columns, one level below the final projection."""


FieldResolver = Callable[[str], Field]
"""Finds another field of the same record (a date that fixes an MRZ century)."""


def raw_ref(name: str) -> str:
    return f"s.{ident(name + '_raw')}"


def quoted_value(raw: str) -> str:
    """SQL for ``'<value>'`` as it should read in a quarantine reason."""
    return f"'''' || {raw} || ''''"


def compile_field(field: Field, resolve: FieldResolver) -> CompiledField:
    raw = raw_ref(field.name)
    compiled = _compile_kind(field, raw, resolve)
    raw_column = Column(f"{field.name}_raw", "VARCHAR", raw)
    checks = compiled.checks
    if field.required:
        missing = Check(
            "missing_required",
            f"{raw} IS NULL",
            lit(f"required field '{field.name}' is empty"),
        )
        checks = (missing, *checks)
    return CompiledField(
        compiled.pre, (raw_column, *compiled.columns), checks, compiled.lookups, compiled.mid
    )


def _simple(*columns: Column, checks: tuple[Check, ...] = ()) -> CompiledField:
    return CompiledField((), columns, checks, ())


def _compile_kind(field: Field, raw: str, resolve: FieldResolver) -> CompiledField:
    name, kind = field.name, field.kind
    match kind:
        case Text(upper=upper):
            return _simple(Column(name, "VARCHAR", f"upper({raw})" if upper else raw))
        case Code(values=values):
            return _code(name, raw, values)
        case Date():
            return _date(name, raw, kind)
        case BirthDate():
            return _birth_date(name, raw, kind, resolve)
        case Timestamp():
            value = n.timestamp(raw)
            bad = Check(
                "bad_date",
                f"{raw} IS NOT NULL AND {value} IS NULL",
                f"'{name} ' || {quoted_value(raw)} || ' is not an ISO 8601 date-time'",
            )
            return _simple(Column(name, "TIMESTAMP", value), checks=(bad,))
        case NamePart():
            return _name_part(name, raw)
        case FullName(layout=layout):
            return _full_name(name, raw, layout)
        case NameList(separator=sep):
            return _name_list(name, raw, sep)
        case Country():
            return _looked_up(name, raw, "country", name, "VARCHAR")
        case Place():
            return _looked_up(name, raw, "place", f"{name}_country", "VARCHAR")
        case Phone():
            return _phone(name, raw)
        case Identifier(type=id_type):
            return _simple(Column(name, "VARCHAR", n.identifier(raw, id_type)))
        case Offence():
            code = n.offence_code(raw)
            return _simple(
                Column(name, "VARCHAR", code),
                Column(f"{name}_family", "VARCHAR", n.offence_family(code)),
            )
        case OffenceList(separator=sep):
            return _offence_list(name, raw, sep)
        case Integer():
            return _number(name, raw, "BIGINT", "a whole number")
        case Amount():
            return _number(name, raw, "DECIMAL(18,2)", "an amount")
    raise TypeError(f"unknown field kind {kind!r}")


def _code(name: str, raw: str, values: tuple[str, ...]) -> CompiledField:
    allowed = ", ".join(values)
    value = f"upper({raw})"
    bad = Check(
        "invalid_code",
        f"{raw} IS NOT NULL AND NOT list_contains({lit_list(values)}, {value})",
        f"'{name} ' || {quoted_value(raw)} || ' is not a known code (expected one of {allowed})'",
    )
    return _simple(Column(name, "VARCHAR", value), checks=(bad,))


def _date(name: str, raw: str, kind: Date) -> CompiledField:
    value = n.event_date(raw, kind.format)
    is_ds = f"upper({raw}) = 'D/S'" if kind.duration_of_status else "FALSE"
    columns = [Column(name, "DATE", value)]
    if kind.duration_of_status:
        columns.append(Column(f"{name}_is_ds", "BOOLEAN", f"coalesce({is_ds}, FALSE)"))
    expected = kind.format.value + (" or D/S" if kind.duration_of_status else "")
    bad = Check(
        "bad_date",
        f"{raw} IS NOT NULL AND NOT {is_ds} AND {value} IS NULL",
        f"'{name} ' || {quoted_value(raw)} || ' is not a valid date (expected {expected})'",
    )
    return _simple(*columns, checks=(bad,))


def _birth_date(name: str, raw: str, kind: BirthDate, resolve: FieldResolver) -> CompiledField:
    year = n.four_digit_year
    if kind.format is DateFormat.MRZ:
        ref_field = resolve(kind.century_from) if kind.century_from else None
        ref_sql = "NULL::DATE"
        if ref_field is not None and isinstance(ref_field.kind, Date):
            ref_sql = n.event_date(raw_ref(ref_field.name), ref_field.kind.format)

        def year(digits: str) -> str:
            return n.mrz_year(digits, ref_sql)

    parts = f"{name}__parts"
    p = f"s.{ident(parts)}"
    full = n.full_date(f"CAST({p}.y AS VARCHAR)", f"{p}.m", f"{p}.d")
    mid = (
        Column(f"{name}__date", "", f"CASE WHEN {p}.d <> '00' AND {p}.m <> '00' THEN {full} END"),
        Column(
            f"{name}__precision",
            "",
            f"CASE WHEN {p}.y IS NULL THEN NULL WHEN {p}.m = '00' THEN 'year' "
            f"WHEN {p}.m NOT BETWEEN '01' AND '12' THEN NULL WHEN {p}.d = '00' THEN 'month' "
            f"WHEN {full} IS NOT NULL THEN 'day' END",
        ),
    )
    precision = f"s.{ident(name + '__precision')}"
    columns = (
        Column(name, "DATE", f"s.{ident(name + '__date')}"),
        Column(f"{name}_year", "SMALLINT", f"CASE WHEN {precision} IS NOT NULL THEN {p}.y END"),
        Column(
            f"{name}_month",
            "TINYINT",
            f"CASE WHEN {precision} IN ('month', 'day') THEN CAST({p}.m AS TINYINT) END",
        ),
        Column(
            f"{name}_day",
            "TINYINT",
            f"CASE WHEN {precision} = 'day' THEN CAST({p}.d AS TINYINT) END",
        ),
        Column(f"{name}_precision", "VARCHAR", precision),
    )
    bad = Check(
        "bad_date",
        f"{raw} IS NOT NULL AND {precision} IS NULL",
        f"'{name} ' || {quoted_value(raw)} || ' is not a date of birth (expected "
        f"{kind.format.value}, 00 for an unknown day or month)'",
    )
    pre = (Column(parts, "", n.date_parts(raw, kind.format, year)),)
    return CompiledField(pre, columns, (bad,), (), mid)


def _translit(name: str, raw: str) -> tuple[Lookup, str]:
    alias = f"lk_{name}"
    lookup = Lookup("translit", alias, raw, f"NOT regexp_full_match({raw}, {lit(ASCII_ONLY)})")
    return lookup, f"coalesce(s.{ident(alias)}, {raw})"


def _name_part(name: str, raw: str) -> CompiledField:
    lookup, ascii_value = _translit(name, raw)
    return CompiledField((), (Column(name, "VARCHAR", n.name_text(ascii_value)),), (), (lookup,))


def _full_name(name: str, raw: str, layout: NameLayout) -> CompiledField:
    lookup, ascii_value = _translit(name, raw)
    a = f"s.{ident(name + '__ascii')}"
    pre = (Column(f"{name}__ascii", "", ascii_value),)
    split = layout is not NameLayout.FAMILY_FIRST
    has_comma = f"({split} AND contains({a}, ','))"
    family_text = n.name_text(f"split_part({a}, ',', 1)")
    rest_tokens = n.name_tokens(n.name_text(f"substr({a}, strpos({a}, ',') + 1)"))
    # Each part is parsed once (level 3); the final columns only pick from them.
    mid = (
        Column(f"{name}__full", "", n.name_text(a)),
        Column(f"{name}__family", "", f"CASE WHEN {has_comma} THEN {family_text} END"),
        Column(f"{name}__rest", "", f"CASE WHEN {has_comma} THEN {rest_tokens} END"),
    )
    full, rest = f"s.{ident(name + '__full')}", f"s.{ident(name + '__rest')}"
    columns = (
        Column(f"{name}_family", "VARCHAR", f"s.{ident(name + '__family')}"),
        Column(f"{name}_given", "VARCHAR", f"{rest}[1]"),
        Column(f"{name}_middle", "VARCHAR", f"nullif(array_to_string({rest}[2:], ' '), '')"),
        Column(f"{name}_full", "VARCHAR", full),
        Column(f"{name}_tokens", "VARCHAR[]", n.name_tokens(full)),
    )
    return CompiledField(pre, columns, (), (lookup,), mid)


def _name_list(name: str, raw: str, separator: str) -> CompiledField:
    lookup, ascii_value = _translit(name, raw)
    items = f"string_split({ascii_value}, {lit(separator)})"
    value = (
        f"list_filter(list_transform({items}, lambda x: {n.name_text('x')}), "
        "lambda x: x IS NOT NULL)"
    )
    return CompiledField((), (Column(name, "VARCHAR[]", value),), (), (lookup,))


def _looked_up(name: str, raw: str, kind: str, column: str, sql_type: str) -> CompiledField:
    alias = f"lk_{name}"
    lookup = Lookup(kind, alias, raw)
    return CompiledField((), (Column(column, sql_type, f"s.{ident(alias)}"),), (), (lookup,))


def _phone(name: str, raw: str) -> CompiledField:
    alias = f"lk_{name}"
    fast = n.phone_fast_path(raw)
    lookup = Lookup("phone", alias, raw, n.phone_needs_library(raw))
    value = f"coalesce({fast}, s.{ident(alias)})"
    return CompiledField((), (Column(name, "VARCHAR", value),), (), (lookup,))


def _offence_list(name: str, raw: str, separator: str) -> CompiledField:
    codes = (
        f"list_filter(list_transform(string_split({raw}, {lit(separator)}), "
        f"lambda x: {n.offence_code('trim(x)')}), lambda x: x IS NOT NULL)"
    )
    families = f"list_transform({codes}, lambda c: {n.offence_family('c')})"
    return _simple(
        Column(name, "VARCHAR[]", codes),
        Column(f"{name}_families", "VARCHAR[]", families),
    )


def _number(name: str, raw: str, sql_type: str, what: str) -> CompiledField:
    value = f"try_cast({raw} AS {sql_type})"
    bad = Check(
        "bad_number",
        f"{raw} IS NOT NULL AND {value} IS NULL",
        f"'{name} ' || {quoted_value(raw)} || ' is not {what}'",
    )
    return _simple(Column(name, sql_type, value), checks=(bad,))
