"""Findings as the lead workflow takes them, for the lead tests."""

from __future__ import annotations

import datetime as dt

from tessera.model.leads import LeadSource

AS_OF = dt.date(2026, 6, 30)


def finding(
    person_id: str = "P1",
    code: str = "OVERSTAY",
    role: str = "SUBJECT",
    *,
    evidence: tuple[str, ...] = ("arrivals:E1",),
    severity: str = "medium",
    tier: str | None = "P2",
    confidence: float = 0.95,
    finding_id: str | None = None,
    subject_on: dt.date | None = dt.date(2025, 1, 31),
    detail: str = "admitted until 2025-01-31; no departure",
) -> LeadSource:
    """A finding; its id depends on what it rests on, as the rules' ids do."""
    return LeadSource(
        finding_id=finding_id or f"F-{person_id}-{code}-{'-'.join(evidence)}",
        person_id=person_id,
        code=code,
        role=role,
        severity=severity,
        confidence=confidence,
        identity_check=confidence < 0.8,
        subject_on=subject_on,
        evidence=evidence,
        detail=detail,
        rule_version="1.0",
        legal_basis="INA 237(a)(1)(B)",
        tier=tier,
        policy="2026-01",
    )
