"""Protections, applied last to every proposed finding, whatever rule proposed it.

1. No finding but SHARED_IDENTIFIER names a U.S. citizen or a person protected by a
   pending or approved asylum, T or U filing (SPEC; 8 U.S.C. 1367; ICE Directive 16001.2).
2. Absence of records is never evidence: every other finding needs records that
   positively show the person is a noncitizen. Where nothing shows either way, a rule
   that asks for it gets STATUS_UNVERIFIED (not an enforcement finding); otherwise
   nothing is said.
3. The owner of a shared identifier is its victim: severity ``victim``, no priority tier.

``publish`` is the only writer of ``findings``; it checks the result afterwards and
raises rather than leave a finding that breaks (1) or (2) in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from tessera.identity import ENTITIES_TABLE
from tessera.identity.tables import PAIRS_TABLE
from tessera.model.findings import (
    IDENTITY_VERIFICATION_BELOW,
    INFORMATIONAL,
    PROTECTION_EXEMPT,
    STATUS_UNVERIFIED,
    Severity,
)
from tessera.model.immigration import sql_list
from tessera.rules.rule import WhenUnknown
from tessera.status.standing import CITIZEN, NONCITIZEN, PROTECTED, UNKNOWN

FINDINGS_TABLE = "findings"
SHADOWED = "_shadowed_by_protected"
OWNER = "OWNER"
UNVERIFIED_VERSION = "1.0"
UNVERIFIED_BASIS = "ICE Directive 16001.2; SPEC: absence of records is not evidence"

_EXEMPT = sql_list(sorted(PROTECTION_EXEMPT))
_INFORMATIONAL = sql_list(sorted(INFORMATIONAL))


class ProtectionBreachError(RuntimeError):
    """A finding names someone the protections forbid: the run must not stand."""


@dataclass(frozen=True)
class Withheld:
    code: str
    standing: str
    count: int


def _publish_sql(ready: str) -> str:
    return f"""
CREATE OR REPLACE TABLE {FINDINGS_TABLE} AS
WITH judged AS (
  SELECT r.*, p.standing FROM {ready} r JOIN status_people p USING (entity_id)
  WHERE len(r.evidence) > 0
), named AS (
  SELECT * EXCLUDE (cid, standing, when_unknown) FROM judged
  WHERE code IN {_EXEMPT}
    OR (standing = '{NONCITIZEN}' AND entity_id NOT IN (SELECT entity_id FROM {SHADOWED}))
), unverified AS (
  SELECT entity_id, '{STATUS_UNVERIFIED}' AS code, '{Severity.INFO}' AS severity,
    min(subject_on) AS subject_on, list_sort(list_distinct(flatten(list(evidence))))
    AS evidence, 'the records show neither citizenship nor noncitizenship; conditions of '
    || string_agg(DISTINCT code, ', ' ORDER BY code) || ' are met' AS detail,
    'SUBJECT' AS role, min(confidence) AS confidence, '{UNVERIFIED_VERSION}' AS rule_version,
    '{UNVERIFIED_BASIS}' AS legal_basis, NULL AS tier, NULL AS tier_reason,
    any_value(policy) AS policy, any_value(as_of) AS as_of
  FROM judged WHERE code NOT IN {_EXEMPT} AND standing = '{UNKNOWN}'
    AND when_unknown = '{WhenUnknown.UNVERIFIED}'
  GROUP BY entity_id
), published AS (
  SELECT * FROM named UNION ALL BY NAME SELECT * FROM unverified
)
SELECT substr(md5(code || entity_id || array_to_string(evidence, ';')), 1, 12) AS finding_id,
  entity_id, code,
  CASE WHEN role = '{OWNER}' THEN '{Severity.VICTIM}' ELSE severity END AS severity,
  confidence, confidence < {IDENTITY_VERIFICATION_BELOW} AS identity_check, subject_on,
  evidence, detail, role, rule_version, legal_basis,
  CASE WHEN role = '{OWNER}' THEN NULL ELSE tier END AS tier,
  CASE WHEN role = '{OWNER}' THEN NULL ELSE tier_reason END AS tier_reason,
  policy, as_of
FROM published
"""


PROTECTION_FEEDS = ("arrivals", "benefits")
"""The feeds that can show citizenship or protection (USC arrivals; N-400, asylum, T and U
filings). A workspace that never held one of them cannot show that anyone is *not*
protected, so it names no one."""


def _present(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]
    ).fetchone()
    return bool(row and row[0])


def _shadow(con: duckdb.DuckDBPyConnection) -> None:
    """``SHADOWED``: people who may be protected although their own records do not say so.

    - everyone, while a feed of ``PROTECTION_FEEDS`` has never been ingested;
    - people one of whose records the linkage model found may be a record of a citizen or
      a protected person held apart from them (a scored pair across the two): until an
      analyst settles who is who, they are treated as that person would be, so that a
      protective filing split off by a misspelt name does not leave its owner exposed.
    """
    if not all(_present(con, f"src_{feed}") for feed in PROTECTION_FEEDS):
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {SHADOWED} AS SELECT entity_id FROM status_people"
        )
        return
    if not _present(con, PAIRS_TABLE):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {SHADOWED} (entity_id VARCHAR)")
        return
    entity = f"(SELECT feed || ':' || record_id AS unique_id, entity_id FROM {ENTITIES_TABLE})"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {SHADOWED} AS "
        f"WITH ends AS (SELECT unique_id_l AS a, unique_id_r AS b FROM {PAIRS_TABLE} "
        f"UNION ALL SELECT unique_id_r, unique_id_l FROM {PAIRS_TABLE}) "
        f"SELECT DISTINCT ea.entity_id FROM ends JOIN {entity} ea ON ea.unique_id = ends.a "
        f"JOIN {entity} eb ON eb.unique_id = ends.b JOIN status_people p "
        "ON p.entity_id = eb.entity_id WHERE ea.entity_id <> eb.entity_id "
        f"AND p.standing IN ('{CITIZEN}', '{PROTECTED}')"
    )


def publish(con: duckdb.DuckDBPyConnection, ready: str) -> list[Withheld]:
    """Write ``findings`` from the proposals in ``ready``; return what was withheld."""
    _shadow(con)
    con.execute(_publish_sql(ready))
    verify(con)
    rows = con.execute(
        f"SELECT r.code, CASE WHEN p.standing = '{NONCITIZEN}' THEN 'POSSIBLY_{PROTECTED}' "
        "ELSE p.standing END, count(*) "
        f"FROM {ready} r JOIN status_people p USING (entity_id) WHERE r.code NOT IN {_EXEMPT} "
        f"AND (p.standing <> '{NONCITIZEN}' OR entity_id IN (SELECT entity_id FROM {SHADOWED})) "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    return [Withheld(str(c), str(s), int(n)) for c, s, n in rows]


def verify(con: duckdb.DuckDBPyConnection) -> None:
    """Raise ``ProtectionBreachError`` if any finding names a person it may not."""
    row = con.execute(
        f"SELECT count(*), any_value(f.code), any_value(p.standing) FROM {FINDINGS_TABLE} f "
        "LEFT JOIN status_people p USING (entity_id) WHERE f.code NOT IN "
        f"{_EXEMPT} AND ((f.code IN {_INFORMATIONAL} AND p.standing IS DISTINCT FROM "
        f"'{UNKNOWN}') OR (f.code NOT IN {_INFORMATIONAL} AND p.standing IS DISTINCT FROM "
        f"'{NONCITIZEN}'))"
    ).fetchone()
    if row and row[0]:
        raise ProtectionBreachError(
            f"{row[0]} finding(s) name a person the protections forbid ({row[1]} on {row[2]})"
        )
