"""Signing in and out with a password; the session is a signed cookie (``tessera_session``)
holding the account id and when it was issued, nothing else."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status

from tessera.api.deps import CurrentUser, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES
from tessera.api.schemas import Me, Problem, SignIn
from tessera.api.views import me_view
from tessera.service.access import utc_today
from tessera.service.auth import sign_in, sign_out

router = APIRouter(prefix="/auth", tags=["authentication"])
UNREADABLE: dict[int | str, dict[str, object]] = {
    400: {"model": Problem, "description": "The body is not readable (UTF-8 JSON)"}
}


@router.post("/sign-in", responses={401: ERROR_RESPONSES[401], **UNREADABLE})
def sign_in_route(body: SignIn, request: Request, store: StoreDep) -> Me:
    """Check a username and password; on success the answer sets the session cookie."""
    signed_in = sign_in(store, body.username, body.password)
    request.session.clear()  # a fresh session: nothing from before sign-in carries over
    request.session.update(
        {"uid": signed_in.principal.user_id, "iat": signed_in.issued_at.isoformat()}
    )
    return me_view(signed_in.principal, utc_today())


@router.post(
    "/sign-out",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(current_principal)],
    responses=ERROR_RESPONSES,
)
def sign_out_route(user: CurrentUser, request: Request, store: StoreDep) -> Response:
    """End every session of the signed-in user, on every device."""
    sign_out(store, user)
    request.session.clear()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
