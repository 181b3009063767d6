"""Enforcement requests (detainers): asked for with a probable cause, approved by a
supervisor where the policy says so, refused for citizens and protected people."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status

from tessera.api.deps import CurrentUser, StatedPurpose, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES, INVALID, NOT_FOUND, PURPOSE_RESPONSES, STALE
from tessera.api.schemas_desk import DecisionIn, EnforcementIn, EnforcementOut
from tessera.api.views_desk import enforcement_ask, enforcement_out
from tessera.service.enforcement import decide_request, pending_requests, request_enforcement

router = APIRouter(tags=["enforcement"], dependencies=[Depends(current_principal)])
RESPONSES = {**ERROR_RESPONSES, **PURPOSE_RESPONSES, **INVALID}
RequestId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post(
    "/enforcement-requests",
    status_code=status.HTTP_201_CREATED,
    responses={**RESPONSES, **NOT_FOUND},
)
def ask(
    body: EnforcementIn, user: CurrentUser, purpose: StatedPurpose, store: StoreDep
) -> EnforcementOut:
    """Request a detainer. A partner officer's request waits for a supervisor."""
    return enforcement_out(request_enforcement(store, user, purpose, enforcement_ask(body)))


@router.get("/enforcement-requests/pending", responses=RESPONSES)
def pending(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[EnforcementOut]:
    """Requests waiting for a supervisor's approval, oldest first."""
    return [enforcement_out(r) for r in pending_requests(store, user, purpose, limit)]


@router.post(
    "/enforcement-requests/{request_id}/decision",
    responses={**RESPONSES, **NOT_FOUND, **STALE},
)
def decide(
    request_id: RequestId,
    body: DecisionIn,
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
) -> EnforcementOut:
    """A supervisor approves or refuses a pending request (never their own)."""
    decided = decide_request(store, user, purpose, request_id, body.approve, body.reason)
    return enforcement_out(decided)
