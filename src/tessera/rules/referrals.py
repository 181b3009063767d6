"""Referral lists: human-rights violators present, registered sex offenders removable."""

from __future__ import annotations

import datetime as dt

from tessera.model.findings import Severity
from tessera.rules.lawful import UNLAWFUL_BY_PERSON
from tessera.rules.rule import Rule, WhenUnknown

IRTPA_2004 = dt.date(2004, 12, 17)
"""Intelligence Reform and Terrorism Prevention Act: INA 237(a)(4)(D) extended to
torture and extrajudicial killing."""
SORNA = dt.date(2006, 7, 27)
"""Adam Walsh Act, title I (SORNA): the national registry the lists draw on."""

HUMAN_RIGHTS_VIOLATOR_PRESENT = Rule(
    code="HUMAN_RIGHTS_VIOLATOR_PRESENT",
    version="1.0",
    title=(
        "On the human-rights-violator list and in the country (last arrived, not departed "
        "since) or with a pending filing"
    ),
    legal_basis=("INA 212(a)(3)(E)", "INA 237(a)(4)(D)", "INA 237(a)(4)(E)"),
    effective_from=IRTPA_2004,
    effective_to=None,
    severity=Severity.HIGH,
    query="""
WITH listed AS (
  SELECT entity_id, key, listed FROM status_listings WHERE list = 'HUMAN_RIGHTS_VIOLATOR'
), moves AS (
  SELECT entity_id, key, arrived AS on_date, 0 AS after, true AS arrival
  FROM status_admissions
  UNION ALL SELECT entity_id, key, left_on, 1, false FROM status_exits
), last_move AS (
  SELECT entity_id, arg_max(key, (on_date, after)) AS key,
         arg_max(arrival, (on_date, after)) AS arrival
  FROM moves WHERE on_date <= {as_of} GROUP BY entity_id
), pending AS (
  SELECT entity_id, list(key) AS keys FROM status_filings
  WHERE decision = 'PENDING' GROUP BY entity_id
)
SELECT l.entity_id, l.listed AS subject_on,
       list_sort(list_distinct(list_concat([l.key], CASE WHEN m.arrival THEN [m.key] END,
         p.keys))) AS evidence,
       CASE WHEN m.arrival THEN 'listed; in the country since its last arrival'
            ELSE 'listed; a filing is pending' END AS detail
FROM listed l LEFT JOIN last_move m USING (entity_id) LEFT JOIN pending p USING (entity_id)
WHERE m.arrival OR p.keys IS NOT NULL
""",
)

SEX_OFFENDER_REMOVABLE = Rule(
    code="SEX_OFFENDER_REMOVABLE",
    version="1.0",
    title=("A registered sex offender with no lawful status or convicted of a sexual offence"),
    legal_basis=("INA 237(a)(2)(A)(iii)", "INA 237(a)(2)(A)(v)", "34 U.S.C. 20911"),
    effective_from=SORNA,
    effective_to=None,
    severity=Severity.HIGH,
    when_unknown=WhenUnknown.UNVERIFIED,
    query=f"""
WITH listed AS (
  SELECT entity_id, key, listed FROM status_listings WHERE list = 'SEX_OFFENDER_REGISTRY'
), sexual AS (
  SELECT entity_id, min(key) AS key FROM status_dispositions
  WHERE disposition = 'CONVICTED' AND family IN ('SEXUAL_ASSAULT', 'SEX_OFFENCE')
  GROUP BY entity_id
)
SELECT l.entity_id, l.listed AS subject_on,
       list_sort(list_distinct(list_concat([l.key], coalesce(u.keys, [s.key])))) AS evidence,
       CASE WHEN u.keys IS NOT NULL THEN 'registered; no lawful status'
            ELSE 'registered; convicted of a sexual offence' END AS detail
FROM listed l LEFT JOIN {UNLAWFUL_BY_PERSON} u USING (entity_id)
LEFT JOIN sexual s USING (entity_id)
WHERE u.keys IS NOT NULL OR s.key IS NOT NULL
""",
)

REFERRAL_RULES = (HUMAN_RIGHTS_VIOLATOR_PRESENT, SEX_OFFENDER_REMOVABLE)
