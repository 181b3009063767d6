"""Stage one feed file: split each numbered line into raw field values.

CSV lines are split in SQL (a plain ``string_split`` for lines without quotes, an
RFC 4180 field regex for the rest); JSONL lines are parsed with DuckDB's JSON
functions. The result, TEMP ``_stage``, holds per line: the raw value of every layout
field (trimmed, NULL if empty), the unknown extra columns as a MAP, and what the
structural checks need. Nested JSON arrays become TEMP ``_stage__<name>`` tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from tessera.feeds.errors import FeedFormatError
from tessera.feeds.layout import FeedLayout, FileFormat, Nested
from tessera.feeds.sqltext import ident, lit, lit_list

CSV_FIELD = r'(?:^|,)("(?:[^"]|"")*"|[^,]*)'
SPLIT_CSV = (
    "CASE WHEN NOT contains(text, '\"') THEN string_split(text, ',') "
    f"ELSE list_transform(regexp_extract_all(text, {lit(CSV_FIELD)}, 1), "
    "lambda x: CASE WHEN starts_with(x, '\"') AND ends_with(x, '\"') AND length(x) > 1 "
    "THEN replace(x[2:-2], '\"\"', '\"') ELSE x END) END"
)
JSON_OBJECT = (
    "CASE WHEN json_valid(text) THEN CASE WHEN json_type(text) = 'OBJECT' THEN text::JSON END END"
)
ODD_QUOTES = "(length(text) - length(replace(text, '\"', ''))) % 2 = 1"


@dataclass(frozen=True)
class Staged:
    header: tuple[str, ...]
    extra_columns: tuple[str, ...]


def _raw(expr: str) -> str:
    return f"nullif(trim({expr}), '')"


def stage(con: duckdb.DuckDBPyConnection, layout: FeedLayout, file_name: str) -> Staged:
    if layout.format is FileFormat.CSV:
        return _stage_csv(con, layout, file_name)
    return _stage_jsonl(con, layout)


def read_header(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    row = con.execute(
        f"SELECT {SPLIT_CSV} FROM (SELECT ltrim(text, chr(65279)) AS text FROM _lines "
        "WHERE line = 1)"
    ).fetchone()
    return tuple(str(h).strip().lower() for h in row[0]) if row and row[0] else ()


def _stage_csv(con: duckdb.DuckDBPyConnection, layout: FeedLayout, file_name: str) -> Staged:
    header = read_header(con)
    if not header:
        raise FeedFormatError(f"{file_name}: the header row (line 1) is empty")
    position = {name: i + 1 for i, name in enumerate(header)}
    missing = [f.name for f in layout.fields if f.required and f.name not in position]
    if layout.record_id not in position:
        missing.insert(0, layout.record_id)
    if missing:
        raise FeedFormatError(
            f"{file_name}: required column(s) {', '.join(missing)} missing from the header"
        )
    known = set(layout.field_names)
    extras = tuple(sorted(h for h in header if h not in known and h))
    columns = [
        f"{_raw(f'f[{position[layout.record_id]}]')} AS record_id",
        *(
            f"{_raw(f'f[{position[f.name]}]') if f.name in position else 'NULL::VARCHAR'} "
            f"AS {ident(f.name + '_raw')}"
            for f in layout.fields
        ),
        _extras_map([(name, f"f[{position[name]}]") for name in extras]) + " AS extras",
    ]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _split AS "
        f"SELECT line, text, {SPLIT_CSV} AS f, {ODD_QUOTES} AS odd_quotes FROM _lines "
        "WHERE line > 1 AND text IS NOT NULL AND trim(text) <> ''"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _stage AS "
        f"SELECT line, text, len(f) <> {len(header)} OR odd_quotes AS malformed, "
        f"len(f) AS n_fields, {', '.join(columns)} FROM _split"
    )
    con.execute("DROP TABLE _split")
    return Staged(header, extras)


def _extras_map(pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return "MAP()::MAP(VARCHAR, VARCHAR)"
    keys = lit_list(name for name, _ in pairs)
    values = "[" + ", ".join(_raw(expr) for _, expr in pairs) + "]"
    return f"MAP({keys}, {values})"


def _json_value(doc: str, key: str) -> str:
    return _raw(f"json_extract_string({doc}, {lit('$.' + _json_key(key))})")


def _json_key(key: str) -> str:
    return '"' + key + '"'


def _stage_jsonl(con: duckdb.DuckDBPyConnection, layout: FeedLayout) -> Staged:
    known = lit_list(layout.field_names)
    extras = (
        "map_from_entries(list_transform(list_filter(json_keys(j), "
        f"lambda k: NOT list_contains({known}, k)), "
        "lambda k: {'k': k, 'v': json_extract_string(j, '$.\"' || k || '\"')}))"
    )
    columns = [
        f"{_json_value('j', layout.record_id)} AS record_id",
        *(f"{_json_value('j', f.name)} AS {ident(f.name + '_raw')}" for f in layout.fields),
        *(
            f"coalesce(json_array_length(j, {lit('$.' + _json_key(n.name))}), 0) "
            f"AS {ident(n.name + '__count')}"
            for n in layout.nested
        ),
        f"CASE WHEN j IS NOT NULL THEN {extras} END AS extras",
    ]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _stage AS "
        f"SELECT line, text, j IS NULL AS malformed, NULL::INTEGER AS n_fields, "
        f"{', '.join(columns)} FROM ("
        f"SELECT line, text, {JSON_OBJECT} AS j FROM _lines "
        "WHERE text IS NOT NULL AND trim(text) <> '')"
    )
    for nested in layout.nested:
        _stage_nested(con, layout, nested)
    return Staged((), ())


def _stage_nested(con: duckdb.DuckDBPyConnection, layout: FeedLayout, nested: Nested) -> None:
    path = lit("$." + _json_key(nested.name) + "[*]")
    if nested.item is not None:
        values = [
            f"{_raw('json_extract_string(e, ' + lit('$') + ')')} AS "
            f"{ident(nested.item.name + '_raw')}"
        ]
    else:
        values = [f"{_json_value('e', f.name)} AS {ident(f.name + '_raw')}" for f in nested.fields]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {ident('_stage__' + nested.name)} AS "
        f"SELECT line, record_id, seq, {', '.join(values)} FROM ("
        "SELECT line, record_id, unnest(items) AS e, unnest(range(1, len(items) + 1)) AS seq "
        f"FROM (SELECT line, {_json_value('j', layout.record_id)} AS record_id, "
        f"json_extract(j, {path}) AS items FROM ("
        f"SELECT line, {JSON_OBJECT} AS j FROM _lines WHERE text IS NOT NULL) "
        "WHERE j IS NOT NULL) WHERE items IS NOT NULL)"
    )
