"""An open-loop load generator for Tessera's HTTP API, to run in its own process.

Requests leave at a fixed rate whatever the server does (open loop): a slow answer does
not hold back the next request, as it would with a fixed pool of clients, so overload
shows as latency, 429s and errors instead of hiding as a lower rate. Each request's
latency counts from the moment it was *due*, so a generator that falls behind charges
its lag to the latency rather than leaving it out.

    python benchmarks/loadgen.py --url http://127.0.0.1:8000 --rate 50 --seconds 30 \\
        --queries queries.jsonl --api-key KEY [--api-key KEY2 ...] [--kind people|status]

or, signed in as a user (the password read from an environment variable):

    TESSERA_BENCH_PASSWORD=... python benchmarks/loadgen.py ... --username demo-analyst

It prints one markdown table row (``--header`` for the header too). From Python:
``run_load(LoadSpec(...), queries, people_search)`` gives a ``LoadReport``.

Measured per request: client-side latency; server-side latency from the answer's
``Server-Timing: app;dur=<ms>``; the status (2xx, 429, other 4xx, 5xx) or the error
(time-out, connection); for a query with an ``expected_person_id``, whether that person
is among the first ten ``person_id`` values the answer names (recall@10); and how late
the generator itself sent (a large lag means the generator, not the server, was the
bottleneck: both share this machine's cores). A query about a person the asker may not be
told about (``hidden_person_id``: 1367-protected, hidden from partner officers) is not
judged for recall; instead the answer must not name them anywhere (``leaks``).

The server limits each caller (``TESSERA_RATE_LIMIT_PER_KEY``, ``..._PER_SESSION``): to
measure the service rather than the limits, start it with limits above the rate, or use
several keys. API keys belong to partner officers, who see only their jurisdiction's
people: search recall is measured signed in as an analyst (``--username``, with
``--purpose 'lead:...'``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx2 as httpx

PURPOSE_HEADER = "X-Tessera-Purpose"
TOP = 10
_TIMING = re.compile(r"(?:^|,)\s*app;dur=([0-9.]+)")


@dataclass(frozen=True)
class Request:
    """One HTTP request to send, and the person it should find (if known)."""

    method: str
    path: str
    params: dict[str, str] | None = None
    body: dict[str, Any] | None = None
    expected_person_id: str | None = None
    hidden_person_id: str | None = None
    """The true person when the asker may not be told about them (8 U.S.C. 1367 hides
    protected people from a partner officer): not counted for recall, and their id must
    appear nowhere in the answer."""


RequestBuilder = Callable[[dict[str, Any]], Request]
"""Turns one query (a JSON line of ``benchmarks/queryset.py``) into a request."""


def people_search(query: dict[str, Any]) -> Request:
    """``GET /people?name=&dob=``: the analysts' person search."""
    params = {"name": str(query["name"])}
    if query.get("dob"):
        params["dob"] = str(query["dob"])
    return Request(
        "GET",
        "/people",
        params=params,
        expected_person_id=_expected(query),
        hidden_person_id=_hidden(query),
    )


def status_query(query: dict[str, Any], ori: str = "TX000DEMO") -> Request:
    """``POST /status-queries``: a police agency's IAQ about the person, the name written
    ``FAMILY, GIVEN MIDDLE`` as an Nlets message carries it."""
    given = " ".join(part for part in (query["given"], query.get("middle")) if part)
    body = {
        "ori": ori,
        "purpose_code": "C",
        "attention": "BENCHMARK",
        "name": f"{query['family']}, {given}",
        "dob": query.get("dob") or None,
        "sex": query.get("sex") if query.get("sex") in ("M", "F", "X") else None,
        "place_of_birth": query.get("birth_country") or None,
        "in_custody": False,
        "offence_code": "0399",
    }
    return Request(
        "POST",
        "/status-queries",
        body=body,
        expected_person_id=_expected(query),
        hidden_person_id=_hidden(query),
    )


BUILDERS: dict[str, RequestBuilder] = {"people": people_search, "status": status_query}


def _expected(query: dict[str, Any]) -> str | None:
    value = query.get("expected_person_id")
    return str(value) if value else None


def _hidden(query: dict[str, Any]) -> str | None:
    value = query.get("hidden_person_id")
    return str(value) if value else None


@dataclass(frozen=True)
class LoadSpec:
    url: str
    rate: float
    """Requests per second, sent at fixed intervals."""
    seconds: float
    api_keys: tuple[str, ...] = ()
    """Partner keys, used in turn (one rate limit each); none: ``cookies`` instead."""
    cookies: dict[str, str] = field(default_factory=dict)
    purpose: str = "status_query:BENCH-1 load benchmark"
    timeout: float = 5.0
    """A request unanswered after this long counts as a time-out error."""
    warmup: float = 0.0
    """Seconds of load sent first and not counted: the server's first answers (pools
    opening, caches filling) say nothing about its steady state."""


@dataclass
class Sample:
    due: float
    lag: float = 0.0
    """How late the generator sent it (its own health, not the server's)."""
    client_ms: float | None = None
    server_ms: float | None = None
    status: int | None = None
    error: str | None = None
    hit: bool | None = None
    leak: bool | None = None
    """Whether a person hidden from the asker was named anywhere in the answer."""


# --- reading answers --------------------------------------------------------------------


def server_ms(headers: httpx.Headers) -> float | None:
    """The ``app`` duration of ``Server-Timing``, in milliseconds."""
    match = _TIMING.search(headers.get("server-timing", ""))
    return float(match.group(1)) if match else None


def person_ids(document: object, limit: int = TOP) -> list[str]:
    """The first ``limit`` distinct ``person_id`` values in a JSON answer, in document
    order: whatever its shape (a list of candidates, or an object holding one), the
    candidates come first and carry their id."""
    found: list[str] = []
    todo: list[object] = [document]
    while todo and len(found) < limit:
        item = todo.pop(0)
        if isinstance(item, dict):
            pid = item.get("person_id")
            if isinstance(pid, str) and pid not in found:
                found.append(pid)
            todo[0:0] = list(item.values())
        elif isinstance(item, list):
            todo[0:0] = item
    return found[:limit]


def _hit(response: httpx.Response, expected: str | None) -> bool | None:
    if expected is None or not response.is_success:
        return None
    try:
        return expected in person_ids(response.json())
    except ValueError:
        return False


# --- sending ------------------------------------------------------------------------------


def _headers(spec: LoadSpec, i: int) -> dict[str, str]:
    headers = {PURPOSE_HEADER: spec.purpose}
    if spec.api_keys:
        headers["Authorization"] = f"Bearer {spec.api_keys[i % len(spec.api_keys)]}"
    return headers


async def _send(
    client: httpx.AsyncClient, spec: LoadSpec, request: Request, sample: Sample, i: int
) -> None:
    sample.lag = time.perf_counter() - sample.due
    try:
        response = await client.request(
            request.method,
            request.path,
            params=request.params,
            json=request.body,
            headers=_headers(spec, i),
        )
    except httpx.TimeoutException:
        sample.error = "timeout"
        return
    except httpx.TransportError as exc:
        sample.error = f"connection: {type(exc).__name__}"
        return
    finally:
        sample.client_ms = (time.perf_counter() - sample.due) * 1000
    sample.status = response.status_code
    sample.server_ms = server_ms(response.headers)
    sample.hit = _hit(response, request.expected_person_id)
    if request.hidden_person_id is not None and response.is_success:
        sample.leak = request.hidden_person_id in response.text


async def _run(spec: LoadSpec, requests: Sequence[Request]) -> tuple[list[Sample], float]:
    total = max(1, round(spec.rate * spec.seconds))
    # Enough connections that the pool never queues a request the server could take.
    limits = httpx.Limits(max_connections=2048, max_keepalive_connections=256)
    async with httpx.AsyncClient(
        base_url=spec.url, timeout=spec.timeout, limits=limits, cookies=spec.cookies
    ) as client:
        start = time.perf_counter()
        samples, tasks = [], []
        for i in range(total):
            due = start + i / spec.rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            sample = Sample(due)
            samples.append(sample)
            request = requests[i % len(requests)]
            tasks.append(asyncio.create_task(_send(client, spec, request, sample, i)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return samples, elapsed


# --- the report ---------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..100) of ``values``; ``None`` if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class LoadReport:
    label: str
    rate: float
    seconds: float
    samples: list[Sample]

    def _ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status is not None and 200 <= s.status < 300]

    def count(self, low: int, high: int) -> int:
        return sum(1 for s in self.samples if s.status is not None and low <= s.status < high)

    @property
    def errors(self) -> int:
        """5xx answers, time-outs and connection errors: what must never happen."""
        return self.count(500, 600) + sum(1 for s in self.samples if s.error is not None)

    @property
    def achieved_rate(self) -> float:
        answered = sum(1 for s in self.samples if s.status is not None)
        return answered / self.seconds if self.seconds else 0.0

    def client(self, q: float) -> float | None:
        return percentile([s.client_ms for s in self._ok() if s.client_ms is not None], q)

    def server(self, q: float) -> float | None:
        return percentile([s.server_ms for s in self._ok() if s.server_ms is not None], q)

    @property
    def recall(self) -> float | None:
        judged = [s.hit for s in self.samples if s.hit is not None]
        return sum(judged) / len(judged) if judged else None

    def error_kinds(self) -> str:
        """The errors by kind, e.g. ``2 (timeout 1, 503 1)``; ``0`` when there are none."""
        kinds = Counter(
            s.error.split(":")[0] if s.error else str(s.status)
            for s in self.samples
            if s.error is not None or (s.status is not None and s.status >= 500)
        )
        if not kinds:
            return "0"
        return f"{self.errors} (" + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")"

    @property
    def judged(self) -> int:
        """Answers recall was judged on (2xx answers to a query with a findable person)."""
        return sum(1 for s in self.samples if s.hit is not None)

    @property
    def leaks(self) -> int:
        """Answers naming a person hidden from the asker: must be 0."""
        return sum(1 for s in self.samples if s.leak)

    def errors_of(self, kind: str) -> int:
        """Errors whose kind starts with ``kind`` (``timeout``, ``connection``)."""
        return sum(1 for s in self.samples if s.error is not None and s.error.startswith(kind))

    def summary(self) -> dict[str, Any]:
        """Everything measured, as JSON-ready numbers (``--json``)."""
        return {
            "label": self.label,
            "rate": self.rate,
            "seconds": round(self.seconds, 3),
            "sent": len(self.samples),
            "answered_per_s": round(self.achieved_rate, 2),
            "ok": self.count(200, 300),
            "too_many": self.count(429, 430),
            "other_4xx": self.count(400, 500) - self.count(429, 430),
            "server_errors": self.count(500, 600),
            "timeouts": self.errors_of("timeout"),
            "connection_errors": self.errors_of("connection"),
            "client_p50_ms": self.client(50),
            "client_p99_ms": self.client(99),
            "server_p50_ms": self.server(50),
            "server_p99_ms": self.server(99),
            "recall_at_10": self.recall,
            "judged": self.judged,
            "leaks": self.leaks,
            "lag_p99_ms": round(self.lag_p99_ms, 2),
        }

    @property
    def lag_p99_ms(self) -> float:
        """How late the generator itself sent (p99): past a few ms, it, not the server,
        was the bottleneck, and the client latencies say more about it than the server."""
        return (percentile([s.lag for s in self.samples], 99) or 0.0) * 1000

    def markdown_row(self) -> str:
        def ms(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f}"

        recall = "-" if self.recall is None else f"{self.recall:.3f}"
        cells = [
            self.label,
            f"{self.rate:g}",
            f"{len(self.samples):,}",
            f"{self.achieved_rate:.1f}",
            f"{self.count(200, 300):,}",
            f"{self.count(429, 430):,}",
            f"{self.count(400, 500) - self.count(429, 430):,}",
            self.error_kinds(),
            ms(self.client(50)),
            ms(self.client(99)),
            ms(self.server(50)),
            ms(self.server(99)),
            recall,
            ms(self.lag_p99_ms),
        ]
        return "| " + " | ".join(cells) + " |"


MARKDOWN_HEADER = (
    "| run | rate/s | sent | answered/s | 2xx | 429 | other 4xx | errors | client p50 ms "
    "| client p99 ms | server p50 ms | server p99 ms | recall@10 | send lag p99 ms |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def run_load(
    spec: LoadSpec, queries: Sequence[dict[str, Any]], build: RequestBuilder, label: str = ""
) -> LoadReport:
    """Send ``spec.rate`` requests a second for ``spec.seconds``, cycling through
    ``queries``; wait for every answer (or its time-out); report."""
    if not queries:
        raise ValueError("no queries to send")
    requests = [build(q) for q in queries]
    if spec.warmup > 0:
        asyncio.run(_run(replace(spec, seconds=spec.warmup), requests))
    samples, elapsed = asyncio.run(_run(spec, requests))
    return LoadReport(label or f"{spec.rate:g}/s", spec.rate, elapsed, samples)


def sign_in(url: str, username: str, password: str) -> dict[str, str]:
    """The session cookies of a signed-in user."""
    with httpx.Client(base_url=url) as client:
        answer = client.post("/auth/sign-in", json={"username": username, "password": password})
        answer.raise_for_status()
        return dict(answer.cookies)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--queries", type=Path, required=True, help="JSONL (queryset.py)")
    parser.add_argument("--kind", choices=sorted(BUILDERS), default="people")
    parser.add_argument("--api-key", action="append", default=[], help="repeatable")
    parser.add_argument(
        "--api-key-env",
        default="TESSERA_BENCH_API_KEY",
        help="environment variable holding a key, used when no --api-key is given (keeps "
        "it out of the process list)",
    )
    parser.add_argument("--username", help="sign in instead of API keys")
    parser.add_argument("--password-env", default="TESSERA_BENCH_PASSWORD")
    parser.add_argument("--purpose", default=LoadSpec.purpose)
    parser.add_argument("--timeout", type=float, default=LoadSpec.timeout)
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds not counted")
    parser.add_argument("--label", default="")
    parser.add_argument("--header", action="store_true", help="print the table header too")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = _arguments(argv)
    cookies: dict[str, str] = {}
    keys = list(args.api_key)
    if args.username:
        cookies = sign_in(args.url, args.username, os.environ[args.password_env])
    elif not keys and os.environ.get(args.api_key_env):
        keys = [os.environ[args.api_key_env]]
    elif not keys:
        raise SystemExit(f"give --api-key (repeatable), ${args.api_key_env} or --username")
    spec = LoadSpec(
        args.url,
        args.rate,
        args.seconds,
        tuple(keys),
        cookies,
        args.purpose,
        args.timeout,
        args.warmup,
    )
    report = run_load(spec, read_jsonl(args.queries), BUILDERS[args.kind], args.label)
    if args.json:
        sys.stdout.write(json.dumps(report.summary()) + "\n")
        return
    if args.header:
        sys.stdout.write(MARKDOWN_HEADER + "\n")
    sys.stdout.write(report.markdown_row() + "\n")


if __name__ == "__main__":
    main()
