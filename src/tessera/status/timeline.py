"""One dated timeline per person, from every feed, in words an analyst reads.

Each event keeps the key of the record behind it. Registrations are marked identity
evidence only: shown, never used as a ground (76 FR 23830).
"""

from __future__ import annotations

from tessera.model.immigration import FORM_PURPOSES
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table

_PURPOSE = "CASE form " + " ".join(f"WHEN '{f}' THEN '{p}'" for f, p in FORM_PURPOSES.items())
_PURPOSE += " ELSE form END"


def _event(
    needs: str, on: str, kind: str, summary: str, rest: str, identity: bool = False
) -> Source:
    return Source(
        (needs,),
        f"SELECT entity_id, {on} AS on_date, {kind} AS kind, {summary} AS summary, key, "
        f"{str(identity).lower()} AS identity_only {rest}",
    )


_ADMITTED = (
    "'admitted as ' || coalesce(class, '?') || ' at ' || coalesce(port, '?') || ' (' || "
    "coalesce(mode, '?') || '), ' || CASE WHEN ds THEN 'for duration of status' "
    "WHEN until IS NOT NULL THEN 'until ' || until ELSE 'no end date' END"
)
_DECIDED = (
    "form || ' ' || lower(decision) || coalesce(', valid ' || valid_from || ' to ' || valid_to, '')"
)
_CONVICTED = (
    "lower(disposition) || ': ' || coalesce(family, '?') || ' (NCIC ' || offense || ')' || "
    "coalesce(', ' || sentence_days || ' days', '')"
)

TIMELINE = Table(
    "status_timeline",
    "Every dated event of every person, with the record behind it.",
    (
        ENTITY,
        ("on_date", "DATE"),
        ("kind", "VARCHAR"),
        ("summary", "VARCHAR"),
        KEY,
        ("identity_only", "BOOLEAN"),
    ),
    (
        _event("status_admissions", "arrived", "'ARRIVAL'", _ADMITTED, "FROM status_admissions"),
        _event(
            "status_exits",
            "left_on",
            "kind",
            "lower(replace(kind, '_', ' ')) || coalesce(' at ' || port, '')",
            "FROM status_exits",
        ),
        _event(
            "status_filings",
            "filed",
            "'FILING'",
            f"form || ' filed: ' || {_PURPOSE}",
            "FROM status_filings",
        ),
        _event(
            "status_filings",
            "decided",
            "'DECISION'",
            _DECIDED,
            "FROM status_filings WHERE decided IS NOT NULL",
        ),
        _event(
            "status_student_events",
            "on_date",
            "'STUDENT'",
            "'student record ' || lower(status) || coalesce(': ' || reason, '')",
            "FROM status_student_events",
        ),
        _event(
            "status_court_events",
            "on_date",
            "'COURT'",
            "lower(replace(type, '_', ' ')) || coalesce(': ' || detail, '') || "
            "coalesce(', depart by ' || depart_by, '')",
            "FROM status_court_events",
        ),
        _event(
            "status_orders",
            "final_on",
            "'ORDER_FINAL'",
            "'order of ' || lower(replace(kind, '_', ' ')) || ' became final'",
            "FROM status_orders WHERE final_on IS NOT NULL",
        ),
        _event(
            "status_bookings",
            "booked",
            "'BOOKING'",
            "'booked into ' || coalesce(facility, '?') || ' (' || coalesce(facility_type, '?') "
            "|| ')' || coalesce(', charged: ' || array_to_string(charge_families, ', '), '') "
            "|| '; now ' || lower(status)",
            "FROM status_bookings",
        ),
        _event(
            "status_bookings",
            "released",
            "'RELEASE'",
            "'released from ' || coalesce(facility, '?')",
            "FROM status_bookings WHERE released IS NOT NULL",
        ),
        _event(
            "status_dispositions",
            "coalesce(disposed, arrested)",
            "'CRIMINAL'",
            _CONVICTED,
            "FROM status_dispositions",
        ),
        _event(
            "status_warrants",
            "entered",
            "'WARRANT'",
            "lower(replace(record_type, '_', ' ')) || ' (' || lower(status) || ')' || "
            "coalesce(': ' || family, '')",
            "FROM status_warrants",
        ),
        _event(
            "status_hires",
            "hired",
            "'HIRE'",
            "'hired by ' || coalesce(employer_name, employer_id) || ', attests ' || attestation",
            "FROM status_hires",
        ),
        _event(
            "status_listings",
            "listed",
            "'LISTED'",
            "lower(replace(list, '_', ' ')) || coalesce(': ' || basis, '')",
            "FROM status_listings",
        ),
        _event(
            "status_registrations",
            "on_date",
            "'REGISTRATION'",
            "'special registration ' || lower(replace(event, '_', ' '))",
            "FROM status_registrations",
            identity=True,
        ),
    ),
)
