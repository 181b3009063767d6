"""Leads as the API takes and gives them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from tessera.model.leads import MAX_TEXT, Disposition, EventKind, LeadState, Unit

__all__ = [
    "AssignIn",
    "DispositionIn",
    "LeadDetailOut",
    "LeadEventOut",
    "LeadOut",
    "NoteIn",
]

HumanDisposition = Literal["confirmed_referred", "closed_error", "closed_no_action"]
"""The dispositions a person may choose (``closed_auto`` is Tessera's alone)."""


class LeadOut(BaseModel):
    lead_id: int
    person_id: str
    code: str
    role: str
    """``SUBJECT``; for a shared identifier ``USER`` (suspected) or ``OWNER`` (its victim)."""
    unit: Unit
    state: LeadState
    severity: str
    tier: str | None
    confidence: float
    identity_check: bool
    subject_on: dt.date | None
    evidence: list[str]
    """The source records (``feed:record_id``) the finding rests on."""
    detail: str
    legal_basis: str
    rule_version: str
    policy: str
    finding_id: str
    verification: list[str]
    """What must be verified before anyone acts (empty: nothing)."""
    assignee: str | None
    disposition: Disposition | None
    disposition_reason: str | None
    referred_to: str | None
    previous_lead_id: int | None
    """The closed lead this one follows, when its finding came back."""
    opened_at: dt.datetime
    opened_in_run: int | None
    closed_at: dt.datetime | None
    closed_by: str | None
    updated_at: dt.datetime


class LeadEventOut(BaseModel):
    event_id: int
    kind: EventKind
    at: dt.datetime
    actor: str
    text: str
    run_id: int | None


class LeadDetailOut(BaseModel):
    lead: LeadOut
    history: list[LeadEventOut]
    """Everything that happened to the lead, oldest first."""
    unit_reason: str | None
    """Why the lead is in its unit."""


class AssignIn(BaseModel):
    assignee: str = Field(min_length=1, max_length=64, description="The username to give it to")


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class DispositionIn(BaseModel):
    disposition: HumanDisposition
    reason: str = Field(min_length=1, max_length=MAX_TEXT, description="Why, always")
    referred_to: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="To whom a confirmed lead is referred (confirmed_referred only)",
    )
