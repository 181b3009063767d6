"""The concurrency gate: a few requests served at once, a few more wait their turn, the
rest are shed at once with 429 and Retry-After; ``/health`` is never held back. And every
answer says how long it spent in the server (``Server-Timing``)."""

from __future__ import annotations

import json
import re

import anyio
import pytest

from tessera.api.shedding import ConcurrencyGate
from tessera.api.timing import ServerTimingMiddleware
from tests.api.asgi_calls import Answer, HeldApp, call, http_scope

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # uvicorn's loop


def gate(app: HeldApp, in_flight: int, queued: int, wait: float = 3600.0) -> ConcurrencyGate:
    # An hour's queue wait: a test that passes never waits for it, the release comes first.
    return ConcurrencyGate(app, max_in_flight=in_flight, max_queued=queued, queue_wait=wait)


def assert_shed(answer: Answer) -> None:
    assert answer.status == 429
    assert answer.headers["retry-after"] == "1"
    assert json.loads(answer.body) == {"detail": "the server is at capacity; retry after 1 s"}


async def test_past_the_slots_and_the_queue_a_request_is_shed_at_once() -> None:
    held = HeldApp()
    gated = gate(held, in_flight=2, queued=0)
    answers: list[Answer] = []
    async with anyio.create_task_group() as tasks:

        async def one() -> None:
            answers.append(await call(gated, http_scope("/me")))

        tasks.start_soon(one)
        tasks.start_soon(one)
        await held.wait_started(2)
        assert_shed(await call(gated, http_scope("/me")))  # answered while both are held
        held.release.set()
    assert [a.status for a in answers] == [200, 200]


async def test_a_queued_request_is_served_when_a_slot_frees() -> None:
    held = HeldApp()
    gated = gate(held, in_flight=1, queued=1)
    answers: list[Answer] = []
    async with anyio.create_task_group() as tasks:

        async def one() -> None:
            answers.append(await call(gated, http_scope("/me")))

        tasks.start_soon(one)
        await held.wait_started(1)
        tasks.start_soon(one)  # waits in the queue
        await anyio.wait_all_tasks_blocked()
        assert held.started == 1
        assert_shed(await call(gated, http_scope("/me")))  # the queue is full
        held.release.set()
    assert held.started == 2
    assert [a.status for a in answers] == [200, 200]


async def test_a_request_that_waits_past_its_time_is_shed() -> None:
    held = HeldApp()
    gated = gate(held, in_flight=1, queued=4, wait=0.0)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call, gated, http_scope("/me"))
        await held.wait_started(1)
        assert_shed(await call(gated, http_scope("/me")))
        held.release.set()


async def test_health_passes_a_full_gate() -> None:
    held = HeldApp()
    gated = gate(held, in_flight=1, queued=0)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call, gated, http_scope("/me"))
        await held.wait_started(1)
        tasks.start_soon(call, gated, http_scope("/health"))
        await held.wait_started(2)  # reached the application: not shed
        held.release.set()


async def test_every_answer_says_its_time_in_the_server_shed_ones_too() -> None:
    held = HeldApp()
    timed = ServerTimingMiddleware(gate(held, in_flight=1, queued=0))
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call, timed, http_scope("/me"))
        await held.wait_started(1)
        shed = await call(timed, http_scope("/me"))
        held.release.set()
    assert shed.status == 429
    assert re.fullmatch(r"app;dur=\d+\.\d\d", shed.headers["server-timing"])
