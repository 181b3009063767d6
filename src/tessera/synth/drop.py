"""Generate a whole drop: chunks of people made in parallel and written to part files,
then joined in chunk order, so the output is byte-identical whatever the number of
workers and memory stays bounded by a chunk."""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tessera.synth.chunk import Done, Job, part_dir, run_chunk
from tessera.synth.emit.columns import (
    COLUMNS,
    FEEDS,
    JSON_FEEDS,
    NOT_PERSONS,
    column_orders,
    file_name,
)
from tessera.synth.noise import PROFILES
from tessera.synth.truth import (
    BROKEN_COLUMNS,
    FINDING_COLUMNS,
    LINK_COLUMNS,
    NETWORK_COLUMNS,
    PEOPLE_COLUMNS,
)

CHUNK = 5000
DEFAULT_AS_OF = dt.date(2026, 6, 30)
"""Fixed, so that a drop is deterministic by seed."""


@dataclass(frozen=True)
class SynthSummary:
    out_dir: Path
    people: int
    seed: int
    as_of: dt.date
    rows_per_feed: Mapping[str, int]
    broken_rows: int
    expected_findings: Mapping[str, int]


def generate(
    out_dir: Path,
    *,
    people: int,
    seed: int,
    as_of: dt.date | None = None,
    noise: str = "standard",
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> SynthSummary:
    """Write a complete drop (manifest, 14 feeds, export log) and its answer key under
    ``out_dir/truth``. Same arguments, same bytes, whatever ``workers`` is."""
    if noise not in PROFILES:
        raise ValueError(f"unknown noise profile {noise!r} (known: {', '.join(PROFILES)})")
    if people < 1:
        raise ValueError("a world needs at least one person")
    as_of = as_of or DEFAULT_AS_OF
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = out_dir / ".parts"
    shutil.rmtree(parts, ignore_errors=True)
    orders = column_orders(seed)
    jobs = [
        Job(c, min(CHUNK, people - c * CHUNK), c * CHUNK + 1, seed, as_of, noise, parts, orders)
        for c in range((people + CHUNK - 1) // CHUNK)
    ]
    n_workers = max(1, min(workers or min(2, os.cpu_count() or 1), len(jobs)))
    done: list[Done] = []
    for result in _run(jobs, n_workers):
        done.append(result)
        if progress is not None:
            progress(sum(d.people for d in done))
    try:
        rows, broken = _assemble(out_dir, parts, len(jobs), orders)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    manifest = {
        "as_of": as_of.isoformat(),
        "feeds": {feed: file_name(feed) for feed in FEEDS},
        "seed": seed,
        "people": people,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    total = sum(rows.values())
    (out_dir / "export_log.txt").write_text(
        f"extract completed {as_of.isoformat()} 23:59; {total} rows\n", "utf-8"
    )
    findings: Counter[str] = Counter()
    for d in done:
        findings.update(d.findings)
    return SynthSummary(out_dir, people, seed, as_of, rows, broken, dict(findings))


def _run(jobs: list[Job], workers: int) -> Iterator[Done]:
    if workers == 1:
        yield from map(run_chunk, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(run_chunk, jobs, chunksize=1)


def _assemble(
    out_dir: Path, parts: Path, n_chunks: int, orders: dict[str, tuple[int, ...]]
) -> tuple[dict[str, int], int]:
    """Join the part files; number lines for broken_rows.csv as they land."""
    truth = out_dir / "truth"
    truth.mkdir(exist_ok=True)
    rows: dict[str, int] = {}
    broken = 0
    with (
        (truth / "links.csv").open("w", encoding="utf-8", newline="") as links_file,
        (truth / "broken_rows.csv").open("w", encoding="utf-8", newline="") as broken_file,
    ):
        links = csv.writer(links_file, lineterminator="\n")
        broken_rows = csv.writer(broken_file, lineterminator="\n")
        links.writerow(LINK_COLUMNS)
        broken_rows.writerow(BROKEN_COLUMNS)
        for feed in FEEDS:
            rows[feed] = _join_feed(out_dir / file_name(feed), parts, n_chunks, feed, orders)
            line = 0 if feed in JSON_FEEDS else 1
            for record_id, person, kind in _meta(parts, n_chunks, feed):
                line += 1
                if feed not in NOT_PERSONS:
                    links.writerow((feed, record_id, person))
                if kind:
                    broken += 1
                    broken_rows.writerow((feed, line, kind, record_id))
    _join(truth / "people.csv", PEOPLE_COLUMNS, parts, n_chunks, "people")
    _join(truth / "expected_findings.csv", FINDING_COLUMNS, parts, n_chunks, "findings")
    _join(truth / "networks.csv", NETWORK_COLUMNS, parts, n_chunks, "networks")
    return rows, broken


def _join_feed(
    target: Path, parts: Path, n_chunks: int, feed: str, orders: dict[str, tuple[int, ...]]
) -> int:
    header: tuple[str, ...] = ()
    if feed not in JSON_FEEDS:
        header = tuple(COLUMNS[feed][i] for i in orders[feed])
    return _join(target, header, parts, n_chunks, f"{feed}.rows")


def _join(target: Path, header: Iterable[str], parts: Path, n_chunks: int, name: str) -> int:
    """Concatenate one part file of every chunk under ``header``; return the line count."""
    lines = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        columns = list(header)
        if columns:
            csv.writer(out, lineterminator="\n").writerow(columns)
        for c in range(n_chunks):
            with (part_dir(parts, c) / name).open(encoding="utf-8", newline="") as part:
                while block := part.read(1 << 20):
                    lines += block.count("\n")
                    out.write(block)
    return lines


def _meta(parts: Path, n_chunks: int, feed: str) -> Iterator[list[str]]:
    for c in range(n_chunks):
        with (part_dir(parts, c) / f"{feed}.meta").open(encoding="utf-8", newline="") as handle:
            yield from csv.reader(handle)
