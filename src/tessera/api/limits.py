"""Rate limits per caller: each partner system's API key, and each signed-in user's
browser, gets its own moving window (the ``limits`` library, kept in memory unless
``TESSERA_RATE_LIMIT_STORAGE`` names a shared store). Past it the answer is 429 with
``Retry-After``: one noisy caller must not starve the others.

The limit is charged before the request is authenticated, so a caller over their limit
costs no database look-up. It is keyed by what the caller presents, never by address:
- an API key by its id *and* a digest of its secret, so that someone who learns a key id
  (it is shown in the audit log) cannot spend a partner's allowance with a forged key;
- a session by the account id in the signed cookie (``SessionMiddleware`` has checked the
  signature; this middleware must run inside it).
A request with neither (``/health``, sign-in, the unauthenticated) is not rate limited:
it is answered 401 without work, and the load-shedding gate bounds a flood of them.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Final

from fastapi import FastAPI
from fastapi.security.utils import get_authorization_scheme_param
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from tessera.api.schemas import Problem
from tessera.security.api_keys import parse_api_key, secret_hash
from tessera.settings import Settings

EXEMPT: Final = frozenset({"/health"})
"""Paths no limit or gate applies to: monitors must see a busy server as alive."""

TOO_MANY_RESPONSES: Final[dict[int | str, dict[str, object]]] = {
    429: {
        "model": Problem,
        "description": "Too many requests: over this caller's rate limit, or the server "
        "is at capacity. Retry after the seconds in Retry-After.",
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {"type": "integer", "minimum": 1},
            }
        },
    }
}
"""Documented on every route but ``/health``, so generated clients expect the answer."""


def too_many_requests(detail: str, retry_after: int) -> JSONResponse:
    """A 429 answer saying why and when to come back (whole seconds, at least one)."""
    wait = max(1, retry_after)
    return JSONResponse(
        {"detail": f"{detail}; retry after {wait} s"},
        status_code=429,
        headers={"Retry-After": str(wait)},
    )


@dataclass(frozen=True)
class Bucket:
    """Whose allowance a request spends: ``kind`` picks the limit, ``key`` the caller."""

    kind: str
    key: str


def bucket_of(scope: Scope) -> Bucket | None:
    """The caller a request claims to be, or ``None`` when it claims no one."""
    headers = Headers(scope=scope)
    if "authorization" in headers:
        # The header alone decides who is calling (as in ``deps.current_principal``),
        # read as its ``HTTPBearer`` reads it.
        scheme, token = get_authorization_scheme_param(headers["authorization"])
        key = parse_api_key(token) if scheme.lower() == "bearer" and token else None
        if key is None:
            return None
        return Bucket("api key", f"{key.key_id}:{secret_hash(key.secret)[:16]}")
    uid = scope.get("session", {}).get("uid")
    return Bucket("session", f"user:{uid}") if isinstance(uid, int) else None


class CallerLimits:
    """The configured limits, one moving window per caller and limit, counted in
    ``storage`` (a ``limits`` storage URI; default in memory).

    In memory is exact for one server process; several workers each count their own
    share unless ``storage`` names a store they share (``Settings.rate_limit_storage``).
    """

    def __init__(self, per_key: str, per_session: str, storage: str = "memory://") -> None:
        self._items: dict[str, list[RateLimitItem]] = {
            "api key": parse_many(per_key),
            "session": parse_many(per_session),
        }
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage))

    def retry_after(self, bucket: Bucket) -> int | None:
        """Charge one request to ``bucket``: ``None`` if within every limit, else the
        seconds until the exhausted window frees a slot (nothing is charged then)."""
        items = self._items[bucket.kind]
        for item in items:
            if not self._limiter.test(item, bucket.kind, bucket.key):
                reset = self._limiter.get_window_stats(item, bucket.kind, bucket.key).reset_time
                return math.ceil(reset - time.time())
        for item in items:
            self._limiter.hit(item, bucket.kind, bucket.key)
        return None

    def describe(self, bucket: Bucket) -> str:
        return "; ".join(str(item) for item in self._items[bucket.kind])


class RateLimitMiddleware:
    """ASGI middleware: 429 for a caller past their limit, before any other work."""

    def __init__(self, app: ASGIApp, limits: CallerLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limited = scope["type"] == "http" and scope["path"] not in EXEMPT
        bucket = bucket_of(scope) if limited else None
        # No await between test and hit: one event loop, so the charge is atomic.
        wait = None if bucket is None else self.limits.retry_after(bucket)
        if bucket is None or wait is None:
            await self.app(scope, receive, send)
            return
        detail = f"rate limit of this {bucket.kind} reached ({self.limits.describe(bucket)})"
        await too_many_requests(detail, wait)(scope, receive, send)


def install_rate_limits(app: FastAPI, settings: Settings) -> None:
    """Add the middleware; call before adding ``SessionMiddleware`` so that it runs
    inside it and sees the decoded session. A malformed limit fails here, at start."""
    limits = CallerLimits(
        settings.rate_limit_per_key, settings.rate_limit_per_session, settings.rate_limit_storage
    )
    app.add_middleware(RateLimitMiddleware, limits=limits)
