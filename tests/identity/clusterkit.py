"""Tiny workspaces for clustering and naming tests: records with the columns the
never-the-same rule reads, and scored pairs with what ``scoring.py`` writes."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import duckdb

from tessera.identity import model
from tessera.identity.tables import CLUSTERS_TABLE, PAIRS_TABLE

COLUMNS = {
    "unique_id": "VARCHAR",
    "feed": "VARCHAR",
    "record_id": "VARCHAR",
    "fin": "VARCHAR",
    "a_number": "VARCHAR",
    "fbi_number": "VARCHAR",
    "dob": "VARCHAR",
    "dob_year": "SMALLINT",
    "dob_month": "TINYINT",
    "dob_day": "TINYINT",
    "passport": "VARCHAR",
    "passport_after_report": "BOOLEAN",
    "passport_holder": "VARCHAR",
    "passports_apart": "VARCHAR[]",
    "ssn": "VARCHAR",
}

Record = Mapping[str, object]


def _dob_parts(dob: object) -> tuple[object, object, object]:
    if not isinstance(dob, str):
        return None, None, None
    year, month, day = dob.split("-")
    return int(year), int(month), int(day)


def records_table(con: duckdb.DuckDBPyConnection, records: Mapping[str, Record]) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE linkage_input ("
        + ", ".join(f"{c} {t}" for c, t in COLUMNS.items())
        + ")"
    )
    for key, fields in records.items():
        feed, record_id = key.split(":")
        year, month, day = _dob_parts(fields.get("dob"))
        con.execute(
            f"INSERT INTO linkage_input VALUES ({', '.join('?' * len(COLUMNS))})",
            [
                key,
                feed,
                record_id,
                fields.get("fin"),
                fields.get("a_number"),
                fields.get("fbi_number"),
                fields.get("dob"),
                year,
                month,
                day,
                fields.get("passport"),
                fields.get("passport_after_report"),
                fields.get("passport") if fields.get("passport_after_report") else None,
                fields.get("passports_apart"),
                fields.get("ssn"),
            ],
        )


def pairs_table(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[str, str, float]]) -> None:
    """``scored_pairs`` for ``(record, record, match probability)``, lower key left."""
    rows = [(*sorted((a, b)), math.log2(p / (1 - p)), p) for a, b, p in pairs]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _given (unique_id_l VARCHAR, unique_id_r VARCHAR, "
        "match_weight DOUBLE, match_probability DOUBLE)"
    )
    if rows:
        con.executemany("INSERT INTO _given VALUES (?, ?, ?, ?)", rows)
    # Identifier levels as Splink writes them: -1 unknown, 0 different, above 0 agreeing.
    gammas = "".join(
        f"CASE WHEN l.{c} IS NULL OR r.{c} IS NULL THEN -1 WHEN l.{c} = r.{c} THEN 1 ELSE 0 "
        f"END AS gamma_{c}, "
        if c in COLUMNS
        else f"-1 AS gamma_{c}, "
        for c in model.IDENTIFIER_COMPARISONS
    )
    con.execute(
        f"CREATE OR REPLACE TABLE {PAIRS_TABLE} AS SELECT s.*, {gammas}"
        f"coalesce({model.NEVER_THE_SAME}, false) AS never_same FROM _given s "
        "JOIN linkage_input l ON l.unique_id = s.unique_id_l "
        "JOIN linkage_input r ON r.unique_id = s.unique_id_r"
    )


def workspace(
    records: Mapping[str, Record], pairs: Sequence[tuple[str, str, float]] = ()
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    records_table(con, records)
    pairs_table(con, pairs)
    return con


def people(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """The clusters ``person_clusters`` holds, each sorted, in order."""
    rows = con.execute(
        f"SELECT list(unique_id ORDER BY unique_id) FROM {CLUSTERS_TABLE} GROUP BY cluster_key"
    ).fetchall()
    return sorted(list(r[0]) for r in rows)
