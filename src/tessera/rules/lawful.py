"""No lawful status, as the records show it positively (SPEC rule details): an overstay
or a student violation, a final order, an executed removal (type REMOVAL), or an expired
last admission. Built once per run for the rules that need it (custody, sex offenders).

The overstay and student-violation grounds are those rules' own queries, so the two
can never disagree.
"""

from __future__ import annotations

import duckdb

from tessera.model.immigration import EXECUTED_REMOVAL, EXTENSION_FORMS, sql_list
from tessera.rules.stay import OVERSTAY, STUDENT_STATUS_VIOLATION, exited_since

UNLAWFUL_TABLE = "rules_no_lawful_status"

# The last arrival (by date) of a person, ended by nothing: no exit after it, no
# extension, change or adjustment filed since it that was not denied.
EXPIRED_LAST_ADMISSION = f"""
SELECT a.entity_id, a.until + 1 AS subject_on, [a.key] AS evidence
FROM (SELECT * FROM status_admissions
      QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY arrived DESC, key DESC) = 1) a
WHERE NOT a.ds AND a.until IS NOT NULL AND a.until < {{as_of}}
  AND NOT {exited_since("a", "a.arrived")}
  AND NOT EXISTS (
    SELECT 1 FROM status_filings f WHERE f.entity_id = a.entity_id
      AND f.form IN {sql_list(EXTENSION_FORMS)} AND f.decision <> 'DENIED'
      AND f.filed >= a.arrived)
"""

FINAL_ORDER = """
SELECT entity_id, final_on AS subject_on, [key] AS evidence FROM status_orders
WHERE final_on <= {as_of}
"""

EXECUTED_REMOVALS = f"""
SELECT entity_id, left_on AS subject_on, [key] AS evidence FROM status_exits
WHERE kind = '{EXECUTED_REMOVAL}' AND key LIKE 'removals:%'
"""

GROUNDS = {
    "OVERSTAY": OVERSTAY.query,
    "STUDENT_VIOLATION": STUDENT_STATUS_VIOLATION.query,
    "FINAL_ORDER": FINAL_ORDER,
    "REMOVED": EXECUTED_REMOVALS,
    "EXPIRED_ADMISSION": EXPIRED_LAST_ADMISSION,
}


def build_no_lawful_status(con: duckdb.DuckDBPyConnection, as_of_sql: str) -> None:
    """``rules_no_lawful_status(entity_id, ground, key, since)``: one row per record."""
    parts = [
        f"SELECT entity_id, '{ground}' AS ground, unnest(evidence) AS key, subject_on AS since "
        f"FROM ({query.replace('{as_of}', as_of_sql)})"
        for ground, query in GROUNDS.items()
    ]
    con.execute(f"CREATE OR REPLACE TABLE {UNLAWFUL_TABLE} AS " + " UNION ALL ".join(parts))


UNLAWFUL_BY_PERSON = (
    f"(SELECT entity_id, list_sort(list_distinct(list(key))) AS keys FROM {UNLAWFUL_TABLE} "
    "GROUP BY entity_id)"
)
"""Per person, the sorted keys of every record that shows no lawful status."""
