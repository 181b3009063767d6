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

from tessera.model.findings import (
    IDENTITY_VERIFICATION_BELOW,
    INFORMATIONAL,
    PROTECTION_EXEMPT,
    STATUS_UNVERIFIED,
    Severity,
)
from tessera.model.immigration import sql_list
from tessera.rules.rule import WhenUnknown
from tessera.status.standing import NONCITIZEN, UNKNOWN

FINDINGS_TABLE = "findings"
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
  WHERE code IN {_EXEMPT} OR standing = '{NONCITIZEN}'
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


def publish(con: duckdb.DuckDBPyConnection, ready: str) -> list[Withheld]:
    """Write ``findings`` from the proposals in ``ready``; return what was withheld."""
    con.execute(_publish_sql(ready))
    verify(con)
    rows = con.execute(
        f"SELECT r.code, p.standing, count(*) FROM {ready} r JOIN status_people p "
        f"USING (entity_id) WHERE r.code NOT IN {_EXEMPT} AND p.standing <> '{NONCITIZEN}' "
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
