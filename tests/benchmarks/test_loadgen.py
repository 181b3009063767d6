"""The load generator: what it reads from answers, how it counts, and a short run against
a stub server on loopback that answers 200, 429 and 500 by the query."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn
from benchmarks.loadgen import (
    LoadReport,
    LoadSpec,
    Sample,
    people_search,
    percentile,
    person_ids,
    run_load,
    server_ms,
    status_query,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def test_person_ids_come_in_document_order_whatever_the_shape() -> None:
    assert person_ids([{"person_id": "P1"}, {"person_id": "P2"}]) == ["P1", "P2"]
    answer = {
        "answer": {"candidates": [{"person_id": "P3", "evidence": [{"person_id": "P9"}]}]},
        "person_id": "P3",
    }
    assert person_ids(answer) == ["P3", "P9"]
    many = {"candidates": [{"person_id": f"P{i}"} for i in range(20)]}
    assert person_ids(many) == [f"P{i}" for i in range(10)]
    assert person_ids({"detail": "nothing"}) == []


def test_the_server_time_is_read_from_server_timing() -> None:
    assert server_ms(httpx.Headers({"Server-Timing": "app;dur=12.50"})) == 12.5
    assert server_ms(httpx.Headers({"Server-Timing": "db;dur=3, app;dur=7"})) == 7.0
    assert server_ms(httpx.Headers({})) is None


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (
        50.0,
        99.0,
        100.0,
    )
    assert percentile([], 50) is None


def test_errors_are_5xx_time_outs_and_broken_connections_not_429s() -> None:
    samples = [
        Sample(0, client_ms=5, server_ms=2, status=200, hit=True),
        Sample(0, client_ms=1, status=429),
        Sample(0, client_ms=9, status=503),
        Sample(0, client_ms=5000, error="timeout"),
        Sample(0, client_ms=3, error="connection: ConnectError"),
        Sample(0, client_ms=7, server_ms=4, status=200, hit=False),
    ]
    report = LoadReport("t", 6, 1.0, samples)
    assert (report.errors, report.count(429, 430), report.recall) == (3, 1, 0.5)
    assert (report.client(50), report.server(99)) == (5, 4)  # over the 2xx answers only
    row = report.markdown_row().strip("| ").split(" | ")
    assert row[:8] == ["t", "6", "6", "4.0", "2", "1", "0", "3 (503 1, connection 1, timeout 1)"]


def test_queries_become_a_search_or_a_status_query() -> None:
    query = {
        "name": "ANA MARIA RUIZ",
        "given": "ANA",
        "middle": "MARIA",
        "family": "RUIZ",
        "dob": "1980-02-03",
        "sex": "F",
        "birth_country": "MEX",
        "expected_person_id": "P00000SQ",
    }
    search = people_search(query)
    assert (search.method, search.path, search.params) == (
        "GET",
        "/people",
        {"name": "ANA MARIA RUIZ", "dob": "1980-02-03"},
    )
    asked = status_query(query)
    assert (asked.method, asked.path, asked.expected_person_id) == (
        "POST",
        "/status-queries",
        "P00000SQ",
    )
    assert asked.body is not None
    assert (asked.body["name"], asked.body["dob"], asked.body["sex"]) == (
        "RUIZ, ANA MARIA",
        "1980-02-03",
        "F",
    )


async def stub_people(request: Request) -> JSONResponse:
    name = request.query_params["name"]
    assert request.headers["x-tessera-purpose"] == "lead:L-1 benchmark"
    if name == "BUSY":
        return JSONResponse({"detail": "at capacity"}, status_code=429)
    if name == "BROKEN":
        return JSONResponse({"detail": "boom"}, status_code=500)
    found = [{"person_id": "P-RIGHT"}] if name == "FOUND" else [{"person_id": "P-OTHER"}]
    return JSONResponse(found, headers={"Server-Timing": "app;dur=1.25"})


@pytest.fixture
def stub_url() -> Iterator[str]:
    """A stub of the people search, served by uvicorn on a free loopback port."""
    app = Starlette(routes=[Route("/people", stub_people)])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):  # up to 5 s for the socket
        if server.started:
            break
        time.sleep(0.01)
    assert server.started
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_a_short_run_counts_every_kind_of_answer(stub_url: str) -> None:
    queries: list[dict[str, Any]] = [
        {"name": "FOUND", "expected_person_id": "P-RIGHT"},
        {"name": "MISSED", "expected_person_id": "P-RIGHT"},
        {"name": "BUSY", "expected_person_id": "P-RIGHT"},
        {"name": "BROKEN"},
    ]
    spec = LoadSpec(stub_url, rate=40, seconds=0.2, api_keys=("k1",), purpose="lead:L-1 benchmark")
    report = run_load(spec, queries, people_search, label="stub")
    assert len(report.samples) == 8  # 40/s for 0.2 s, the queries twice over
    assert (report.count(200, 300), report.count(429, 430), report.errors) == (4, 2, 2)
    assert report.recall == 0.5  # FOUND found, MISSED not; 429s and 500s are not judged
    assert report.server(50) == 1.25


def test_a_hidden_person_is_never_judged_for_recall_and_counts_as_a_leak_if_named(
    stub_url: str,
) -> None:
    queries: list[dict[str, Any]] = [
        {"name": "FOUND", "hidden_person_id": "P-RIGHT"},  # the answer names them: a leak
        {"name": "MISSED", "hidden_person_id": "P-RIGHT"},  # kept out of sight, as it must
        {"name": "FOUND", "expected_person_id": "P-RIGHT"},
    ]
    spec = LoadSpec(stub_url, rate=30, seconds=0.1, api_keys=("k1",), purpose="lead:L-1 benchmark")
    report = run_load(spec, queries, people_search, label="stub")
    assert (report.judged, report.recall, report.leaks) == (1, 1.0, 1)
    summary = report.summary()
    assert (summary["sent"], summary["ok"], summary["leaks"], summary["timeouts"]) == (3, 3, 1, 0)
    assert summary["server_p99_ms"] == 1.25
