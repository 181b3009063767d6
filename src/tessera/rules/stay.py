"""Staying past the authorised period: visitors and workers, students.

The conditions below are SPEC's, clause for clause; the exits (departures and removals
of any type) and the filings come from the status tables.
"""

from __future__ import annotations

import datetime as dt

from tessera.model.findings import Severity
from tessera.model.immigration import EXTENSION_FORMS, STATUS_FORMS, sql_list
from tessera.rules.rule import Rule

IIRIRA = dt.date(1997, 4, 1)
"""IIRIRA's effective date: INA 222(g) and the unlawful-presence bars."""
SEVIS = dt.date(2003, 8, 1)
"""The date SEVIS became mandatory for every F, M and J record."""


def exited_since(alias: str, day: str) -> str:
    """A departure or removal of the same person on or after ``day``."""
    return (
        f"EXISTS (SELECT 1 FROM status_exits x WHERE x.entity_id = {alias}.entity_id "
        f"AND x.left_on >= {day})"
    )


OVERSTAY = Rule(
    code="OVERSTAY",
    version="1.0",
    title=(
        "Admitted on a dated class, the admit-until date has passed, and no departure, "
        "removal, or timely extension, change or adjustment of status not denied"
    ),
    legal_basis=("INA 237(a)(1)(B)", "INA 222(g)", "8 CFR 214.1(c)(4)"),
    effective_from=IIRIRA,
    effective_to=None,
    severity=Severity.MEDIUM,
    query=f"""
SELECT a.entity_id, a.until + 1 AS subject_on, [a.key] AS evidence,
       'admitted as ' || a.class || ' on ' || a.arrived || ', until ' || a.until AS detail
FROM status_admissions a
WHERE NOT a.ds AND a.until IS NOT NULL AND a.until < {{as_of}}
  AND NOT {exited_since("a", "a.arrived")}
  AND NOT EXISTS (
    SELECT 1 FROM status_filings f WHERE f.entity_id = a.entity_id
      AND f.form IN {sql_list(EXTENSION_FORMS)} AND f.decision <> 'DENIED'
      AND f.filed BETWEEN a.arrived AND a.until)
""",
)

STUDENT_STATUS_VIOLATION = Rule(
    code="STUDENT_STATUS_VIOLATION",
    version="1.0",
    title=(
        "Student record terminated for a status violation, no departure after it and no "
        "later approved change of status"
    ),
    legal_basis=("INA 237(a)(1)(C)(i)", "8 CFR 214.1(e)-(g)", "8 CFR 214.2(f)(5)(iv)"),
    effective_from=SEVIS,
    effective_to=None,
    severity=Severity.MEDIUM,
    query=f"""
SELECT s.entity_id, s.violated_on AS subject_on, [s.key] AS evidence,
       'terminated ' || s.violated_on || ': ' || s.violation AS detail
FROM status_students s
WHERE s.violated_on <= {{as_of}}
  AND NOT {exited_since("s", "s.violated_on")}
  AND NOT EXISTS (
    SELECT 1 FROM status_filings f WHERE f.entity_id = s.entity_id
      AND f.form IN {sql_list(EXTENSION_FORMS)} AND f.decision = 'APPROVED'
      AND f.filed >= s.violated_on)
""",
)

STUDENT_OVERSTAY = Rule(
    code="STUDENT_OVERSTAY",
    version="1.0",
    title=(
        "Program completed, or authorised early withdrawal, longer ago than the grace "
        "period (F1/M1 60 days, J1 30, early withdrawal 15), no departure, no later status"
    ),
    legal_basis=("INA 237(a)(1)(B)", "8 CFR 214.2(f)(5)(iv)", "8 CFR 214.2(j)(1)(ii)"),
    effective_from=SEVIS,
    effective_to=None,
    severity=Severity.MEDIUM,
    query=f"""
SELECT s.entity_id, s.ended_on + s.grace_days + 1 AS subject_on, [s.key] AS evidence,
       lower(s.end_kind) || ' ' || s.ended_on || ', grace ' || s.grace_days || ' days' AS detail
FROM status_students s
WHERE s.ended_on + s.grace_days < {{as_of}}
  AND NOT {exited_since("s", "s.ended_on")}
  AND NOT EXISTS (
    SELECT 1 FROM status_filings f WHERE f.entity_id = s.entity_id
      AND f.form IN {sql_list(STATUS_FORMS)} AND f.decision <> 'DENIED'
      AND f.filed >= s.program_start)
  AND NOT EXISTS (
    SELECT 1 FROM status_students o WHERE o.entity_id = s.entity_id
      AND o.program_start > s.program_start)
""",
)

STAY_RULES = (OVERSTAY, STUDENT_STATUS_VIOLATION, STUDENT_OVERSTAY)
