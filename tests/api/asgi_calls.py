"""Calling an ASGI application directly, to hold requests open at will: the gate and the
timing middleware are tested on a stub application whose requests finish when the test
says so, not after some amount of time."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio
from starlette.types import Message, Receive, Scope, Send


@dataclass
class Answer:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def http_scope(path: str, headers: list[tuple[bytes, bytes]] | None = None) -> Scope:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers or [],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }


async def call(app: object, scope: Scope) -> Answer:
    """Send one request through ``app`` (an ASGI callable) and collect its answer."""
    answer = Answer()

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = {k.decode().lower(): v.decode() for k, v in message["headers"]}
        else:
            answer.body += message.get("body", b"")

    await app(scope, receive, send)  # type: ignore[operator]
    return answer


class HeldApp:
    """A stub application: each request signals that it started, then waits for
    ``release`` before answering 200."""

    def __init__(self) -> None:
        self.started = 0
        self.release = anyio.Event()
        self._changed = anyio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.started += 1
        self._changed.set()
        await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def wait_started(self, count: int) -> None:
        """Until ``count`` requests have reached the application."""
        while self.started < count:
            self._changed = anyio.Event()
            await self._changed.wait()
