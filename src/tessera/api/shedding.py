"""Load shedding: a concurrency gate in front of everything but ``/health``.

Past what the server can serve, queueing more only makes every answer late, until
clients time out and retry into a still deeper queue. So at most ``max_in_flight``
requests are served at once; a few more may wait a short while for a slot; everyone
else is answered 429 with ``Retry-After`` at once, which costs almost nothing. Under
twice the sustainable load the server then answers every request, some of them "later",
none with a time-out or a 500.
"""

from __future__ import annotations

from typing import Final

import anyio
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from tessera.api.limits import EXEMPT, too_many_requests
from tessera.api.timing import ServerTimingMiddleware
from tessera.settings import Settings

RETRY_AFTER_SECONDS: Final = 1
"""A shed request is worth retrying soon: the queue drains in well under a second."""


class ConcurrencyGate:
    """ASGI middleware: admit ``max_in_flight`` requests at once, let ``max_queued``
    wait up to ``queue_wait`` seconds for a slot (first come, first served), shed the rest.
    """

    def __init__(
        self, app: ASGIApp, max_in_flight: int, max_queued: int, queue_wait: float
    ) -> None:
        self.app = app
        self.max_queued = max_queued
        self.queue_wait = queue_wait
        self._slots = anyio.Semaphore(max_in_flight)
        self._waiting = 0

    async def _admit(self) -> bool:
        """Take a slot now, or after waiting in the queue; ``False``: shed."""
        try:
            self._slots.acquire_nowait()
            return True
        except anyio.WouldBlock:
            pass
        if self._waiting >= self.max_queued:
            return False
        self._waiting += 1
        try:
            with anyio.move_on_after(self.queue_wait):
                await self._slots.acquire()
                return True
            return False
        finally:
            self._waiting -= 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT:
            await self.app(scope, receive, send)
            return
        if not await self._admit():
            shed = too_many_requests("the server is at capacity", RETRY_AFTER_SECONDS)
            await shed(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._slots.release()


def install_load_shedding(app: FastAPI, settings: Settings) -> None:
    """Add the gate, and outside it the ``Server-Timing`` header (so the time a request
    waited for a slot counts as time in the server). Call after every other middleware:
    the last added runs first."""
    app.add_middleware(
        ConcurrencyGate,
        max_in_flight=settings.max_in_flight_requests,
        max_queued=settings.max_queued_requests,
        queue_wait=settings.max_queue_wait_seconds,
    )
    app.add_middleware(ServerTimingMiddleware)
