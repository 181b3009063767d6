"""Work: a hire on a day no period of work authorisation covers."""

from __future__ import annotations

import datetime as dt

from tessera.model.findings import Severity
from tessera.rules.rule import Rule

IRCA = dt.date(1986, 11, 6)
"""Immigration Reform and Control Act: INA 274A and the I-9."""

# Where travel is the only sign that a person is a noncitizen, a hire says something about
# their status only while travel places them in the country: after an arrival with no
# departure since. A hire before their first arrival or after a departure with no return
# falls outside what the records show (a dual national citizen who once visited on their
# other passport is the case in point).
UNAUTHORIZED_EMPLOYMENT = Rule(
    code="UNAUTHORIZED_EMPLOYMENT",
    version="1.0",
    title="A hire on a date when the records show no work authorisation",
    legal_basis=("INA 274A(a)", "INA 237(a)(1)(C)(i)", "8 CFR 274a.12"),
    effective_from=IRCA,
    effective_to=None,
    severity=Severity.MEDIUM,
    query="""
WITH unauthorised AS (
  SELECT h.entity_id, h.key, h.hired FROM status_hires h
  WHERE h.hired <= {as_of} AND NOT EXISTS (
    SELECT 1 FROM status_periods p WHERE p.entity_id = h.entity_id AND p.kind = 'WORK'
      AND p.valid_from <= h.hired AND (p.valid_to IS NULL OR h.hired <= p.valid_to))
), travel_only AS (
  SELECT entity_id FROM status_evidence WHERE kind = 'NONCITIZEN'
  GROUP BY entity_id HAVING bool_and(key LIKE 'arrivals:%')
), moves AS (
  SELECT entity_id, arrived AS on_date, 0 AS after, true AS arrival FROM status_admissions
  UNION ALL SELECT entity_id, left_on, 1, false FROM status_exits
), placed AS (
  SELECT u.key, arg_max(m.arrival, (m.on_date, m.after)) AS present
  FROM unauthorised u JOIN travel_only USING (entity_id)
  JOIN moves m ON m.entity_id = u.entity_id AND m.on_date <= u.hired
  GROUP BY u.key
)
SELECT u.entity_id, min(u.hired) AS subject_on, list(u.key ORDER BY u.key) AS evidence,
       count(*) || ' hire(s) with no work authorisation on the day' AS detail
FROM unauthorised u LEFT JOIN placed p USING (key)
WHERE u.entity_id NOT IN (SELECT entity_id FROM travel_only) OR p.present
GROUP BY u.entity_id
""",
)

WORK_RULES = (UNAUTHORIZED_EMPLOYMENT,)
