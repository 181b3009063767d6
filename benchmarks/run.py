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
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
from linkage_bench import LINKAGE_HEADING, WorldResult, render_linkage, run_world
from processes import measure
from status_bench import STATUS_HEADING, Plan, render_status, run_status_bench

from tessera.identity import build_person_records
from tessera.identity.person_ids import person_id_sql


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


def count_drop_rows(drop: Path) -> int:
    rows = 0
    for path in drop.iterdir():
        if path.suffix in {".csv", ".jsonl"}:
            with path.open("rb") as handle:
                lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b""))
            rows += lines - (1 if path.suffix == ".csv" else 0)
    return rows


def run_size(tessera: str, work: Path, people: int, seed: int) -> tuple[list[Step], WorldResult]:
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
    linkage = run_world(drop, data, work, people)  # on a copy of the ingested workspace
    steps = [
        Step("generate", people, rows, gen_s, gen_rss),
        Step("ingest", people, read, ing_s, ing_rss),
        judge_step(tessera, drop, data, people),
        publish_step(tessera, data, people),
    ]
    return steps, linkage


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
        "--only",
        choices=("linkage", "status"),
        help="only the identity (linkage) or the status-query benchmark, on the worlds a "
        "previous run left in --work (drop-N, data-N); the other sections of --out are kept",
    )
    parser.add_argument("--rate", type=float, default=Plan.rate, help="status queries/s")
    parser.add_argument("--seconds", type=float, default=Plan.seconds, help="per status run")
    return parser.parse_args()


def sections(document: str) -> tuple[str, str, str]:
    """A results document cut into its pipeline table, identity and status sections."""
    rest, _, status = document.partition(STATUS_HEADING)
    head, _, linkage = rest.partition(LINKAGE_HEADING)
    return (
        head.rstrip("\n"),
        (LINKAGE_HEADING + linkage).rstrip("\n") if linkage else "",
        (STATUS_HEADING + status).rstrip("\n") if status else "",
    )


def main() -> None:
    args = _arguments()
    tessera = str(Path(sys.executable).with_name("tessera"))
    args.work.mkdir(parents=True, exist_ok=True)
    plan = Plan(rate=args.rate, seconds=args.seconds)
    kept = args.out.read_text(encoding="utf-8") if args.only and args.out.is_file() else ""
    head, linkage, status = sections(kept)
    if args.only is None:
        runs = [run_size(tessera, args.work, size, args.seed) for size in args.sizes]
        head = render([step for steps, _ in runs for step in steps])
        linkage = render_linkage([world for _, world in runs])
    elif args.only == "linkage":
        worlds: list[WorldResult] = []
        for n in args.sizes:  # written after each world: a million people take a while
            worlds.append(run_world(args.work / f"drop-{n}", args.work / f"data-{n}", args.work, n))
            linkage = render_linkage(worlds)
            write(args.out, head, linkage, status)
    if args.only in (None, "status"):
        rows = [
            row
            for size in args.sizes
            for row in run_status_bench(
                tessera, args.work / f"drop-{size}", args.work / f"data-{size}", size, plan
            )
        ]
        status = render_status(rows, plan)
    sys.stdout.write(write(args.out, head, linkage, status))


def write(out: Path, *parts: str) -> str:
    """Write the results document from its sections; return it."""
    document = "\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"
    out.write_text(document, encoding="utf-8")
    return document


if __name__ == "__main__":
    main()
