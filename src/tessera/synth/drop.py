"""Generate a whole drop: chunks of people made in parallel, streamed to part files,
then joined in chunk order, so the output is the same whatever the number of workers."""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing
import random
import shutil
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tessera.synth.emit import COLUMNS, JSON_FEEDS, emit_chunk
from tessera.synth.findings import evaluate
from tessera.synth.noise import PROFILES
from tessera.synth.people import Ids, Person
from tessera.synth.world import build_chunk

CHUNK = 5000
FEEDS = (
    "arrivals",
    "students",
    "registrations",
    "benefits",
    "court",
    "removals",
    "custody",
    "criminal_history",
    "wanted",
    "employment",
    "lost_stolen",
    "transfers",
    "calls",
    "watchlist",
)
NOT_PERSONS = ("lost_stolen", "transfers", "calls")
SHUFFLED = ("arrivals", "custody", "calls", "transfers")
PEOPLE_COLUMNS = [
    "person_id",
    "category",
    "citizenship",
    "status_class",
    "given_name",
    "middle_name",
    "family_name",
    "later_given_name",
    "later_family_name",
    "name_change_date",
    "dob",
    "sex",
    "birth_country",
    "nationalities",
    "protected",
    "protection_basis",
    "smuggling_org",
    "smuggling_role",
    "trafficking_victim",
    "identity_theft_victim",
    "human_rights_listed",
    "sex_offender",
    "a_numbers",
    "fin",
    "fbi_number",
    "ssn",
    "passports",
    "phones",
    "flags",
]
DEFAULT_AS_OF = dt.date(2026, 6, 30)


@dataclass(frozen=True)
class SynthSummary:
    out_dir: Path
    people: int
    seed: int
    as_of: dt.date
    rows_per_feed: Mapping[str, int]
    broken_rows: int
    expected_findings: Mapping[str, int]


@dataclass(frozen=True)
class _Job:
    chunk: int
    size: int
    first: int
    seed: int
    as_of: dt.date
    noise: str
    parts: Path
    orders: dict[str, list[int]]


def _person_row(p: Person) -> list[str]:
    return [
        p.pid,
        p.category,
        p.citizenship,
        p.status_class,
        p.given,
        p.middle,
        p.family,
        p.later_given,
        p.later_family,
        p.name_change.isoformat() if p.name_change else "",
        p.dob.isoformat(),
        p.sex,
        p.birth_country,
        ";".join(p.nationalities),
        "1" if p.protection else "0",
        p.protection,
        p.smuggling_org,
        p.smuggling_role,
        str(int(p.trafficking_victim)),
        str(int(p.identity_theft_victim)),
        str(int(p.human_rights)),
        str(int(p.sex_offender)),
        p.a_number,
        p.fin,
        p.fbi,
        p.ssn,
        ";".join(f"{c}:{n}" for c, n in p.passports),
        ";".join(dict.fromkeys(p.phones)),
        ";".join(sorted(p.flags)),
    ]


def _run_chunk(job: _Job) -> dict[str, int]:
    """Make one chunk and write its part files; return its line count per feed."""
    chunk = build_chunk(job.chunk, job.size, job.first, job.seed, job.as_of)
    rng = random.Random(f"{job.seed}:{job.chunk}:emit")
    emitted = emit_chunk(chunk, rng, PROFILES[job.noise], _offset_ids(job.chunk), job.orders)
    expected = evaluate(chunk.people, chunk.documents, job.as_of)
    base = job.parts / f"{job.chunk:05d}"
    base.mkdir(parents=True, exist_ok=True)
    counts = {}
    for feed in FEEDS:
        lines = emitted.lines.get(feed, [])
        counts[feed] = len(lines)
        (base / feed).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        with (base / f"{feed}.meta").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(emitted.meta.get(feed, []))
    with (base / "people").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(_person_row(p) for p in chunk.people)
    with (base / "findings").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            (e.person, e.code, ";".join(e.evidence)) for e in expected
        )
    with (base / "networks").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            (n.org_id, kind, member, role)
            for n in chunk.networks
            for kind, member, role in n.members
        )
    return counts


def _offset_ids(chunk: int) -> Ids:
    # Record ids minted while writing use a separate id space from those minted while
    # building (court, students), so the two never collide.
    ids = Ids(chunk)
    ids.counters = {"court": 50_000, "students": 500_000, "lost_stolen": 5_000}
    return ids


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
    if noise not in PROFILES:
        raise ValueError(f"unknown noise profile {noise!r} (known: {', '.join(PROFILES)})")
    as_of = as_of or DEFAULT_AS_OF
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = out_dir / ".parts"
    shutil.rmtree(parts, ignore_errors=True)
    orders = _column_orders(seed)
    jobs = [
        _Job(c, min(CHUNK, people - c * CHUNK), c * CHUNK + 1, seed, as_of, noise, parts, orders)
        for c in range((people + CHUNK - 1) // CHUNK)
    ]
    counts: list[dict[str, int]] = []
    n_workers = max(1, min(workers or 2, len(jobs)))
    if n_workers == 1:
        for job in jobs:
            counts.append(_run_chunk(job))
            if progress:
                progress(job.first - 1 + job.size)
    else:
        with multiprocessing.get_context("spawn").Pool(n_workers) as pool:
            for job, result in zip(jobs, pool.imap(_run_chunk, jobs), strict=True):
                counts.append(result)
                if progress:
                    progress(job.first - 1 + job.size)
    summary = _assemble(out_dir, parts, len(jobs), counts, orders, people, seed, as_of)
    shutil.rmtree(parts, ignore_errors=True)
    return summary


def _column_orders(seed: int) -> dict[str, list[int]]:
    rng = random.Random(f"{seed}:columns")
    orders = {}
    for feed in SHUFFLED:
        rest = list(range(1, len(COLUMNS[feed])))
        rng.shuffle(rest)
        orders[feed] = [0, *rest]
    return orders


def _file_name(feed: str) -> str:
    return f"{feed}.jsonl" if feed in JSON_FEEDS else f"{feed}.csv"


def _assemble(
    out_dir: Path,
    parts: Path,
    n_chunks: int,
    counts: list[dict[str, int]],
    orders: dict[str, list[int]],
    people: int,
    seed: int,
    as_of: dt.date,
) -> SynthSummary:
    truth = out_dir / "truth"
    truth.mkdir(exist_ok=True)
    rows: dict[str, int] = {}
    broken = 0
    with (
        (truth / "links.csv").open("w", encoding="utf-8", newline="") as links_file,
        (truth / "broken_rows.csv").open("w", encoding="utf-8", newline="") as broken_file,
    ):
        links, broken_rows = (
            csv.writer(links_file, lineterminator="\n"),
            csv.writer(broken_file, lineterminator="\n"),
        )
        links.writerow(["feed", "record_id", "person_id"])
        broken_rows.writerow(["feed", "line", "kind", "record_id"])
        for feed in FEEDS:
            line = _write_feed(out_dir, parts, n_chunks, feed, orders)
            rows[feed] = line
            line = 1 if feed not in JSON_FEEDS else 0
            for c in range(n_chunks):
                with (parts / f"{c:05d}" / f"{feed}.meta").open(encoding="utf-8") as handle:
                    for record_id, person, kind in csv.reader(handle):
                        line += 1
                        if feed not in NOT_PERSONS:
                            links.writerow([feed, record_id, person])
                        if kind:
                            broken += 1
                            broken_rows.writerow([feed, line, kind, record_id])
    _concat(truth / "people.csv", PEOPLE_COLUMNS, parts, n_chunks, "people")
    expected = _concat(
        truth / "expected_findings.csv",
        ["person_id", "code", "evidence"],
        parts,
        n_chunks,
        "findings",
        count_column=1,
    )
    _concat(
        truth / "networks.csv",
        ["org_id", "member_kind", "member_id", "role"],
        parts,
        n_chunks,
        "networks",
    )
    manifest = {
        "as_of": as_of.isoformat(),
        "feeds": {f: _file_name(f) for f in FEEDS},
        "seed": seed,
        "people": people,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    total = sum(rows.values())
    (out_dir / "export_log.txt").write_text(
        f"extract completed {as_of.isoformat()} 23:59; {total} rows\n", encoding="utf-8"
    )
    return SynthSummary(out_dir, people, seed, as_of, rows, broken, expected)


def _write_feed(
    out_dir: Path, parts: Path, n_chunks: int, feed: str, orders: dict[str, list[int]]
) -> int:
    rows = 0
    with (out_dir / _file_name(feed)).open("w", encoding="utf-8", newline="") as out:
        if feed not in JSON_FEEDS:
            header = COLUMNS[feed]
            order = orders.get(feed, list(range(len(header))))
            out.write(",".join(header[i] for i in order) + "\n")
        for c in range(n_chunks):
            with (parts / f"{c:05d}" / feed).open(encoding="utf-8") as part:
                for block in iter(lambda: part.read(1 << 20), ""):
                    rows += block.count("\n")
                    out.write(block)
    return rows


def _concat(
    target: Path,
    header: list[str],
    parts: Path,
    n_chunks: int,
    name: str,
    count_column: int | None = None,
) -> Counter[str]:
    counter: Counter[str] = Counter()
    with target.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for c in range(n_chunks):
            text = (parts / f"{c:05d}" / name).read_text(encoding="utf-8")
            out.write(text)
            if count_column is not None:
                counter.update(row[count_column] for row in csv.reader(text.splitlines()))
    return counter
