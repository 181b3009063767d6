"""The service's refusals, as pages: a page asked for without a session is sent to the
sign-in page; any other refusal is shown with the service's own message (the same words
the API would answer with), so a person reads why, never a stack trace or raw JSON.

The API's JSON handlers stay in charge of every non-page path: each handler is wrapped,
not replaced.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from tessera.service.auth import NotAuthenticatedError
from tessera.web.paths import SIGN_IN, is_page
from tessera.web.purposes import PurposeNeededError, purpose_page
from tessera.web.render import render_error

Handler = Callable[[Request, Any], Response | Awaitable[Response]]


def sign_in_redirect(request: Request) -> Response:
    """To the sign-in page, coming back here after (htmx follows ``HX-Redirect``)."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = f"{SIGN_IN}?next={quote(here, safe='')}" if request.method == "GET" else SIGN_IN
    if request.headers.get("HX-Request"):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _detail(response: Response) -> str:
    try:
        body = json.loads(bytes(response.body))
    except (ValueError, TypeError):
        return "the request could not be carried out"
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, list):  # validation errors: say which fields
        return "; ".join(
            f"{'.'.join(str(p) for p in d.get('loc', [])[1:])}: {d.get('msg')}" for d in detail
        )
    return str(detail) if detail else "the request could not be carried out"


async def _answer(handler: Handler, request: Request, exc: Any) -> Response:
    answer = handler(request, exc)
    return await answer if inspect.isawaitable(answer) else answer


def _for_pages(original: Handler) -> Handler:
    async def handler(request: Request, exc: Any) -> Response:
        response = await _answer(original, request, exc)
        if not is_page(request.url.path):
            return response
        return render_error(request, response.status_code, _detail(response))

    return handler


def install_page_errors(app: FastAPI) -> None:
    """Call after the API installed its handlers (``create_app`` does); FastAPI's own
    handlers for unknown paths and unreadable parameters are among those wrapped."""
    api_401 = app.exception_handlers[NotAuthenticatedError]
    for exc_class, original in list(app.exception_handlers.items()):
        app.exception_handlers[exc_class] = _for_pages(original)

    async def not_signed_in(request: Request, exc: Exception) -> Response:
        if is_page(request.url.path):
            return sign_in_redirect(request)
        return await _answer(api_401, request, exc)

    app.exception_handlers[NotAuthenticatedError] = not_signed_in
    app.exception_handlers[PurposeNeededError] = purpose_page
