"""Rendering pages: one Jinja environment (autoescaped), the header's context, and the
error page. Dates are always shown as ISO 8601 (``iso``), never 03/04/2005."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from tessera.api.deps import session_principal
from tessera.security import Principal, Purpose, PurposeError, parse_purpose
from tessera.web.nav import links_for
from tessera.web.purposes import session_purpose

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
CSRF_KEY = "csrf"


def iso(value: object) -> str:
    """A date as YYYY-MM-DD, a time as YYYY-MM-DD HH:MM UTC; anything else as text."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


TEMPLATES.env.filters["iso"] = iso
TEMPLATES.env.filters["percent"] = percent


def csrf_token(request: Request) -> str:
    """The session's token against cross-site form posts (made on first use)."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session[CSRF_KEY] = token
    return token


def shown_purpose(request: Request) -> Purpose | None:
    """The purpose this page's reads are recorded under: the one its link carries
    (``?purpose=``), else the session's."""
    carried = request.query_params.get("purpose")
    if carried:
        try:
            return parse_purpose(carried)
        except PurposeError:
            pass  # the page itself refuses an unreadable purpose; the header shows the kept one
    return session_purpose(request)


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    user: Principal | None = None,
    status_code: int = 200,
) -> Response:
    """``template`` with the header's context: the user, their links, the purpose
    stated, the CSRF token and the current path (to mark the current link)."""
    full: dict[str, Any] = {
        "user": user,
        "nav": links_for(user) if user is not None else [],
        "purpose": shown_purpose(request) if user is not None else None,
        "csrf_token": csrf_token(request),
        "here": request.url.path,
        **(context or {}),
    }
    return TEMPLATES.TemplateResponse(request, template, full, status_code=status_code)


def _signed_in(request: Request) -> Principal | None:
    """The session's account for the header, or None (an error page must render even
    when the session or the store is what failed)."""
    try:
        return session_principal(request, request.app.state.store)
    except Exception:
        return None


def render_error(request: Request, status_code: int, detail: str) -> Response:
    """The error page, with the service's own words for what went wrong."""
    titles = {
        400: "The request cannot be read",
        403: "Not allowed",
        404: "Not found",
        409: "It changed first",
        422: "Cannot be done as asked",
        503: "Unavailable",
    }
    title = titles.get(status_code, "Something went wrong")
    context = {"title": title, "detail": detail, "status": status_code}
    user = _signed_in(request)
    return render(request, "error.html", context, user=user, status_code=status_code)
