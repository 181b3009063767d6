"""Every person-describing source record in one shape: the input of identity resolution.

Each feed names how its columns map onto the common fields; what a feed does not know
is NULL (absence of a value is never a mismatch). ``name_tokens`` holds every name
token the record carries (aliases and a criminal history's other names included), so
that order swaps and dropped parts can still be compared; ``family`` is NULL where the
system's layout does not say which tokens are the family name.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

COMMON = (
    "feed",
    "record_id",
    "family",
    "given",
    "middle",
    "name_tokens",
    "dob",
    "dob_year",
    "dob_month",
    "dob_day",
    "dob_precision",
    "sex",
    "nationality",
    "birth_country",
    "a_number",
    "fin",
    "fbi_number",
    "sevis_id",
    "ssn",
    "passport",
    "record_date",
)

DOB = ("dob", "dob_year", "dob_month", "dob_day", "dob_precision")


def _tokens(*parts: str) -> str:
    lists = ", ".join(f"coalesce(string_split({p}, ' '), [])" for p in parts)
    return f"list_distinct(flatten([{lists}]))"


def _first(text: str) -> str:
    return f"string_split({text}, ' ')[1]"


def _rest(text: str) -> str:
    return f"nullif(array_to_string(string_split({text}, ' ')[2:], ' '), '')"


COMMA_NAME = {
    "family": "name_family",
    "given": "name_given",
    "middle": "name_middle",
    "name_tokens": "name_tokens",
}

# Feed -> common field -> SQL over that feed's src table (unnamed fields are NULL).
MAPPINGS: Mapping[str, Mapping[str, str]] = {
    "arrivals": {
        "family": "family_name",
        "given": _first("given_names"),
        "middle": _rest("given_names"),
        "name_tokens": _tokens("family_name", "given_names"),
        "sex": "sex",
        "nationality": "nationality",
        "fin": "fin",
        "passport": "passport_number",
        "record_date": "event_date",
    },
    "students": {
        "family": "surname",
        "given": _first("given_name"),
        "middle": _rest("given_name"),
        "name_tokens": _tokens("surname", "given_name"),
        "nationality": "country_of_citizenship",
        "birth_country": "country_of_birth",
        "sevis_id": "record_id",
        "passport": "passport_number",
        "record_date": "program_start",
    },
    "registrations": {**COMMA_NAME, "nationality": "nationality", "record_date": "event_date"},
    "benefits": {
        "family": "family_name",
        "given": _first("given_name"),
        "middle": _rest("given_name"),
        "name_tokens": _tokens("family_name", "given_name"),
        "birth_country": "country_of_birth",
        "a_number": "a_number",
        "record_date": "filed_date",
    },
    "court": {**COMMA_NAME, "nationality": "nationality", "a_number": "a_number"},
    "removals": {
        "name_tokens": "name_tokens",
        "nationality": "nationality",
        "a_number": "a_number",
        "fin": "fin",
        "record_date": "removal_date",
    },
    "custody": {
        **COMMA_NAME,
        "sex": "sex",
        "birth_country": "place_of_birth_country",
        "fbi_number": "fbi_number",
        "fin": "fin",
        "record_date": "booking_date",
    },
    "wanted": {**COMMA_NAME, "sex": "sex", "fbi_number": "fbi_number", "record_date": "entry_date"},
    "employment": {
        "family": "employee_family_name",
        "given": _first("employee_given_name"),
        "middle": _rest("employee_given_name"),
        "name_tokens": _tokens("employee_family_name", "employee_given_name"),
        "ssn": "ssn",
        "a_number": "a_number",
        "passport": "CASE WHEN document_type LIKE '%PASSPORT%' THEN document_number END",
        "record_date": "hire_date",
    },
    "watchlist": {
        **COMMA_NAME,
        "name_tokens": "list_distinct(flatten([coalesce(name_tokens, []), "
        "flatten(list_transform(coalesce(aliases, []), lambda a: string_split(a, ' ')))]))",
        "nationality": "nationality",
        "record_date": "listed_date",
    },
}
PERSON_FEEDS = (*MAPPINGS, "criminal_history")

# A criminal history carries several names and dates of birth: the first of each speaks
# for the record, and every name's tokens are kept.
CRIMINAL_HISTORY = (
    "SELECT 'criminal_history' AS feed, h.record_id, n.name_family AS family, "
    "n.name_given AS given, n.name_middle AS middle, t.tokens AS name_tokens, "
    "d.dob, d.dob_year, d.dob_month, d.dob_day, d.dob_precision, NULL AS sex, "
    "NULL AS nationality, NULL AS birth_country, NULL AS a_number, NULL AS fin, "
    "h.record_id AS fbi_number, NULL AS sevis_id, NULL AS ssn, NULL AS passport, "
    "NULL::DATE AS record_date FROM src_criminal_history h "
    "LEFT JOIN src_criminal_history__names n ON n.record_id = h.record_id AND n.seq = 1 "
    "LEFT JOIN src_criminal_history__dobs d ON d.record_id = h.record_id AND d.seq = 1 "
    "LEFT JOIN (SELECT record_id, list_distinct(flatten(list(name_tokens))) AS tokens "
    "FROM src_criminal_history__names GROUP BY record_id) t ON t.record_id = h.record_id"
)

TYPES = {
    "name_tokens": "VARCHAR[]",
    "dob": "DATE",
    "dob_year": "SMALLINT",
    "dob_month": "TINYINT",
    "dob_day": "TINYINT",
    "record_date": "DATE",
}


def _select(feed: str, mapping: Mapping[str, str]) -> str:
    values = []
    for name in COMMON:
        if name == "feed":
            expr = f"'{feed}'"
        elif name == "record_id":
            expr = "record_id"
        elif name in DOB:
            expr = name
        else:
            expr = mapping.get(name, "NULL")
        values.append(f"CAST({expr} AS {TYPES.get(name, 'VARCHAR')}) AS {name}")
    return f"SELECT {', '.join(values)} FROM src_{feed}"


def build_person_records(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)create ``person_records`` from the feeds present; return its row count."""
    present = {
        str(r[0])
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
        ).fetchall()
    }
    parts = [_select(feed, m) for feed, m in MAPPINGS.items() if f"src_{feed}" in present]
    if {"src_criminal_history", "src_criminal_history__names"} <= present:
        parts.append(CRIMINAL_HISTORY)
    if not parts:
        raise ValueError("the workspace holds no person-describing feed; ingest a drop first")
    con.execute("CREATE OR REPLACE TABLE person_records AS " + " UNION ALL BY NAME ".join(parts))
    row = con.execute("SELECT count(*) FROM person_records").fetchone()
    return int(row[0]) if row else 0
