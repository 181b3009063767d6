"""Attachment: how firmly each record belongs to the person it was linked to.

A record's attachment is the strongest tie it has to another record of the same person
(``TIES``), 1 for a person of a single record. A record tied only by name and date of
birth while the person's records disagree on an identifier it carries (two SSNs, two
A-numbers, two passports...) may be a namesake's: its attachment is capped at
``CONFLICTED``. So is a record whose fingerprint enrolment (FIN) no other record of the
person shares while another FIN is there: fingers say it is someone else.

Ties are read from ``person_records`` (identity's input table), so they say what the
records share, whatever model linked them. Only people some rule proposed a finding
about are measured: nobody else's confidence is ever asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from tessera.identity import ENTITIES_TABLE


@dataclass(frozen=True)
class Tie:
    label: str
    strength: float
    columns: tuple[str, ...]


TIES = (
    Tie("fingerprint enrolment (FIN)", 0.99, ("fin",)),
    Tie("A-number", 0.99, ("a_number",)),
    Tie("FBI number", 0.99, ("fbi_number",)),
    Tie("passport number", 0.95, ("passport",)),
    Tie("SEVIS id", 0.95, ("sevis_id",)),
    Tie("date of birth and a name", 0.9, ("dob", "token")),
    Tie("date of birth", 0.75, ("dob",)),
    Tie("a name", 0.65, ("token",)),
)
UNTIED = 0.5
"""A record that shares nothing with the other records of its person."""
CONFLICTED = 0.6
"""Cap for a record tied only by name or date of birth that carries an identifier other
records of the same person contradict."""
HARD = ("fin", "a_number", "fbi_number", "passport", "sevis_id")
"""Identifiers whose sharing is a tie strong enough to stand against a conflict."""
CONFLICTING = ("fin", "a_number", "fbi_number", "passport", "ssn")
# An SSN is no tie: the same SSN on two records is as likely theft as one person.

ATTACHMENT_TABLE = "rules_attachment"


def _tie_rows(tie: Tie) -> str:
    source = "_tokens" if "token" in tie.columns else "_records"
    cols = ", ".join(tie.columns)
    present = " AND ".join(f"{c} IS NOT NULL" for c in tie.columns)
    return (
        f"SELECT unnest(list(DISTINCT key)) AS key, {tie.strength} AS strength FROM {source} "
        f"WHERE {present} GROUP BY entity_id, {cols} HAVING count(DISTINCT key) > 1"
    )


def build_attachment(con: duckdb.DuckDBPyConnection, candidates: str) -> None:
    """``rules_attachment(key, strength)`` for every record of every person a finding
    was proposed about (in ``candidates``)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _records AS SELECT r.entity_id, "
        "p.feed || ':' || p.record_id AS key, p.fin, p.a_number, p.fbi_number, p.passport, "
        f"p.ssn, p.sevis_id, p.dob, p.name_tokens FROM person_records p JOIN {ENTITIES_TABLE} r "
        f"USING (feed, record_id) WHERE r.entity_id IN (SELECT entity_id FROM {candidates})"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _tokens AS SELECT entity_id, key, dob, "
        "unnest(name_tokens) AS token FROM _records"
    )
    ties = " UNION ALL ".join(_tie_rows(t) for t in TIES)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _ties AS SELECT key, max(strength) AS strength "
        f"FROM ({ties}) GROUP BY key"
    )
    counts = ", ".join(f"count(DISTINCT {c}) AS {c}_values" for c in CONFLICTING)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _people AS SELECT entity_id, count(*) AS n, {counts} "
        "FROM _records GROUP BY entity_id"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _fingers AS SELECT entity_id, fin, count(*) AS n "
        "FROM _records WHERE fin IS NOT NULL GROUP BY ALL"
    )
    hard = min(t.strength for t in TIES if set(t.columns) <= set(HARD))
    # An identifier type conflicts within a person when it has two or more values there:
    # every record carrying one of them then carries a contradicted value.
    conflicted = " OR ".join(f"(r.{c} IS NOT NULL AND p.{c}_values > 1)" for c in CONFLICTING)
    con.execute(
        f"CREATE OR REPLACE TABLE {ATTACHMENT_TABLE} AS SELECT r.key, CASE "
        "WHEN p.n = 1 THEN 1.0 "
        f"WHEN p.fin_values > 1 AND f.n = 1 THEN {CONFLICTED} "
        f"WHEN coalesce(t.strength, 0) < {hard} AND ({conflicted}) "
        f"THEN least(coalesce(t.strength, {UNTIED}), {CONFLICTED}) "
        f"ELSE coalesce(t.strength, {UNTIED}) END AS strength FROM _records r "
        "JOIN _people p USING (entity_id) LEFT JOIN _fingers f USING (entity_id, fin) "
        "LEFT JOIN _ties t USING (key)"
    )
