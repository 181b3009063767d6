"""``GET /me``: the caller's own account, role, permissions and purposes. It reads no
record, so it states no purpose and writes no audit entry."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from tessera.api.deps import CurrentUser, current_principal
from tessera.api.errors import ERROR_RESPONSES
from tessera.api.schemas import Me
from tessera.api.views import me_view
from tessera.service.access import utc_today

router = APIRouter(tags=["authentication"], dependencies=[Depends(current_principal)])


@router.get("/me", responses=ERROR_RESPONSES)
def me(user: CurrentUser) -> Me:
    return me_view(user, utc_today())
