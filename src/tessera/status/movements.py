"""Admissions and exits: who came in, on which class and until when, and who left.

An exit is any departure record or any removal (removal, voluntary departure, return):
each ends a stay (SPEC rule details, OVERSTAY).
"""

from __future__ import annotations

from tessera.status.tables import Source, Table, key, of_entity

ENTITY = ("entity_id", "VARCHAR")
KEY = ("key", "VARCHAR")

ADMISSIONS = Table(
    "status_admissions",
    "One row per ARRIVAL: class of admission, admit-until date or D/S, port and mode.",
    (
        ENTITY,
        KEY,
        ("arrived", "DATE"),
        ("class", "VARCHAR"),
        ("until", "DATE"),
        ("ds", "BOOLEAN"),
        ("port", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("passport", "VARCHAR"),
    ),
    (
        Source(
            ("src_arrivals",),
            f"SELECT r.entity_id, {key('arrivals')} AS key, s.event_date AS arrived, "
            "s.class_of_admission AS class, s.admit_until AS until, "
            "coalesce(s.admit_until_is_ds, false) AS ds, s.port, s.mode, "
            f"s.passport_number AS passport FROM {of_entity('arrivals')} "
            "WHERE s.event_type = 'ARRIVAL'",
        ),
    ),
)

EXITS = Table(
    "status_exits",
    "Departures and removals of every type, each the end of a stay.",
    (ENTITY, KEY, ("left_on", "DATE"), ("kind", "VARCHAR"), ("port", "VARCHAR")),
    (
        Source(
            ("src_arrivals",),
            f"SELECT r.entity_id, {key('arrivals')} AS key, s.event_date AS left_on, "
            f"'DEPARTURE' AS kind, s.port FROM {of_entity('arrivals')} "
            "WHERE s.event_type = 'DEPARTURE'",
        ),
        Source(
            ("src_removals",),
            f"SELECT r.entity_id, {key('removals')} AS key, s.removal_date AS left_on, "
            f"s.type AS kind, NULL AS port FROM {of_entity('removals')}",
        ),
    ),
)

FILINGS = Table(
    "status_filings",
    "Benefit filings with their decision and validity dates.",
    (
        ENTITY,
        KEY,
        ("form", "VARCHAR"),
        ("filed", "DATE"),
        ("decision", "VARCHAR"),
        ("decided", "DATE"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
    ),
    (
        Source(
            ("src_benefits",),
            f"SELECT r.entity_id, {key('benefits')} AS key, s.form, s.filed_date AS filed, "
            "s.decision, s.decision_date AS decided, s.valid_from, s.valid_to "
            f"FROM {of_entity('benefits')}",
        ),
    ),
)

REGISTRATIONS = Table(
    "status_registrations",
    "Special registration events (2002-2011): identity evidence only, never a ground.",
    (ENTITY, KEY, ("event", "VARCHAR"), ("on_date", "DATE"), ("followup_due", "DATE")),
    (
        Source(
            ("src_registrations",),
            f"SELECT r.entity_id, {key('registrations')} AS key, s.event, "
            f"s.event_date AS on_date, s.followup_due FROM {of_entity('registrations')}",
        ),
    ),
)

MOVEMENT_TABLES = (ADMISSIONS, EXITS, FILINGS, REGISTRATIONS)
