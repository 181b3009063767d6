"""Identity documents: every use of a passport, SSN or other document by a person, and
the reports of lost, stolen and revoked documents.

A use is a presentation: a passport at an arrival or a departure, a document or SSN on an
I-9 (``used_at``: ARRIVAL, DEPARTURE, I-9). Passport numbers are unique worldwide (SPEC),
so they are compared without their country.
"""

from __future__ import annotations

from tessera.model.immigration import PASSPORT_DOCUMENTS, sql_list
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table, key, of_entity

USES = Table(
    "status_document_uses",
    "Each presentation of an identifier: PASSPORT, SSN or another DOCUMENT (I-9 lists).",
    (
        ENTITY,
        KEY,
        ("used_on", "DATE"),
        ("identifier", "VARCHAR"),
        ("number", "VARCHAR"),
        ("used_at", "VARCHAR"),
    ),
    (
        Source(
            ("src_arrivals",),
            f"SELECT r.entity_id, {key('arrivals')} AS key, s.event_date AS used_on, "
            "'PASSPORT' AS identifier, s.passport_number AS number, s.event_type AS used_at "
            f"FROM {of_entity('arrivals')} WHERE s.passport_number IS NOT NULL",
        ),
        Source(
            ("status_hires",),
            f"SELECT entity_id, key, hired AS used_on, CASE WHEN document_type IN "
            f"{sql_list(PASSPORT_DOCUMENTS)} THEN 'PASSPORT' ELSE 'DOCUMENT' END AS identifier, "
            "document_number AS number, 'I-9' AS used_at FROM status_hires "
            "WHERE document_number IS NOT NULL",
        ),
        Source(
            ("status_hires",),
            "SELECT entity_id, key, hired AS used_on, 'SSN' AS identifier, ssn AS number, "
            "'I-9' AS used_at FROM status_hires WHERE ssn IS NOT NULL",
        ),
    ),
)

REPORTS = Table(
    "status_document_reports",
    "Lost, stolen, revoked and stolen-blank documents, by number (no person attached).",
    (
        KEY,
        ("number", "VARCHAR"),
        ("issuing_country", "VARCHAR"),
        ("document_type", "VARCHAR"),
        ("status", "VARCHAR"),
        ("reported", "DATE"),
    ),
    (
        Source(
            ("src_lost_stolen",),
            "SELECT 'lost_stolen:' || record_id AS key, document_number AS number, "
            "issuing_country, document_type, status, reported_date AS reported "
            "FROM src_lost_stolen",
        ),
    ),
)

DOCUMENT_TABLES = (USES, REPORTS)
