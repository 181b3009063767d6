"""Immigration court: every event, and each case's operative order with its finality.

An order of removal is final when no appeal was filed within 30 days and 30 days have
passed, or when the appeal was dismissed (8 CFR 1003.38(b), 1241.1; SPEC). A voluntary
departure order not honoured by its date becomes an order of removal (8 CFR 1240.26(d)).
The operative order of a case is its latest ORDER event.
"""

from __future__ import annotations

from tessera.model.immigration import (
    APPEAL_WINDOW_DAYS,
    DISMISSED_APPEAL,
    REMOVAL_ORDERS,
    VOLUNTARY_DEPARTURE_ORDER,
    sql_list,
)
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table, key, of_entity

_EVENTS = (
    f"SELECT r.entity_id, {key('court', 'e')} AS key, e.record_id AS case_id, e.seq, "
    f"e.date AS on_date, e.type, e.detail, e.depart_by FROM {of_entity('court', 'e', 'events')}"
)

COURT_EVENTS = Table(
    "status_court_events",
    "Every event of every immigration court case.",
    (
        ENTITY,
        KEY,
        ("case_id", "VARCHAR"),
        ("seq", "BIGINT"),
        ("on_date", "DATE"),
        ("type", "VARCHAR"),
        ("detail", "VARCHAR"),
        ("depart_by", "DATE"),
    ),
    (Source(("src_court__events",), _EVENTS),),
)

# Finality, as of the drop's date: dismissed appeal -> final on its decision; no appeal in
# the window -> final once the window has passed; voluntary departure -> a removal order
# the day after the date to depart by.
_FINAL_ON = (
    f"CASE WHEN o.detail IN {sql_list(REMOVAL_ORDERS)} THEN "
    f"CASE WHEN d.outcome = '{DISMISSED_APPEAL}' THEN d.decided "
    f"WHEN a.appealed IS NULL AND o.on_date + {APPEAL_WINDOW_DAYS + 1} <= {{as_of}} "
    f"THEN o.on_date + {APPEAL_WINDOW_DAYS + 1} END "
    f"WHEN o.detail = '{VOLUNTARY_DEPARTURE_ORDER}' AND o.depart_by < {{as_of}} "
    "THEN o.depart_by + 1 END"
)

_ORDERS = f"""
WITH orders AS (
  SELECT * FROM status_court_events WHERE type = 'ORDER'
  QUALIFY row_number() OVER (PARTITION BY case_id ORDER BY on_date DESC, seq DESC) = 1
), appeals AS (
  SELECT o.case_id, min(e.on_date) AS appealed FROM orders o
  JOIN status_court_events e ON e.case_id = o.case_id AND e.type = 'APPEAL_FILED'
   AND e.on_date BETWEEN o.on_date AND o.on_date + {APPEAL_WINDOW_DAYS}
  GROUP BY o.case_id
), decisions AS (
  SELECT o.case_id, arg_max(e.detail, e.on_date) AS outcome, max(e.on_date) AS decided
  FROM orders o JOIN status_court_events e ON e.case_id = o.case_id
   AND e.type = 'APPEAL_DECIDED' AND e.on_date >= o.on_date
  GROUP BY o.case_id
)
SELECT o.entity_id, o.key, o.case_id, o.on_date AS ordered, o.detail AS kind, o.depart_by,
       a.appealed, d.outcome AS appeal_outcome, d.decided AS appeal_decided,
       {_FINAL_ON} AS final_on
FROM orders o LEFT JOIN appeals a USING (case_id) LEFT JOIN decisions d USING (case_id)
"""

ORDERS = Table(
    "status_orders",
    "Each case's operative order: kind, appeal, and the day it became final (NULL: not).",
    (
        ENTITY,
        KEY,
        ("case_id", "VARCHAR"),
        ("ordered", "DATE"),
        ("kind", "VARCHAR"),
        ("depart_by", "DATE"),
        ("appealed", "DATE"),
        ("appeal_outcome", "VARCHAR"),
        ("appeal_decided", "DATE"),
        ("final_on", "DATE"),
    ),
    (Source(("status_court_events",), _ORDERS),),
)

COURT_TABLES = (COURT_EVENTS, ORDERS)
