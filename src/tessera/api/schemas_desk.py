"""The status-query desk and enforcement requests as the API takes and gives them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from tessera.model.status_desk import (
    Determination,
    EnforcementKind,
    ProbableCause,
    QueryPurpose,
    QueryState,
    RequestState,
)

Ori = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[A-Z0-9]{7}$")]
NcicOffence = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
IsoDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")]


class StatusQueryIn(BaseModel):
    """An Immigration Alien Query (Nlets IAQ)."""

    ori: Ori = Field(description="The asking agency's ORI (NCIC originating agency id)")
    purpose_code: QueryPurpose = Field(description="C: criminal investigation; F: firearms")
    attention: str = Field(min_length=1, max_length=128, description="ATN: who to answer")
    phone: str | None = Field(default=None, max_length=32, description="PHN")
    name: str = Field(min_length=2, max_length=200, description="NAM: as the agency has it")
    dob: IsoDate | None = Field(default=None, description="DOB: YYYY-MM-DD, YYYY-MM or YYYY")
    sex: Annotated[str, StringConstraints(pattern=r"^[MFX]$")] | None = None
    place_of_birth: str | None = Field(default=None, max_length=100, description="POB")
    in_custody: bool = Field(description="CUS: whether the agency holds the person")
    offence_code: NcicOffence = Field(description="OFF: NCIC offence code (0399 generic)")
    a_number: Annotated[str, StringConstraints(pattern=r"^A?[0-9]{8,9}$")] | None = None
    fbi_number: str | None = Field(default=None, max_length=12)
    state_id: str | None = Field(default=None, max_length=20, description="SID")
    citizenship_claimed: bool = Field(
        default=False, description="The person claims U.S. citizenship"
    )


class PeriodOut(BaseModel):
    kind: str
    basis: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: str


class CandidateStatusOut(BaseModel):
    person_id: str
    confidence: float
    records_show: Determination
    periods: list[PeriodOut]
    evidence: list[str]


class AutomaticAnswer(BaseModel):
    determination: Determination
    recommendation: str
    """``none``, ``officer_review`` or ``citizenship_claim_stop``: never "removable"."""
    requires_verification: bool
    reasons: list[str]
    person_id: str | None
    evidence: list[str]
    notice: str
    candidates: list[CandidateStatusOut]


class StatusQueryOut(BaseModel):
    """A query, its automatic answer, and the operator's response once completed."""

    id: int
    received_at: dt.datetime
    state: QueryState
    requires_verification: bool
    verification_reasons: list[str]
    ori: str
    name: str
    dob: str | None
    in_custody: bool
    citizenship_claimed: bool
    answer: AutomaticAnswer
    person_id: str | None
    determination: Determination | None
    response_text: str | None
    completed_by: str | None
    completed_at: dt.datetime | None


class CompletionIn(BaseModel):
    person_id: str | None = Field(default=None, max_length=16)
    determination: Determination
    text: str = Field(min_length=1, max_length=4000)


class EnforcementIn(BaseModel):
    person_id: str = Field(min_length=1, max_length=16)
    kind: EnforcementKind = EnforcementKind.detainer
    probable_cause: ProbableCause
    facility: str = Field(min_length=1, max_length=200)
    justification: str = Field(min_length=1, max_length=4000)


class DecisionIn(BaseModel):
    approve: bool
    reason: str = Field(min_length=1, max_length=2000)


class EnforcementOut(BaseModel):
    id: int
    person_id: str
    kind: EnforcementKind
    probable_cause: ProbableCause
    facility: str
    justification: str
    requested_by: str
    requested_at: dt.datetime
    state: RequestState
    approver_role: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
