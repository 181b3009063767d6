"""Security headers on every page: no inline script, nothing from another origin, no
framing, no caching of a person's records in a shared browser."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from tessera.web.paths import is_page

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)
# 'unsafe-inline' styles: vis-timeline and Cytoscape position their elements with style
# attributes; scripts stay strictly same-origin.

PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def install_page_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def page_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if is_page(request.url.path):
            response.headers.update(PAGE_HEADERS)
        return response
