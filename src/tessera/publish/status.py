"""The published copies of the status and rules stages' tables: timelines, periods of
status, findings (with their rule's text), and the person ids that were redirected."""

from __future__ import annotations

from tessera.identity.tables import REDIRECTS_TABLE
from tessera.model.findings import STATUS_UNVERIFIED

UNVERIFIED_TEXT = (
    "A rule's conditions are met, but the records show neither citizenship nor "
    "noncitizenship: the status cannot be shown, and this is no enforcement finding"
)
"""The text of the only finding no rule of the catalogue writes (``model.findings``)."""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _day(column: str) -> str:
    return f"strftime({column}, '%Y-%m-%d')"


def timeline_sql(publication_id: int) -> str:
    return (
        f"SELECT {int(publication_id)} AS publication_id, entity_id AS person_id, "
        f"{_day('on_date')} AS on_date, kind, coalesce(summary, '') AS summary, "
        "key, coalesce(identity_only, false) AS identity_only FROM status_timeline "
        "ORDER BY entity_id, on_date NULLS LAST, key, kind"
    )


def periods_sql(publication_id: int) -> str:
    return (
        f"SELECT {int(publication_id)} AS publication_id, entity_id AS person_id, kind, "
        f"coalesce(basis, '') AS basis, {_day('valid_from')} AS valid_from, "
        f"{_day('valid_to')} AS valid_to, key FROM status_periods "
        "ORDER BY entity_id, valid_from NULLS FIRST, kind, key"
    )


def findings_sql(publication_id: int) -> str:
    """Every finding with its rule's text (the catalogue's title of that version)."""
    return (
        f"SELECT {int(publication_id)} AS publication_id, f.finding_id, "
        "f.entity_id AS person_id, f.code, f.severity, CAST(f.confidence AS DOUBLE) AS "
        "confidence, f.identity_check, "
        f"{_day('f.subject_on')} AS subject_on, array_to_string(f.evidence, ' ') AS evidence, "
        "coalesce(f.detail, '') AS detail, f.role, f.rule_version, "
        f"coalesce(c.title, CASE WHEN f.code = '{STATUS_UNVERIFIED}' THEN "
        f"{_literal(UNVERIFIED_TEXT)} END, '') AS rule_text, f.legal_basis, f.tier, f.tier_reason, "
        f"f.policy, {_day('f.as_of')} AS as_of FROM findings f "
        "LEFT JOIN rules_catalogue c ON c.code = f.code AND c.version = f.rule_version "
        "ORDER BY f.entity_id, f.finding_id"
    )


def redirects_sql(publication_id: int, suffix: str) -> str:
    """Every retired id and where it leads; ``suffix`` is what the backend needs after a
    UTC time to read it as one (``+00:00`` for PostgreSQL, nothing for SQLite)."""
    return (
        f"SELECT {int(publication_id)} AS publication_id, old_id, new_id, reason, "
        "strftime(timezone('UTC', redirected_at), '%Y-%m-%d %H:%M:%S.%f') || "
        f"'{suffix}' AS redirected_at FROM {REDIRECTS_TABLE} ORDER BY old_id"
    )
