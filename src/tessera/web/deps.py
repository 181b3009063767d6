"""What page routes depend on: the signed-in person (or a redirect to sign in), the purpose
they stated, and the CSRF check on every form post."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from tessera.api.deps import StoreDep, session_principal
from tessera.security import Principal, Purpose
from tessera.service.auth import NotAuthenticatedError
from tessera.service.errors import InvalidRequestError
from tessera.web.purposes import page_purpose
from tessera.web.render import CSRF_KEY


def page_user(request: Request, store: StoreDep) -> Principal:
    """The person signed in on this browser; ``NotAuthenticatedError`` (a redirect to the
    sign-in page) otherwise. Pages take sessions only, never API keys."""
    principal = session_principal(request, store)
    if principal is None:
        request.session.pop("uid", None)
        raise NotAuthenticatedError
    return principal


PageUser = Annotated[Principal, Depends(page_user)]
PagePurpose = Annotated[Purpose, Depends(page_purpose)]


async def checked_form(request: Request) -> None:
    """Refuse a post whose CSRF token (form field ``csrf`` or header ``X-CSRF-Token``)
    is not this session's."""
    expected = request.session.get(CSRF_KEY)
    sent = request.headers.get("X-CSRF-Token")
    if sent is None:
        form = await request.form()
        field = form.get("csrf")
        sent = field if isinstance(field, str) else None
    if not isinstance(expected, str) or sent is None or not hmac.compare_digest(expected, sent):
        raise InvalidRequestError("the form has expired or came from another site; reload it")


CheckedForm = Depends(checked_form)
