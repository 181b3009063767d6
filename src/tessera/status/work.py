"""Employment: each I-9 hire, and the periods in which a person may work.

An I-9 attestation is the employee's own claim: LPR or AUTHORIZED_ALIEN is positive
evidence of noncitizenship (SPEC), but no attestation shows work authorisation, which
only a record of status can (SPEC rule details): citizens, permanent residents, refugees,
asylees, T/U holders, dated worker classes within their admission, an approved work
permit or worker petition within its dates, relief granted in court. Visitors and
students are admitted, but not to work.
"""

from __future__ import annotations

from tessera.model.immigration import (
    CITIZEN_CLASS,
    DATED_WORK_FORMS,
    OPEN_WORK_FORMS,
    PERMANENT_CLASSES,
    REFUGEE_CLASSES,
    RELIEF_ORDER,
    WORK_CLASSES,
    sql_list,
)
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import (
    ADMISSION,
    APPROVED,
    FORM_BASIS,
    Source,
    Table,
    key,
    of_entity,
    period,
)

HIRES = Table(
    "status_hires",
    "Form I-9 hires: employer, attestation, document presented, SSN.",
    (
        ENTITY,
        KEY,
        ("hired", "DATE"),
        ("employer_id", "VARCHAR"),
        ("employer_name", "VARCHAR"),
        ("attestation", "VARCHAR"),
        ("document_type", "VARCHAR"),
        ("document_number", "VARCHAR"),
        ("ssn", "VARCHAR"),
    ),
    (
        Source(
            ("src_employment",),
            f"SELECT r.entity_id, {key('employment')} AS key, s.hire_date AS hired, "
            "s.employer_id, s.employer_name, s.citizenship_attestation AS attestation, "
            f"s.document_type, s.document_number, s.ssn FROM {of_entity('employment')}",
        ),
    ),
)

_WORKING_CLASSES = (*PERMANENT_CLASSES, *REFUGEE_CLASSES, CITIZEN_CLASS)
WORK_PERIODS = (
    period(
        "WORK",
        "status_admissions",
        ADMISSION,
        "arrived",
        "NULL",
        f"FROM status_admissions WHERE class IN {sql_list(_WORKING_CLASSES)}",
    ),
    period(
        "WORK",
        "status_admissions",
        ADMISSION,
        "arrived",
        "until",
        f"FROM status_admissions WHERE class IN {sql_list(WORK_CLASSES)} AND until IS NOT NULL",
    ),
    period(
        "WORK",
        "status_filings",
        FORM_BASIS,
        "decided",
        "NULL",
        f"FROM status_filings WHERE form IN {sql_list(OPEN_WORK_FORMS)} AND {APPROVED} "
        "AND decided IS NOT NULL",
    ),
    period(
        "WORK",
        "status_filings",
        FORM_BASIS,
        "valid_from",
        "valid_to",
        f"FROM status_filings WHERE form IN {sql_list(DATED_WORK_FORMS)} AND {APPROVED} "
        "AND valid_from IS NOT NULL AND valid_to IS NOT NULL",
    ),
    period(
        "WORK",
        "status_orders",
        "'relief granted in court'",
        "ordered",
        "NULL",
        f"FROM status_orders WHERE kind = '{RELIEF_ORDER}'",
    ),
)
