"""``Server-Timing: app;dur=<ms>`` on every answer: the time the request spent in the
server, from the outermost middleware to the start of the answer (waiting for a slot
included). A load generator reads it to tell the service's latency from the network's
and its own; a browser's developer tools show it too."""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METRIC = "app"


def server_timing(seconds: float) -> str:
    """The header value for ``seconds`` spent, in milliseconds (as the header counts)."""
    return f"{METRIC};dur={seconds * 1000:.2f}"


class ServerTimingMiddleware:
    """ASGI middleware adding ``Server-Timing`` to every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("Server-Timing", server_timing(time.perf_counter() - started))
            await send(message)

        await self.app(scope, receive, timed_send)
