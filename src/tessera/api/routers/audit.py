"""``GET /audit``: the audit log for auditors, by user, person and date, newest first.
Reading it is an access like any other: it states an oversight purpose and is logged."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from tessera.api.deps import CurrentUser, StatedPurpose, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES, PURPOSE_RESPONSES
from tessera.api.schemas import AuditPage
from tessera.api.views import audit_page
from tessera.model.access import Outcome
from tessera.model.audit import AuditQuery
from tessera.service.audit import find_entries

router = APIRouter(tags=["audit"], dependencies=[Depends(current_principal)])


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # A time without a zone is read as UTC, the zone the log is kept in.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


@router.get("/audit", responses={**ERROR_RESPONSES, **PURPOSE_RESPONSES})
def audit(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    username: Annotated[str | None, Query(alias="user", max_length=128)] = None,
    person: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64, description="e.g. person:read")] = None,
    outcome: Annotated[Outcome | None, Query(description="allowed, denied, ...")] = None,
    since: Annotated[dt.datetime | None, Query(description="From (inclusive)")] = None,
    until: Annotated[dt.datetime | None, Query(description="Up to (exclusive)")] = None,
    before: Annotated[int | None, Query(ge=1, description="Older than this entry")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditPage:
    """Entries matching every filter given (auditors only)."""
    query = AuditQuery(
        username,
        person,
        _utc(since),
        _utc(until),
        limit,
        before,
        action=action,
        outcome=outcome.value if outcome else None,
    )
    return audit_page(find_entries(store, user, purpose, query), limit)
