"""Typed dependencies: the store, the authenticated caller, and the stated purpose.

Authentication: ``Authorization: Bearer <API key>`` (partner systems) or the signed
session cookie set by ``POST /auth/sign-in`` (browsers). A request that carries an
``Authorization`` header is judged by it alone, so a bad key is never rescued by a cookie.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from tessera.security import Principal, Purpose, PurposeError, parse_purpose
from tessera.service.auth import NotAuthenticatedError, principal_for_key, principal_for_session
from tessera.store.operational import OperationalStore

SESSION_COOKIE = "tessera_session"
PURPOSE_HEADER = "X-Tessera-Purpose"
PURPOSE_HELP = (
    "Why you need this: '<kind>:<reference> <text>', e.g. 'lead:L123 checking address'. "
    "Kinds: case, lead, status_query, oversight, administration (each role may state "
    "some; GET /me lists them). The text may be percent-encoded."
)

_bearer = HTTPBearer(auto_error=False, description="An API key issued to a partner system.")
_cookie = APIKeyCookie(
    name=SESSION_COOKIE, auto_error=False, description="The session POST /auth/sign-in sets."
)


def get_store(request: Request) -> OperationalStore:
    store: OperationalStore = request.app.state.store
    return store


StoreDep = Annotated[OperationalStore, Depends(get_store)]


def session_principal(request: Request, store: OperationalStore) -> Principal | None:
    """The account the signed session names, if it is still valid (pages use this alone)."""
    uid, issued = request.session.get("uid"), request.session.get("iat")
    if not isinstance(uid, int) or not isinstance(issued, str):
        return None
    try:
        issued_at = dt.datetime.fromisoformat(issued)
    except ValueError:
        return None
    return principal_for_session(store, uid, issued_at)


def current_principal(
    request: Request,
    store: StoreDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    _session_cookie: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    """The caller, or 401. (``_session_cookie`` is read from the signed session, not from
    this parameter; declaring it puts the cookie scheme in the OpenAPI document.)"""
    if "authorization" in request.headers:
        if bearer is None:
            raise NotAuthenticatedError
        return principal_for_key(store, bearer.credentials)
    principal = session_principal(request, store)
    if principal is None:
        request.session.clear()
        raise NotAuthenticatedError
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]


def stated_purpose(
    purpose: Annotated[str | None, Header(alias=PURPOSE_HEADER, description=PURPOSE_HELP)] = None,
) -> Purpose:
    """The purpose the request states, or 400 saying how to state one."""
    if purpose is None:
        raise PurposeError(f"this route needs a purpose: send {PURPOSE_HEADER}. {PURPOSE_HELP}")
    return parse_purpose(purpose)


StatedPurpose = Annotated[Purpose, Depends(stated_purpose)]
