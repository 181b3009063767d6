"""What the API takes and gives, as Pydantic models: the contract a generated client sees."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    """``ok`` when the store answers and its audit log takes entries."""


class SignIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class PartnerOut(BaseModel):
    ori: str
    agency: str
    jurisdictions: list[str]
    certified_until: dt.date
    certified: bool
    """False once the 287(g) certification has expired: the officer may then do nothing."""


class Me(BaseModel):
    username: str
    full_name: str
    role: str
    permissions: list[str]
    purposes: list[str]
    """The purpose kinds this role may state in ``X-Tessera-Purpose``."""
    partner: PartnerOut | None


class PurposeOut(BaseModel):
    kind: str
    reference: str | None
    text: str | None


class AuditEntryOut(BaseModel):
    seq: int
    at: dt.datetime
    actor: str
    actor_role: str | None
    action: str
    outcome: str
    reason: str
    person_id: str | None
    target: str | None
    purpose: PurposeOut | None
    prev_hash: str
    entry_hash: str


class AuditPage(BaseModel):
    entries: list[AuditEntryOut]
    next_before: int | None
    """Pass as ``before`` for the next (older) page; ``None`` when there is none."""


class Problem(BaseModel):
    detail: str


class Unprocessable(BaseModel):
    """422: the service's reason (a string) when a request cannot be carried out as asked,
    or FastAPI's list of validation errors when the input is malformed."""

    detail: str | list[dict[str, Any]]
