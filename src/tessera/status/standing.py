"""What the records positively show about a person's citizenship and protection.

Evidence is positive only (SPEC rule details). Citizen: an approved N-400, a USC
arrival, or a U.S. passport examined for an I-9 (22 U.S.C. 2705: a passport is proof of
citizenship; SPEC's list is widened here only in the protective direction). Protected: a
pending or approved asylum, T or U filing, or an unreadable row that may be one
(``unreadable.py``). Noncitizen: a non-USC arrival, a student record, any benefit filing,
a court case, a removal, an I-9 attesting LPR or AUTHORIZED_ALIEN, an IMMIGRATION_VIOLATOR
record. Never a place of birth, a FIN, a registration, or the absence of a record: where
nothing shows either way the standing is UNKNOWN, and nothing may be concluded from it.
"""

from __future__ import annotations

from tessera.identity import ENTITIES_TABLE
from tessera.model.immigration import (
    CITIZEN_CLASS,
    NATURALISATION_FORM,
    NONCITIZEN_ATTESTATIONS,
    PROTECTION_FORMS,
    PROTECTIVE_DECISIONS,
    US_PASSPORT_DOCUMENT,
    sql_list,
)
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table, key, of_entity

CITIZEN = "CITIZEN"
PROTECTED = "PROTECTED"
NONCITIZEN = "NONCITIZEN"
UNKNOWN = "UNKNOWN"
STANDINGS = (CITIZEN, PROTECTED, NONCITIZEN, UNKNOWN)
"""In order of precedence: a person shown to be a citizen is a citizen, whatever else."""


def _evidence(kind: str, needs: str, select: str) -> Source:
    return Source((needs,), f"SELECT entity_id, '{kind}' AS kind, key FROM {select}")


EVIDENCE = Table(
    "status_evidence",
    "Each record that positively shows citizenship, protection or noncitizenship.",
    (ENTITY, ("kind", "VARCHAR"), KEY),
    (
        _evidence(
            "CITIZEN",
            "status_filings",
            f"status_filings WHERE form = '{NATURALISATION_FORM}' AND decision = 'APPROVED'",
        ),
        _evidence(
            "CITIZEN", "status_admissions", f"status_admissions WHERE class = '{CITIZEN_CLASS}'"
        ),
        _evidence(
            "CITIZEN",
            "status_hires",
            f"status_hires WHERE document_type = '{US_PASSPORT_DOCUMENT}'",
        ),
        _evidence(
            "PROTECTED",
            "status_filings",
            f"status_filings WHERE form IN {sql_list(PROTECTION_FORMS)} "
            f"AND decision IN {sql_list(PROTECTIVE_DECISIONS)}",
        ),
        _evidence("PROTECTED", "status_unreadable", "status_unreadable WHERE kind = 'PROTECTION'"),
        _evidence(
            "NONCITIZEN",
            "status_admissions",
            f"status_admissions WHERE class IS NOT NULL AND class <> '{CITIZEN_CLASS}'",
        ),
        _evidence("NONCITIZEN", "status_students", "status_students"),
        _evidence("NONCITIZEN", "status_filings", "status_filings"),
        _evidence(
            "NONCITIZEN",
            "src_court",
            f"(SELECT r.entity_id, {key('court')} AS key FROM {of_entity('court')})",
        ),
        _evidence("NONCITIZEN", "status_exits", "status_exits WHERE key LIKE 'removals:%'"),
        _evidence(
            "NONCITIZEN",
            "status_hires",
            f"status_hires WHERE attestation IN {sql_list(NONCITIZEN_ATTESTATIONS)}",
        ),
        _evidence(
            "NONCITIZEN",
            "status_warrants",
            "status_warrants WHERE record_type = 'IMMIGRATION_VIOLATOR'",
        ),
    ),
)

_PEOPLE = f"""
SELECT p.entity_id,
  CASE WHEN bool_or(e.kind = '{CITIZEN}') THEN '{CITIZEN}'
       WHEN bool_or(e.kind = '{PROTECTED}') THEN '{PROTECTED}'
       WHEN bool_or(e.kind = '{NONCITIZEN}') THEN '{NONCITIZEN}'
       ELSE '{UNKNOWN}' END AS standing,
  coalesce(list(e.key ORDER BY e.key) FILTER (WHERE e.kind = 'CITIZEN'), []) AS citizen_keys,
  coalesce(list(e.key ORDER BY e.key) FILTER (WHERE e.kind = 'PROTECTED'), [])
    AS protection_keys,
  coalesce(list(e.key ORDER BY e.key) FILTER (WHERE e.kind = 'NONCITIZEN'), [])
    AS noncitizen_keys
FROM (SELECT DISTINCT entity_id FROM {ENTITIES_TABLE}) p
LEFT JOIN status_evidence e USING (entity_id)
GROUP BY p.entity_id
"""

PEOPLE = Table(
    "status_people",
    "One row per person: standing (CITIZEN, PROTECTED, NONCITIZEN or UNKNOWN) and its records.",
    (
        ENTITY,
        ("standing", "VARCHAR"),
        ("citizen_keys", "VARCHAR[]"),
        ("protection_keys", "VARCHAR[]"),
        ("noncitizen_keys", "VARCHAR[]"),
    ),
    (Source((ENTITIES_TABLE,), _PEOPLE),),
)

STANDING_TABLES = (EVIDENCE, PEOPLE)
