"""The table Splink reads: person records with comparison-ready keys.

Name tokens become canonical keys (variant groups, particles dropped) through a map
built once per distinct token; everything else is already normalised by the feeds.
"""

from __future__ import annotations

import duckdb

from tessera.identity.variants import name_parts

INPUT_TABLE = "linkage_input"


def _token_map(con: duckdb.DuckDBPyConnection) -> None:
    tokens = [
        str(r[0])
        for r in con.execute("SELECT DISTINCT unnest(name_tokens) FROM person_records").fetchall()
        if r[0] is not None
    ]
    canon: list[str | None] = [next(iter(name_parts(t)), None) for t in tokens]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _name_keys AS SELECT unnest($1) AS token, unnest($2) AS key",
        [tokens, canon],
    )


def build_linkage_input(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)create ``linkage_input`` from ``person_records``; return its row count."""
    _token_map(con)
    con.execute(
        f"CREATE OR REPLACE TABLE {INPUT_TABLE} AS SELECT "
        "p.feed || ':' || p.record_id AS unique_id, p.feed, p.record_id, "
        "(SELECT list_sort(list_distinct(list(k.key))) FROM (SELECT unnest(p.name_tokens) AS t) u "
        " JOIN _name_keys k ON k.token = u.t WHERE k.key IS NOT NULL) AS name_keys, "
        "(SELECT key FROM _name_keys WHERE token = "
        " string_split(replace(p.family, '-', ' '), ' ')[-1]) AS family_key, "
        "(SELECT key FROM _name_keys WHERE token = string_split(p.given, ' ')[1]) AS given_key, "
        "CAST(p.dob AS VARCHAR) AS dob, p.dob_year, p.sex, p.a_number, p.fin, "
        "p.fbi_number, p.ssn, p.passport FROM person_records p"
    )
    row = con.execute(f"SELECT count(*) FROM {INPUT_TABLE}").fetchall()
    return int(row[0][0])
