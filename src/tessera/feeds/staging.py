"""Stage one feed file: split each numbered line into raw field values.

CSV lines are split in SQL (a plain ``string_split`` for lines without quotes, an
RFC 4180 field regex for the rest); JSONL lines are parsed with DuckDB's JSON
functions. The result, TEMP ``_stage``, holds per line: the raw value of every layout
field (trimmed, NULL if empty), the unknown extra columns as a MAP, and what the
structural checks need. Nested JSON arrays become TEMP ``_stage__<name>`` tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb

from tessera.feeds.errors import FeedFormatError
from tessera.feeds.layout import FeedLayout, FileFormat, Nested
from tessera.feeds.sqltext import ident, lit

CSV_FIELD = r'(?:^|,)("(?:[^"]|"")*"|[^,]*)'
PADDED = (
    "contains(text, ', ') OR contains(text, ' ,') OR starts_with(text, ' ') "
    "OR ends_with(text, ' ') OR contains(text, chr(9))"
)
# Fields are trimmed here, once; most lines have neither quotes nor padding, and for
# them a plain split is all the work there is.
SPLIT_CSV = (
    "CASE WHEN contains(text, '\"') THEN "
    f"list_transform(regexp_extract_all(text, {lit(CSV_FIELD)}, 1), "
    "lambda x: trim(CASE WHEN starts_with(x, '\"') AND ends_with(x, '\"') AND length(x) > 1 "
    "THEN replace(x[2:-2], '\"\"', '\"') ELSE x END)) "
    f"WHEN {PADDED} "
    "THEN list_transform(string_split(text, ','), lambda x: trim(x)) "
    "ELSE string_split(text, ',') END"
)
ODD_QUOTES = "(contains(text, '\"') AND (length(text) - length(replace(text, '\"', ''))) % 2 = 1)"


@dataclass(frozen=True)
class Staged:
    header: tuple[str, ...]
    extra_columns: tuple[str, ...]


def _raw(expr: str) -> str:
    return f"nullif(trim({expr}), '')"


def _split_raw(expr: str) -> str:
    """A split CSV field (already trimmed by SPLIT_CSV), NULL if empty."""
    return f"nullif({expr}, '')"


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
        f"{_split_raw(f'f[{position[layout.record_id]}]')} AS record_id",
        *(
            f"{_split_raw(f'f[{position[f.name]}]') if f.name in position else 'NULL::VARCHAR'} "
            f"AS {ident(f.name + '_raw')}"
            for f in layout.fields
        ),
        _extras_json([(name, f"f[{position[name]}]") for name in extras]) + " AS extras",
    ]
    hashed = [
        f"coalesce(f[{position[f.name]}], chr(0))" for f in layout.fields if f.name in position
    ]
    hashed += [f"{lit(name)}, coalesce(f[{position[name]}], chr(0))" for name in extras]
    # The hash identifies a row's content whatever the column order of the file.
    row_hash = f"hash(f[{position[layout.record_id]}], {', '.join(hashed)})"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _stage AS "
        f"SELECT line, len(f) <> {len(header)} OR odd_quotes AS malformed, "
        f"len(f) AS n_fields, {', '.join(columns)}, {row_hash} AS row_hash FROM ("
        f"SELECT line, {SPLIT_CSV} AS f, {ODD_QUOTES} AS odd_quotes FROM _lines "
        "WHERE line > 1 AND text IS NOT NULL AND trim(text) <> '')"
    )
    return Staged(header, extras)


def _extras_json(pairs: list[tuple[str, str]]) -> str:
    """Unknown columns, kept as a JSON object (a MAP costs three times as much to build)."""
    if not pairs:
        return "NULL::JSON"
    args = ", ".join(f"{lit(name)}, {_split_raw(expr)}" for name, expr in pairs)
    return f"json_object({args})"


def _json_schema(layout: FeedLayout) -> str:
    """The from_json structure: every scalar as VARCHAR, nested arrays as lists."""
    schema: dict[str, object] = {layout.record_id: "VARCHAR"}
    schema.update({f.name: "VARCHAR" for f in layout.fields})
    for nested in layout.nested:
        if nested.item is not None:
            schema[nested.name] = ["VARCHAR"]
        else:
            schema[nested.name] = [{f.name: "VARCHAR" for f in nested.fields}]
    return json.dumps(schema)


def _member(doc: str, key: str) -> str:
    return f"{doc}.{ident(key)}"


def _stage_jsonl(con: duckdb.DuckDBPyConnection, layout: FeedLayout) -> Staged:
    # Each line is parsed once, into one STRUCT; a line that is not a JSON object
    # gets no document and is quarantined as malformed.
    document = (
        "CASE WHEN starts_with(ltrim(text), '{') AND json_valid(text) "
        f"THEN from_json(text, {lit(_json_schema(layout))}) END"
    )
    # RFC 7396: merging a patch that sets every known key to null leaves the unknown ones.
    remove_known = lit(json.dumps(dict.fromkeys(layout.field_names)))
    columns = [
        f"{_raw(_member('doc', layout.record_id))} AS record_id",
        *(f"{_raw(_member('doc', f.name))} AS {ident(f.name + '_raw')}" for f in layout.fields),
        *(
            f"{_member('doc', n.name)} AS {ident(n.name + '__items')}, "
            f"coalesce(len({_member('doc', n.name)}), 0) AS {ident(n.name + '__count')}"
            for n in layout.nested
        ),
        "CASE WHEN doc IS NOT NULL THEN "
        f"nullif(json_merge_patch(text, {remove_known}), '{{}}'::JSON) END AS extras",
    ]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _stage AS "
        f"SELECT line, doc IS NULL AS malformed, NULL::INTEGER AS n_fields, "
        f"{', '.join(columns)}, hash(text) AS row_hash FROM ("
        f"SELECT line, text, {document} AS doc FROM _lines "
        "WHERE text IS NOT NULL AND trim(text) <> '')"
    )
    for nested in layout.nested:
        _stage_nested(con, nested)
    return Staged((), ())


def _stage_nested(con: duckdb.DuckDBPyConnection, nested: Nested) -> None:
    if nested.item is not None:
        values = [f"{_raw('e')} AS {ident(nested.item.name + '_raw')}"]
    else:
        values = [
            f"{_raw(_member('e', f.name))} AS {ident(f.name + '_raw')}" for f in nested.fields
        ]
    items = ident(nested.name + "__items")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {ident('_stage__' + nested.name)} AS "
        f"SELECT line, record_id, seq, {', '.join(values)} FROM ("
        f"SELECT line, record_id, unnest({items}) AS e, unnest(range(1, len({items}) + 1)) AS seq "
        f"FROM _stage WHERE {items} IS NOT NULL)"
    )
