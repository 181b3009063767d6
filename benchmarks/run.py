"""`make bench`: at 100,000 and 1,000,000 people, generate, ingest, status + rules,
publish, then the status-query benchmark over the published world (``status_bench.py``).

Each step runs as its own `tessera` process; a sampler thread sums the resident memory of
that process and all its descendants (the generator's workers included) every 50 ms from
/proc, so "peak RSS" is what the whole step held at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
from status_bench import Plan, render_status, replace_section, run_status_bench

from tessera.identity import build_person_records
from tessera.identity.person_ids import person_id_sql

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Step:
    name: str
    people: int
    rows: int
    seconds: float
    peak_rss: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def _tree_rss(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(_children(pid))
    return total


def measure(cmd: list[str]) -> tuple[float, int]:
    """Run ``cmd``; return (wall seconds, peak RSS of its process tree in bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}")
    return seconds, peak


def count_drop_rows(drop: Path) -> int:
    rows = 0
    for path in drop.iterdir():
        if path.suffix in {".csv", ".jsonl"}:
            with path.open("rb") as handle:
                lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b""))
            rows += lines - (1 if path.suffix == ".csv" else 0)
    return rows


def run_size(tessera: str, work: Path, people: int, seed: int) -> list[Step]:
    drop, data = work / f"drop-{people}", work / f"data-{people}"
    shutil.rmtree(drop, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    gen_s, gen_rss = measure(
        [tessera, "generate", str(drop), "--people", str(people), "--seed", str(seed)]
    )
    rows = count_drop_rows(drop)
    ing_s, ing_rss = measure([tessera, "ingest", str(drop), "--data-dir", str(data)])
    con = duckdb.connect(str(data / "workspace.duckdb"), read_only=True)
    stored = con.execute("SELECT sum(rows_read) FROM feed_loads").fetchone()
    con.close()
    read = int(stored[0]) if stored and stored[0] is not None else rows
    return [
        Step("generate", people, rows, gen_s, gen_rss),
        Step("ingest", people, read, ing_s, ing_rss),
        judge_step(tessera, drop, data, people),
        publish_step(tessera, data, people),
    ]


def link_by_answer_key(drop: Path, data: Path) -> int:
    """Link the workspace's records into people as the answer key links them
    (``truth/links.csv``), so that the later steps are timed without identity resolution
    (measured on its own). Each true person gets a proper person id (``P`` + six base-32
    digits + check character, numbered in the key's order): the service refuses any
    other shape. Returns the number of people linked."""
    con = duckdb.connect(str(data / "workspace.duckdb"))
    try:
        build_person_records(con)
        links = (drop / "truth" / "links.csv").as_posix()
        con.execute(
            "CREATE OR REPLACE TEMP TABLE truth_links AS SELECT feed, record_id, person_id "
            f"FROM read_csv('{links}', all_varchar = true) JOIN person_records "
            "USING (feed, record_id)"
        )
        con.execute(
            "CREATE OR REPLACE TABLE record_entities AS "
            f"SELECT feed, record_id, {person_id_sql('n')} AS entity_id FROM truth_links "
            "JOIN (SELECT person_id, dense_rank() OVER (ORDER BY person_id) AS n "
            "FROM (SELECT DISTINCT person_id FROM truth_links)) USING (person_id)"
        )
        row = con.execute("SELECT count(DISTINCT entity_id) FROM record_entities").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def judge_step(tessera: str, drop: Path, data: Path, people: int) -> Step:
    """Status timelines and rules over every person (``tessera assess --no-publish``).

    Identity is measured on its own: here the people are linked as the answer key links
    them, so the step times the status and rules stages alone; publishing is the next
    step (``publish_step``).
    """
    linked = link_by_answer_key(drop, data)
    seconds, rss = measure([tessera, "assess", "--no-publish", "--data-dir", str(data)])
    return Step("status + rules", people, linked or people, seconds, rss)


def publish_step(tessera: str, data: Path, people: int) -> Step:
    """Publishing the judged workspace into the operational store (``tessera publish``):
    people, statements, timelines, findings, search keys; then the leads synchronised.
    Its rows column counts the people published."""
    seconds, rss = measure([tessera, "publish", "--data-dir", str(data)])
    return Step("publish", people, published_people(data), seconds, rss)


def published_people(data: Path) -> int:
    """People in the current publication of the data dir's SQLite store."""
    with sqlite3.connect(data / "tessera.sqlite3") as con:
        row = con.execute("SELECT people FROM publications WHERE state = 'current'").fetchone()
    return int(row[0]) if row else 0


def render(steps: list[Step]) -> str:
    gib = 1024**3
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}). Written by `make bench` (benchmarks/run.py).",
        "",
        "Goals (issue 2): generate 1,000,000 people in <= 10 min and <= 4 GiB; ingest "
        ">= 200,000 rows/s, peak RSS <= 4 GiB at 1M people. Issue 4: status + rules over "
        "1,000,000 people in <= 2 min (its rows column counts people; publishing into the "
        "operational store is timed as its own step, rows = people published).",
        "",
        "| step | people | rows | seconds | rows/s | peak RSS (GiB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in steps:
        lines.append(
            f"| {s.name} | {s.people:,} | {s.rows:,} | {s.seconds:.1f} | "
            f"{s.rows_per_second:,.0f} | {s.peak_rss / gib:.2f} |"
        )
    return "\n".join(lines) + "\n"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results.md"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path("var/bench"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--status-only",
        action="store_true",
        help="only the status-query benchmark, on the worlds a previous run left in --work "
        "(drop-N, data-N); the other table of --out is kept",
    )
    parser.add_argument("--rate", type=float, default=Plan.rate, help="status queries/s")
    parser.add_argument("--seconds", type=float, default=Plan.seconds, help="per status run")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    tessera = str(Path(sys.executable).with_name("tessera"))
    args.work.mkdir(parents=True, exist_ok=True)
    plan = Plan(rate=args.rate, seconds=args.seconds)
    steps = []
    if not args.status_only:
        steps = [s for size in args.sizes for s in run_size(tessera, args.work, size, args.seed)]
    rows = [
        row
        for size in args.sizes
        for row in run_status_bench(
            tessera, args.work / f"drop-{size}", args.work / f"data-{size}", size, plan
        )
    ]
    kept = args.out.read_text(encoding="utf-8") if args.status_only and args.out.is_file() else ""
    document = replace_section(kept or render(steps), render_status(rows, plan))
    args.out.write_text(document, encoding="utf-8")
    sys.stdout.write(document)


if __name__ == "__main__":
    main()
