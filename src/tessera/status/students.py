"""Student records (SEVIS): each record's events, and where its status ended and why.

A termination for one of the violation reasons ends status at once, with no grace
(8 CFR 214.2(f)(5)(iv)); completing the program, or an authorised early withdrawal,
starts a grace period to depart (SPEC: F1/M1 60 days, J1 30, early withdrawal 15).
"""

from __future__ import annotations

from tessera.model.codes import (
    EARLY_WITHDRAWAL,
    EARLY_WITHDRAWAL_GRACE_DAYS,
    STUDENT_GRACE_DAYS,
    VIOLATION_REASONS,
)
from tessera.model.immigration import sql_list
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table, key, of_entity

STUDENT_EVENTS = Table(
    "status_student_events",
    "Every event of every student record.",
    (
        ENTITY,
        KEY,
        ("seq", "BIGINT"),
        ("on_date", "DATE"),
        ("status", "VARCHAR"),
        ("reason", "VARCHAR"),
    ),
    (
        Source(
            ("src_students__events",),
            f"SELECT r.entity_id, {key('students', 'e')} AS key, e.seq, e.date AS on_date, "
            f"e.status, e.reason FROM {of_entity('students', 'e', 'events')}",
        ),
    ),
)

_GRACE = " ".join(f"WHEN '{cls}' THEN {days}" for cls, days in STUDENT_GRACE_DAYS.items())
_IS_END = f"(status = 'COMPLETED' OR (status = 'TERMINATED' AND reason = '{EARLY_WITHDRAWAL}'))"
_IS_VIOLATION = f"(status = 'TERMINATED' AND reason IN {sql_list(VIOLATION_REASONS)})"
_IS_CLOSED = "status IN ('COMPLETED', 'TERMINATED', 'CANCELED', 'DEACTIVATED')"

_STUDENTS = f"""
WITH ev AS (
  SELECT key,
    min(on_date) AS opened_on,
    arg_min(on_date, seq) FILTER (WHERE {_IS_VIOLATION}) AS violated_on,
    arg_min(reason, seq) FILTER (WHERE {_IS_VIOLATION}) AS violation,
    arg_min(on_date, seq) FILTER (WHERE {_IS_END}) AS ended_on,
    arg_min(CASE WHEN status = 'COMPLETED' THEN 'COMPLETED' ELSE 'EARLY_WITHDRAWAL' END, seq)
      FILTER (WHERE {_IS_END}) AS end_kind,
    arg_min(on_date, seq) FILTER (WHERE {_IS_CLOSED}) AS closed_on,
    arg_max(status, seq) AS last_status
  FROM status_student_events GROUP BY key
)
SELECT r.entity_id, {key("students")} AS key, s.visa_class, s.school_code,
  s.program_start, s.program_end, ev.opened_on, ev.violated_on, ev.violation, ev.ended_on,
  ev.end_kind,
  CASE WHEN ev.end_kind = 'EARLY_WITHDRAWAL' THEN {EARLY_WITHDRAWAL_GRACE_DAYS}
       WHEN ev.end_kind = 'COMPLETED' THEN CASE s.visa_class {_GRACE} END END AS grace_days,
  ev.closed_on, ev.last_status
FROM {of_entity("students")} LEFT JOIN ev ON ev.key = {key("students")}
"""

STUDENTS = Table(
    "status_students",
    "One row per student record: program, violation, end of program and its grace period.",
    (
        ENTITY,
        KEY,
        ("visa_class", "VARCHAR"),
        ("school_code", "VARCHAR"),
        ("program_start", "DATE"),
        ("program_end", "DATE"),
        ("opened_on", "DATE"),
        ("violated_on", "DATE"),
        ("violation", "VARCHAR"),
        ("ended_on", "DATE"),
        ("end_kind", "VARCHAR"),
        ("grace_days", "INTEGER"),
        ("closed_on", "DATE"),
        ("last_status", "VARCHAR"),
    ),
    (Source(("src_students", "status_student_events"), _STUDENTS),),
)

STUDENT_TABLES = (STUDENT_EVENTS, STUDENTS)
