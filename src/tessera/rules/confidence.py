"""Confidence: how firmly the records a finding depends on belong to one person.

A finding depends on its evidence records and, unless its evidence already shows it, on
the record that shows the person is a noncitizen. Each counts with its attachment
(``attachment.py``); the finding's confidence is that of its weakest record: even a
finding on one record depends on that record belonging to the person it names. Under
``IDENTITY_VERIFICATION_BELOW`` the finding is marked for identity verification before
anyone acts on it.
"""

from __future__ import annotations

import duckdb

from tessera.model.findings import PROTECTION_EXEMPT
from tessera.model.immigration import sql_list
from tessera.rules.attachment import ATTACHMENT_TABLE

CONFIDENCE_TABLE = "rules_confidence"


def score_candidates(con: duckdb.DuckDBPyConnection, candidates: str) -> None:
    """``rules_confidence(cid, confidence)`` for every proposed finding."""
    exempt = sql_list(sorted(PROTECTION_EXEMPT))
    con.execute(f"""
CREATE OR REPLACE TABLE {CONFIDENCE_TABLE} AS
WITH best AS (
  SELECT e.entity_id, arg_max(e.key, coalesce(a.strength, 1.0)) AS key
  FROM status_evidence e LEFT JOIN {ATTACHMENT_TABLE} a USING (key)
  WHERE e.kind = 'NONCITIZEN' GROUP BY e.entity_id
), shown AS (
  SELECT DISTINCT c.cid FROM {candidates} c JOIN status_evidence e
    ON e.entity_id = c.entity_id AND e.kind = 'NONCITIZEN' AND list_contains(c.evidence, e.key)
), deps AS (
  SELECT cid, unnest(evidence) AS key FROM {candidates}
  UNION
  SELECT c.cid, b.key FROM {candidates} c JOIN best b USING (entity_id)
  WHERE c.code NOT IN {exempt} AND c.cid NOT IN (SELECT cid FROM shown)
)
SELECT d.cid, min(coalesce(a.strength, 1.0)) AS confidence
FROM deps d LEFT JOIN {ATTACHMENT_TABLE} a USING (key)
WHERE d.key NOT LIKE 'lost_stolen:%'
GROUP BY d.cid
""")
