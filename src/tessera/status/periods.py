"""Explicit dated periods of status: authorised stay, permanent residence, citizenship,
refugee, asylum, T and U status, pending protection, court relief, student status and
work authorisation (``work.py``). ``valid_to`` NULL means the records show no end.

"What was this person's status on date D" is answered by the periods covering D, each
with the record behind it (``query.py``).
"""

from __future__ import annotations

from tessera.model.immigration import (
    ADJUSTMENT_FORM,
    CITIZEN_CLASS,
    EXTENSION_FORMS,
    NATURALISATION_FORM,
    PERMANENT_CLASSES,
    PROTECTION_FORMS,
    REFUGEE_CLASSES,
    RELIEF_ORDER,
    STAY_EXTENSION_FORMS,
    US_PASSPORT_DOCUMENT,
    sql_list,
)
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import ADMISSION, APPROVED, FORM_BASIS, Table, period
from tessera.status.work import WORK_PERIODS

# The admission ends at its admit-until date or the first exit after it, whichever comes
# first; a D/S admission ends at the first exit (student status says the rest).
_ADMITTED = (
    "FROM (SELECT a.*, x.left_on FROM status_admissions a ASOF LEFT JOIN status_exits x "
    "ON a.entity_id = x.entity_id AND a.arrived <= x.left_on)"
)
_STUDENT_END = (
    "coalesce(violated_on, ended_on + grace_days, CASE WHEN last_status <> 'ACTIVE' "
    "AND last_status <> 'INITIAL' THEN closed_on END)"
)
_DS = "'admitted as ' || class || ' for duration of status'"

PERIODS = Table(
    "status_periods",
    "Dated periods of status and of work authorisation, each resting on one record.",
    (
        ENTITY,
        ("kind", "VARCHAR"),
        ("basis", "VARCHAR"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
        KEY,
    ),
    (
        period(
            "STAY",
            "status_exits",
            ADMISSION,
            "arrived",
            "least(until, left_on)",
            f"{_ADMITTED} WHERE NOT ds AND until IS NOT NULL",
        ),
        period("STAY", "status_exits", _DS, "arrived", "left_on", f"{_ADMITTED} WHERE ds"),
        period(
            "STAY",
            "status_filings",
            FORM_BASIS,
            "valid_from",
            "valid_to",
            f"FROM status_filings WHERE form IN {sql_list(STAY_EXTENSION_FORMS)} AND {APPROVED} "
            "AND valid_from IS NOT NULL",
        ),
        # A timely filing, still pending, lets the person stay while it is decided.
        period(
            "STAY",
            "status_filings",
            "form || ' pending, filed in time'",
            "filed",
            "NULL",
            f"FROM status_filings f WHERE form IN {sql_list(EXTENSION_FORMS)} "
            "AND decision = 'PENDING' AND EXISTS (SELECT 1 FROM status_admissions a "
            "WHERE a.entity_id = f.entity_id AND f.filed BETWEEN a.arrived AND a.until)",
        ),
        period(
            "STUDENT_STATUS",
            "status_students",
            "visa_class || ' student at ' || coalesce(school_code, '?')",
            "coalesce(opened_on, program_start)",
            _STUDENT_END,
            "FROM status_students",
        ),
        period(
            "PERMANENT_RESIDENCE",
            "status_admissions",
            ADMISSION,
            "arrived",
            "NULL",
            f"FROM status_admissions WHERE class IN {sql_list(PERMANENT_CLASSES)}",
        ),
        period(
            "PERMANENT_RESIDENCE",
            "status_filings",
            FORM_BASIS,
            "decided",
            "NULL",
            f"FROM status_filings WHERE form = '{ADJUSTMENT_FORM}' AND {APPROVED}",
        ),
        period(
            "CITIZENSHIP",
            "status_admissions",
            "'arrived as a U.S. citizen (citizen at least since)'",
            "arrived",
            "NULL",
            f"FROM status_admissions WHERE class = '{CITIZEN_CLASS}'",
        ),
        period(
            "CITIZENSHIP",
            "status_filings",
            "'naturalised (' || form || ' approved)'",
            "decided",
            "NULL",
            f"FROM status_filings WHERE form = '{NATURALISATION_FORM}' AND {APPROVED}",
        ),
        period(
            "CITIZENSHIP",
            "status_hires",
            "'U.S. passport shown for an I-9 (citizen at least since)'",
            "hired",
            "NULL",
            f"FROM status_hires WHERE document_type = '{US_PASSPORT_DOCUMENT}'",
        ),
        period(
            "REFUGEE",
            "status_admissions",
            ADMISSION,
            "arrived",
            "NULL",
            f"FROM status_admissions WHERE class IN {sql_list(REFUGEE_CLASSES)}",
        ),
        period(
            "PROTECTION",
            "status_filings",
            FORM_BASIS,
            "coalesce(valid_from, decided)",
            "valid_to",
            f"FROM status_filings WHERE form IN {sql_list(PROTECTION_FORMS)} AND {APPROVED}",
        ),
        period(
            "PROTECTION",
            "status_filings",
            "form || ' pending'",
            "filed",
            "NULL",
            f"FROM status_filings WHERE form IN {sql_list(PROTECTION_FORMS)} "
            "AND decision = 'PENDING'",
        ),
        period(
            "COURT_RELIEF",
            "status_orders",
            "'relief granted in court'",
            "ordered",
            "NULL",
            f"FROM status_orders WHERE kind = '{RELIEF_ORDER}'",
        ),
        *WORK_PERIODS,
    ),
)
