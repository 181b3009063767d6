"""The status-query benchmark (issue 5, item 8): police agencies' IAQs over a published
world, from a load generator in a second process on loopback.

    python benchmarks/status_bench.py --drop DROP_DIR --data-dir DATA_DIR [--rate 50]
        [--seconds 60] [--out benchmarks/results.md]

The data dir must hold a published world whose people were linked by the drop's answer
key (``benchmarks/run.py`` makes one: generate, ingest, link, assess, publish). Then:

1. a query set from the answer key (``queryset.py``: typos, swapped names, dropped second
   surnames, wrong dates of birth), each query mapped to the published person it should
   find; a query whose person is 1367-protected names them as ``hidden_person_id``
   instead: a partner officer may not be told about them, so they do not count for
   recall, and the answer must not name them at all;
2. the asking account: a partner officer (287(g), jurisdiction ``TX``) with an API key,
   as police systems call the desk. The desk shows the officer every candidate the
   query found except 1367-protected people (policy rule 6: asked about is
   need-to-know);
3. ``tessera serve`` in its own process, its per-key rate limit set far above the load
   (this measures the service, not the limit), with its default concurrency gate;
4. ``loadgen.py`` (a third process): short steps from the target rate up by half each
   time while every target holds (no error, no 429, server p99 <= 30 ms, client p99
   <= 100 ms): the highest such rate is the sustainable one; then a full run at the target
   rate and one at twice the sustainable rate (at least twice the target), where the
   server must shed with 429 and never time out or fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2 as httpx

from tessera.model.access import Role
from tessera.security import parse_purpose
from tessera.service.access import local_operator
from tessera.service.operational import operational_store
from tessera.service.people import subject_facts
from tessera.service.users import AccountRequest, PartnerRequest, add_account, issue_api_key
from tessera.settings import Settings
from tessera.store.operational import OperationalStore

BENCH_DIR = Path(__file__).resolve().parent
LoadRun = Callable[[float, float], dict[str, Any]]
"""Runs the load generator at a rate for some seconds; its summary."""

PARTNER = "bench-partner"
JURISDICTION = "TX"
PURPOSE = "status_query:BENCH-1 load benchmark"
KEY_ENV = "TESSERA_BENCH_API_KEY"

SERVER_P99_MS = 30.0
CLIENT_P99_MS = 100.0
RECALL_AT_10 = 0.98
"""The targets (issue 5, item 8)."""

RAMP_FACTOR = 1.5
RAMP_LIMIT = 8
"""Ramp steps go up by half each, at most this many times the target rate."""


@dataclass(frozen=True)
class Plan:
    """What to run: the target rate, how long, and the query set's size and seed."""

    rate: float = 50.0
    seconds: float = 60.0
    ramp_seconds: float = 20.0
    warmup: float = 5.0
    queries: int = 5000
    seed: int = 7
    port: int = 0
    """0: a free port."""
    workers: int = 2
    """Server processes (``tessera serve --workers``): one per core of the 2-core target."""


@dataclass(frozen=True)
class StatusRow:
    """One load run against one world: ``summary`` is ``LoadReport.summary()``."""

    people: int
    kind: str
    """``ramp``, ``target`` or ``overload`` (twice the sustainable rate, at least twice
    the target)."""
    summary: dict[str, Any]

    def meets_targets(self) -> bool:
        """Served within the targets: no error, nothing shed, p99s within bounds."""
        s = self.summary
        failed = s["server_errors"] + s["timeouts"] + s["connection_errors"] + s["too_many"]
        server, client = s["server_p99_ms"], s["client_p99_ms"]
        return (
            failed == 0
            and server is not None
            and client is not None
            and server <= SERVER_P99_MS
            and client <= CLIENT_P99_MS
        )


# --- the query set and the account ------------------------------------------------------


def hide_protected(
    queries: Sequence[dict[str, Any]], store: OperationalStore
) -> list[dict[str, Any]]:
    """Each query whose true person is 1367-protected, with that person as the one that
    must stay hidden (``hidden_person_id``) rather than the one to find."""
    marked = []
    for query in queries:
        expected = query.get("expected_person_id")
        facts = subject_facts(store, expected) if expected else None
        if facts is not None and facts.protected_1367:
            query = {**query, "expected_person_id": None, "hidden_person_id": expected}
        marked.append(query)
    return marked


def write_query_set(drop: Path, data: Path, plan: Plan) -> Path:
    """Build the noisy queries (``queryset.py build``), map them to the published people
    (``attach``), and mark the ones the asker may not be told about."""
    path = data / "status-queries.jsonl"
    script = str(BENCH_DIR / "queryset.py")
    count, seed = str(plan.queries), str(plan.seed)
    build = [sys.executable, script, "build", str(drop), "--out", str(path), "--count", count]
    subprocess.run([*build, "--seed", seed], check=True)
    subprocess.run(
        [sys.executable, script, "attach", str(path), "--data-dir", str(data)], check=True
    )
    with path.open(encoding="utf-8") as handle:
        queries = [json.loads(line) for line in handle if line.strip()]
    with operational_store(Settings(data_dir=data)) as store:
        marked = hide_protected(queries, store)
    path.write_text("".join(json.dumps(q) + "\n" for q in marked), encoding="utf-8")
    return path


def partner_key(data: Path) -> str:
    """A fresh API key of the benchmark's partner officer (the account made if missing),
    issued by the local administrator as ``tessera users`` would (audited)."""
    admin = local_operator(Role.admin)
    why = parse_purpose("administration:BENCH-1 status-query benchmark account")
    with operational_store(Settings(data_dir=data)) as store:
        if store.users.by_username(PARTNER) is None:
            until = dt.date.today() + dt.timedelta(days=365)
            partner = PartnerRequest("TX0000000", "Benchmark County SO", (JURISDICTION,), until)
            account = AccountRequest(
                PARTNER, "Benchmark Partner", Role.partner_officer, None, partner
            )
            add_account(store, admin, why, account)
        return issue_api_key(store, admin, why, PARTNER, "status benchmark").key


# --- the server and the load generator, each its own process ---------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_healthy(url: str, server: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"tessera serve exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"tessera serve did not answer {url}/health in {seconds:.0f} s")


def warm_page_cache(path: Path) -> None:
    """Read ``path`` once, so that the first queries do not pay for the disk: a server
    that has run a while holds its database in the page cache (1M people: about 4 GiB of
    SQLite, well within this machine's memory)."""
    with path.open("rb") as handle:
        while handle.read(1 << 24):
            pass


@contextmanager
def serving(tessera: str, data: Path, plan: Plan, port: int, rate_limit: str) -> Iterator[str]:
    """``tessera serve`` on loopback, its log in the data dir; stopped (SIGINT, as ^C)."""
    env = {**os.environ, "TESSERA_RATE_LIMIT_PER_KEY": rate_limit}
    url = f"http://127.0.0.1:{port}"
    command = [tessera, "serve", "--data-dir", str(data), "--port", str(port)]
    command += ["--workers", str(plan.workers)]
    with (data / "serve.log").open("ab") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(url, server)
            yield url
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def load(
    url: str, queries: Path, key: str, rate: float, seconds: float, warmup: float
) -> dict[str, Any]:
    """One ``loadgen.py`` run in its own process; its JSON summary."""
    command = [
        sys.executable,
        str(BENCH_DIR / "loadgen.py"),
        "--url", url,
        "--kind", "status",
        "--queries", str(queries),
        "--rate", f"{rate:g}",
        "--seconds", f"{seconds:g}",
        "--warmup", f"{warmup:g}",
        "--purpose", PURPOSE,
        "--json",
    ]  # fmt: skip
    env = {**os.environ, KEY_ENV: key}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


# --- the runs -------------------------------------------------------------------------


def ramp(run: LoadRun, people: int, plan: Plan) -> tuple[list[StatusRow], float]:
    """Short steps from the target rate, up by ``RAMP_FACTOR`` while every target holds
    (down from it, if the target rate itself misses): the rows, and the sustainable rate
    (the highest step that met every target; 0 if none did)."""
    rows: list[StatusRow] = []

    def holds(rate: float) -> bool:
        rows.append(StatusRow(people, "ramp", run(rate, plan.ramp_seconds)))
        return rows[-1].meets_targets()

    rate, top, bottom = plan.rate, plan.rate * RAMP_LIMIT, plan.rate / RAMP_LIMIT
    if holds(rate):
        sustainable = rate
        while rate * RAMP_FACTOR <= top and holds(round(rate * RAMP_FACTOR)):
            rate = sustainable = round(rate * RAMP_FACTOR)
        return rows, sustainable
    while rate / RAMP_FACTOR >= bottom:
        rate = round(rate / RAMP_FACTOR)
        if holds(rate):
            return rows, rate
    return rows, 0.0


def run_status_bench(
    tessera: str, drop: Path, data: Path, people: int, plan: Plan
) -> list[StatusRow]:
    """The query set, the account, the server; the ramp, the target run, the overload."""
    queries = write_query_set(drop, data, plan)
    key = partner_key(data)
    port = plan.port or free_port()
    limit = f"{int(plan.rate * RAMP_LIMIT * 4)}/second"
    warm_page_cache(data / "tessera.sqlite3")
    with serving(tessera, data, plan, port, limit) as url:

        def run(rate: float, seconds: float) -> dict[str, Any]:
            return load(url, queries, key, rate, seconds, plan.warmup)

        rows, sustainable = ramp(run, people, plan)
        rows.append(StatusRow(people, "target", run(plan.rate, plan.seconds)))
        # Twice the sustainable rate, and at least twice the target: a server whose p99
        # misses at the target must still shed, not fail, when asked for double.
        overload = 2 * max(sustainable, plan.rate)
        rows.append(StatusRow(people, "overload", run(overload, plan.seconds)))
    return rows


# --- the report -----------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def status_table_row(row: StatusRow) -> str:
    s = row.summary
    recall = "-" if s["recall_at_10"] is None else f"{s['recall_at_10']:.3f} ({s['judged']:,})"
    cells = [
        f"{row.people:,}",
        row.kind,
        f"{s['rate']:g}",
        f"{s['sent']:,}",
        f"{s['ok']:,}",
        f"{s['too_many']:,}",
        f"{s['other_4xx']:,}",
        f"{s['server_errors']:,}",
        f"{s['timeouts'] + s['connection_errors']:,}",
        _ms(s["client_p50_ms"]),
        _ms(s["client_p99_ms"]),
        _ms(s["server_p50_ms"]),
        _ms(s["server_p99_ms"]),
        recall,
        f"{s['leaks']:,}",
        _ms(s["lag_p99_ms"]),
    ]
    return "| " + " | ".join(cells) + " |"


STATUS_HEADING = "## Status queries (issue 5)"


def render_status(rows: Sequence[StatusRow], plan: Plan) -> str:
    """The results section: what was asked, by whom, and every run."""
    lines = [
        STATUS_HEADING,
        "",
        "`POST /status-queries` from a load generator in its own process on loopback "
        "(open loop: requests leave on schedule whatever the server does) to `tessera serve "
        f"--workers {plan.workers}` (SQLite store, read once beforehand so that it sits in the "
        "page cache as a running server's does; default concurrency gate per worker; the "
        "per-key rate limit set above the load). Asked as a **partner officer (287(g), "
        "jurisdiction TX) with an API key**, as "
        "police systems call the desk; each query names the person as an Nlets IAQ does "
        "(`FAMILY, GIVEN MIDDLE`, date of birth, sex, place of birth). Queries from the "
        f"answer key ({plan.queries:,}, seed {plan.seed}): 30% clean, the rest with a typo, "
        "swapped names, a dropped second surname or a wrong date of birth (a fifth of them "
        "two slips). Recall@10: the true person among the first ten candidates, over the "
        "judged answers (in brackets); a query whose person is 1367-protected is not judged, "
        "since the desk must hide them from a partner officer: *hidden shown* counts answers "
        "naming such a person anywhere (must be 0). Server latency from `Server-Timing` "
        "(time in the service, queueing for a slot included). Ramp steps of "
        f"{plan.ramp_seconds:g} s go up by half while every target holds (the last that "
        "held is the sustainable rate); the target and overload runs (twice the sustainable "
        f"rate, at least twice the target) last {plan.seconds:g} s each ({plan.warmup:g} s "
        "of warm-up not counted). Timeouts: no answer in 5 s, or a broken connection.",
        "",
        f"Targets: server p99 <= {SERVER_P99_MS:g} ms and client p99 <= {CLIENT_P99_MS:g} ms "
        f"at {plan.rate:g}/s with 0 errors, recall@10 >= {RECALL_AT_10}; at twice the "
        "sustainable rate, shedding with 429, no 5xx, no timeouts.",
        "",
        "| people | run | rate/s | requests | 2xx | 429 | other 4xx | 5xx | timeouts "
        "| client p50 ms | client p99 ms | server p50 ms | server p99 ms | recall@10 "
        "| hidden shown | send lag p99 ms |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [status_table_row(r) for r in rows]
    return "\n".join(lines) + "\n"


def replace_section(document: str, section: str) -> str:
    """``document`` with its status section (to the end) replaced by ``section``."""
    head = document.split(STATUS_HEADING, 1)[0].rstrip("\n")
    return (head + "\n\n" if head else "") + section


def people_in(data: Path) -> int:
    with operational_store(Settings(data_dir=data)) as store:
        current = store.published.current()
    if current is None:
        raise SystemExit(f"nothing published in {data}: run `tessera assess` (or run.py)")
    return int(current.counts.get("people", 0))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drop", type=Path, required=True, help="the drop (its answer key)")
    parser.add_argument("--data-dir", type=Path, required=True, help="a published world")
    parser.add_argument("--rate", type=float, default=Plan.rate)
    parser.add_argument("--seconds", type=float, default=Plan.seconds)
    parser.add_argument("--ramp-seconds", type=float, default=Plan.ramp_seconds)
    parser.add_argument("--queries", type=int, default=Plan.queries)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--workers", type=int, default=Plan.workers)
    parser.add_argument("--out", type=Path, help="replace the status section of this file")
    args = parser.parse_args(argv)
    plan = Plan(
        args.rate,
        args.seconds,
        args.ramp_seconds,
        queries=args.queries,
        port=args.port,
        workers=args.workers,
    )
    tessera = str(Path(sys.executable).with_name("tessera"))
    rows = run_status_bench(tessera, args.drop, args.data_dir, people_in(args.data_dir), plan)
    section = render_status(rows, plan)
    if args.out is not None:
        old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        args.out.write_text(replace_section(old, section), encoding="utf-8")
    sys.stdout.write(section)


if __name__ == "__main__":
    main()
