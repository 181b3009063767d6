"""Reading findings back: filtered lists for analysts and one person's findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from tessera.rules.protections import FINDINGS_TABLE

_COLUMNS = (
    "finding_id, entity_id, code, severity, confidence, identity_check, subject_on, "
    "evidence, detail, role, rule_version, legal_basis, tier, tier_reason, policy, as_of"
)


@dataclass(frozen=True)
class Finding:
    finding_id: str
    entity_id: str
    code: str
    severity: str
    confidence: float
    identity_check: bool
    subject_on: dt.date | None
    evidence: tuple[str, ...]
    detail: str
    role: str
    rule_version: str
    legal_basis: str
    tier: str | None
    tier_reason: str | None
    policy: str
    as_of: dt.date


@dataclass(frozen=True)
class FindingFilter:
    codes: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    """``since``/``until`` bound ``subject_on``, the date a finding rests on."""
    entity_id: str | None = None
    limit: int | None = None


def _where(f: FindingFilter) -> tuple[str, dict[str, object]]:
    clauses: list[str] = ["true"]
    params: dict[str, object] = {}
    for name, values in (("code", f.codes), ("severity", f.severities), ("tier", f.tiers)):
        if values:
            clauses.append(f"list_contains(${name}s, {name})")
            params[f"{name}s"] = list(values)
    if f.since:
        clauses.append("subject_on >= $since")
        params["since"] = f.since
    if f.until:
        clauses.append("subject_on <= $until")
        params["until"] = f.until
    if f.entity_id:
        clauses.append("entity_id = $entity")
        params["entity"] = f.entity_id
    return " AND ".join(clauses), params


def select_findings(con: duckdb.DuckDBPyConnection, f: FindingFilter) -> list[Finding]:
    """Findings matching ``f``, highest severity and tier first."""
    where, params = _where(f)
    limit = f" LIMIT {int(f.limit)}" if f.limit else ""
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM {FINDINGS_TABLE} WHERE {where} ORDER BY "
        "list_position(['high', 'medium', 'low', 'victim', 'info'], severity), "
        f"tier NULLS LAST, subject_on, entity_id, code{limit}",
        params,
    ).fetchall()
    return [_finding(r) for r in rows]


def _finding(r: tuple[object, ...]) -> Finding:
    return Finding(
        str(r[0]),
        str(r[1]),
        str(r[2]),
        str(r[3]),
        float(str(r[4])),
        bool(r[5]),
        r[6] if isinstance(r[6], dt.date) else None,
        tuple(str(k) for k in r[7]) if isinstance(r[7], list) else (),
        str(r[8] or ""),
        str(r[9]),
        str(r[10]),
        str(r[11]),
        str(r[12]) if r[12] is not None else None,
        str(r[13]) if r[13] is not None else None,
        str(r[14]),
        r[15] if isinstance(r[15], dt.date) else dt.date.min,
    )
