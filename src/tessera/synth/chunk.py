"""One chunk of the drop, start to finish, in whatever process runs it: build the
world, write its rows, evaluate its answer key, and leave it all in part files.

Top-level and picklable, so ``spawn`` and ``forkserver`` pools can run it.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tessera.synth.emit import emit_chunk
from tessera.synth.emit.columns import FEEDS
from tessera.synth.findings import evaluate
from tessera.synth.ids import Ids
from tessera.synth.noise import PROFILES
from tessera.synth.truth import finding_row, network_rows, person_row
from tessera.synth.world import build_chunk


@dataclass(frozen=True)
class Job:
    chunk: int
    size: int
    first: int
    seed: int
    as_of: dt.date
    noise: str
    parts: Path
    orders: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class Done:
    chunk: int
    people: int
    rows: dict[str, int]
    broken: int
    findings: dict[str, int]


def part_dir(parts: Path, chunk: int) -> Path:
    return parts / f"{chunk:06d}"


def run_chunk(job: Job) -> Done:
    world = build_chunk(job.chunk, job.size, job.first, job.seed, job.as_of)
    rng = random.Random(f"tessera-synth:{job.seed}:{job.chunk}:emit")
    w = emit_chunk(world, rng, PROFILES[job.noise], Ids(job.chunk), job.orders)
    expected = evaluate(world.people, world.reports, job.as_of)
    base = part_dir(job.parts, job.chunk)
    base.mkdir(parents=True, exist_ok=True)
    broken = 0
    for feed in FEEDS:
        (base / f"{feed}.rows").write_text(w.text[feed].getvalue(), encoding="utf-8")
        _write_csv(base / f"{feed}.meta", w.meta[feed])
        broken += sum(1 for _, _, kind in w.meta[feed] if kind)
    _write_csv(base / "people", (person_row(p) for p in world.people))
    _write_csv(base / "findings", (finding_row(e) for e in expected))
    _write_csv(base / "networks", network_rows(world.networks))
    return Done(
        job.chunk,
        job.size,
        {feed: len(w.meta[feed]) for feed in FEEDS},
        broken,
        dict(Counter(e.code for e in expected)),
    )


def _write_csv(path: Path, rows: object) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)  # type: ignore[arg-type]
