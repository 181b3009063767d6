"""Removal: fugitives, people who came back after removal, removable people in custody."""

from __future__ import annotations

import datetime as dt

from tessera.model.findings import Severity
from tessera.model.immigration import EXECUTED_REMOVAL
from tessera.rules.lawful import UNLAWFUL_BY_PERSON
from tessera.rules.rule import Rule, WhenUnknown
from tessera.rules.stay import IIRIRA, exited_since

INA = dt.date(1952, 6, 27)

FUGITIVE = Rule(
    code="FUGITIVE",
    version="1.0",
    title=(
        "A final order of removal, or a voluntary departure order past its date, and no "
        "removal or departure after the order"
    ),
    legal_basis=("INA 241(a)", "INA 243(a)", "8 CFR 1241.1", "8 CFR 1240.26(d)"),
    effective_from=IIRIRA,
    effective_to=None,
    severity=Severity.HIGH,
    query=f"""
SELECT o.entity_id, o.final_on AS subject_on, [o.key] AS evidence,
       'order of ' || lower(replace(o.kind, '_', ' ')) || ' of ' || o.ordered
       || ', final ' || o.final_on AS detail
FROM status_orders o
WHERE o.final_on <= {{as_of}} AND NOT {exited_since("o", "o.ordered")}
""",
)

REENTRY_AFTER_REMOVAL = Rule(
    code="REENTRY_AFTER_REMOVAL",
    version="1.0",
    title="An arrival, booking or hire dated after an executed removal of the same person",
    legal_basis=("INA 276", "INA 241(a)(5)", "INA 212(a)(9)(A), (C)"),
    effective_from=INA,
    effective_to=None,
    severity=Severity.HIGH,
    query=f"""
WITH removed AS (
  SELECT entity_id, key, left_on FROM status_exits
  WHERE kind = '{EXECUTED_REMOVAL}' AND key LIKE 'removals:%'
), later AS (
  SELECT entity_id, key, arrived AS on_date FROM status_admissions
  UNION ALL SELECT entity_id, key, booked FROM status_bookings
  UNION ALL SELECT entity_id, key, hired FROM status_hires
)
SELECT r.entity_id, min(l.on_date) AS subject_on,
       list_sort(list_distinct(list_concat([r.key], list(l.key)))) AS evidence,
       'removed ' || r.left_on || ', seen again ' || min(l.on_date) AS detail
FROM removed r JOIN later l ON l.entity_id = r.entity_id AND l.on_date > r.left_on
WHERE l.on_date <= {{as_of}}
GROUP BY r.entity_id, r.key, r.left_on
""",
)

REMOVABLE_IN_CUSTODY = Rule(
    code="REMOVABLE_IN_CUSTODY",
    version="1.0",
    title=(
        "Held in custody now, and the records show no lawful status or a conviction in a "
        "serious offence family"
    ),
    legal_basis=("INA 236(c)", "INA 237(a)(2)", "INA 287(d)", "8 CFR 287.7"),
    effective_from=IIRIRA,
    effective_to=None,
    severity=Severity.HIGH,
    when_unknown=WhenUnknown.UNVERIFIED,
    query=f"""
WITH held AS (
  SELECT entity_id, list(key ORDER BY key) AS keys, min(booked) AS since
  FROM status_bookings WHERE held GROUP BY entity_id
), serious AS (
  SELECT entity_id, min(key) AS key FROM status_dispositions
  WHERE disposition = 'CONVICTED' AND serious GROUP BY entity_id
)
SELECT h.entity_id, h.since AS subject_on,
       list_sort(list_distinct(list_concat(h.keys, coalesce(u.keys, [s.key])))) AS evidence,
       CASE WHEN u.keys IS NOT NULL THEN 'held; no lawful status'
            ELSE 'held; convicted in a serious offence family' END AS detail
FROM held h LEFT JOIN {UNLAWFUL_BY_PERSON} u USING (entity_id)
LEFT JOIN serious s USING (entity_id)
WHERE u.keys IS NOT NULL OR s.key IS NOT NULL
""",
)

REMOVAL_RULES = (FUGITIVE, REENTRY_AFTER_REMOVAL, REMOVABLE_IN_CUSTODY)
