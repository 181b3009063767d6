"""The purpose a page states for the reads it makes.

A person states a purpose once (``/ui/purpose``: a case, a lead, a status query,
oversight) and it is kept in the session and shown in the header until changed; a link
from a lead or a status query carries its own (``?purpose=lead:L12 working the lead``),
which wins for that page. A page that reads a person with no purpose stated sends the
person to the purpose form first and brings them back.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from tessera.security import Purpose, PurposeError, parse_purpose

PURPOSE_PAGE = "/ui/purpose"
SESSION_KEY = "purpose"


class PurposeNeededError(Exception):
    """The page reads people and no purpose is stated."""


def session_purpose(request: Request) -> Purpose | None:
    stated = request.session.get(SESSION_KEY)
    if not isinstance(stated, str):
        return None
    try:
        return parse_purpose(stated)
    except PurposeError:
        request.session.pop(SESSION_KEY, None)
        return None


def keep_purpose(request: Request, purpose: Purpose) -> None:
    request.session[SESSION_KEY] = str(purpose)


def page_purpose(request: Request) -> Purpose:
    """``?purpose=`` if the link carries one (``PurposeError`` if unreadable), else the
    session's; ``PurposeNeededError`` when there is neither."""
    carried = request.query_params.get("purpose")
    if carried:
        return parse_purpose(carried)
    kept = session_purpose(request)
    if kept is None:
        raise PurposeNeededError
    return kept


def purpose_page(request: Request, _exc: Exception) -> Response:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = f"{PURPOSE_PAGE}?next={quote(here, safe='')}"
    if request.headers.get("HX-Request"):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
