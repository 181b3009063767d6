"""What the people routes give: search candidates and the dossier, as Pydantic models."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class ReasonOut(BaseModel):
    part: str
    """``name``, ``dob``, ``sex`` or an identifier kind."""
    detail: str
    score: float


class CandidateOut(BaseModel):
    person_id: str
    display_name: str
    birth_date: str | None
    """``YYYY-MM-DD``, unknown parts as ``??``."""
    confidence: float = Field(ge=0, le=1)
    reasons: list[ReasonOut]


class ClaimOut(BaseModel):
    """One value of one property, and every record (``feed:record_id``) that says it."""

    property: str
    value: str
    sources: list[str]
    first_recorded: dt.date | None
    last_recorded: dt.date | None


class TimelineEventOut(BaseModel):
    on_date: dt.date | None
    kind: str
    summary: str
    key: str
    identity_only: bool
    """A registration: evidence of identity only, never grounds for action."""


class PeriodOut(BaseModel):
    kind: str
    basis: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    """``None``: the records show no end."""
    key: str


class FindingOut(BaseModel):
    finding_id: str
    code: str
    severity: str
    confidence: float
    identity_check: bool
    """The identity link is weak: verify the person before acting."""
    subject_on: dt.date | None
    evidence: list[str]
    detail: str
    role: str
    rule_version: str
    rule_text: str
    legal_basis: str
    tier: str | None
    tier_reason: str | None
    policy: str
    as_of: dt.date


class TieFeatureOut(BaseModel):
    comparison: str
    level: str
    weight: float
    tf_adjustment: float


class TieOut(BaseModel):
    """A model tie (its waterfall: prior + features = match weight) or a merge judgement."""

    record_l: str
    record_r: str
    match_weight: float | None
    match_probability: float | None
    prior: float | None
    features: list[TieFeatureOut]
    judgement_id: int | None


class RecordLineOut(BaseModel):
    key: str
    name: str
    dob: str
    identifiers: list[str]
    recorded_on: dt.date | None


class LinksOut(BaseModel):
    records: list[RecordLineOut]
    ties: list[TieOut]
    untied: list[str]


class PublicationOut(BaseModel):
    id: int
    as_of: dt.date | None
    published_at: dt.datetime | None


class DossierOut(BaseModel):
    person_id: str
    asked_for: str | None
    redirected: str | None
    """``asked for X, merged into Y`` when the id asked for was redirected."""
    display_name: str
    birth_date: str | None
    sex: str | None
    standing: str
    """CITIZEN, PROTECTED, NONCITIZEN or UNKNOWN, as the records show it."""
    protected_1367: bool
    jurisdictions: list[str]
    claims: list[ClaimOut]
    timeline: list[TimelineEventOut]
    periods: list[PeriodOut]
    findings: list[FindingOut]
    links: LinksOut
    protection: list[str]
    """Why no enforcement may rest on these records (empty: nothing stops it)."""
    publication: PublicationOut
