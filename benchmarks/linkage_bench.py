"""Identity resolution benchmark (issue 3): Tessera against a plain Splink baseline, side
by side on the same generated drop, in one run.

For each world: the ingested workspace is copied, person records are built once (the
input both sides share), then each linker runs as its own process (``--child``) so that
its wall time and peak RSS are its own:

- **tessera**: ``identity.resolve`` (normalised linkage input, Splink scoring with
  Tessera's comparisons and blocking, constrained clustering, stable person ids);
- **baseline**: ``linkage_baseline.run_baseline`` (Splink's comparison library on name,
  date of birth and sex, the tutorials' blocking, connected components).

Then both are scored against the drop's answer key (``identity.quality``): pairwise and
B-cubed precision/recall/F1, people split and entities mixed, split and merge rates for
the hard kinds of people the issue names, and what Tessera's blocking rules cost
(candidate pairs per record) and find (true pairs among them).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from linkage_baseline import BASELINE_TABLE, run_baseline
from processes import measure

from tessera.identity import ENTITIES_TABLE, build_person_records, model, resolve
from tessera.identity.blocking import BLOCKED_TABLE, build_blocked_pairs
from tessera.identity.quality import (
    BlockingQuality,
    ClusterScores,
    KindRates,
    blocking_quality,
    kind_rates,
    score_clusters,
)
from tessera.settings import Settings

LINKAGE_HEADING = "## Identity resolution (issue 3)"

# The hard cases of issue 3, as the answer key marks them (``people.csv`` flags), plus
# two read off the records: people known under a later name, people with a record that
# carries no date of birth.
FLAG_KINDS = {
    "impostor": "impostor on a stolen passport",
    "passport_stolen": "owner of a stolen passport",
    "identity_thief": "identity thief (borrowed SSN)",
    "identity_theft_victim": "owner of a borrowed SSN",
    "namesake": "namesake (same name and DOB)",
}
ALIAS_KIND = "known under a later name"
NO_DOB_KIND = "a record without DOB"
ALL_KIND = "every person"


@dataclass(frozen=True)
class LinkerRun:
    linker: str
    seconds: float
    peak_rss: int
    scores: ClusterScores
    kinds: list[KindRates]


@dataclass(frozen=True)
class WorldResult:
    people: int
    runs: list[LinkerRun]
    blocking: BlockingQuality


def prepare(data: Path, work: Path) -> Path:
    """A copy of the ingested workspace with person records built (shared input)."""
    target = work / f"{data.name}-linkage"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(data / "workspace.duckdb", target / "workspace.duckdb")
    con = duckdb.connect(str(target / "workspace.duckdb"))
    try:
        build_person_records(con)
    finally:
        con.close()
    return target


def child(linker: str, workspace: Path) -> None:
    """The timed part, in its own process, with the pipeline's memory limit."""
    con = duckdb.connect(str(workspace), config={"memory_limit": Settings().duckdb_memory_limit})
    try:
        if linker == "tessera":
            resolve(con)
        else:
            run_baseline(con)
    finally:
        con.close()


def _load_truth(con: duckdb.DuckDBPyConnection, drop: Path) -> None:
    truth = drop / "truth"
    con.execute(
        "CREATE OR REPLACE TABLE bench_truth AS SELECT feed, record_id, person_id "
        f"FROM read_csv('{(truth / 'links.csv').as_posix()}', all_varchar = true) "
        "JOIN person_records USING (feed, record_id)"
    )
    kinds: list[tuple[str, str]] = []
    with (truth / "people.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            flags = set(row["flags"].split(";"))
            kinds += [(row["person_id"], label) for f, label in FLAG_KINDS.items() if f in flags]
            if row["later_family_name"] or row["later_given_name"]:
                kinds.append((row["person_id"], ALIAS_KIND))
    con.execute("CREATE OR REPLACE TABLE bench_kinds (person_id VARCHAR, kind VARCHAR)")
    con.executemany("INSERT INTO bench_kinds VALUES (?, ?)", kinds)
    con.execute(
        "INSERT INTO bench_kinds SELECT DISTINCT t.person_id, ? FROM bench_truth t "
        "JOIN person_records p USING (feed, record_id) WHERE p.dob_year IS NULL",
        [NO_DOB_KIND],
    )
    con.execute("INSERT INTO bench_kinds SELECT DISTINCT person_id, ? FROM bench_truth", [ALL_KIND])


def _blocking(con: duckdb.DuckDBPyConnection) -> BlockingQuality:
    """Tessera's blocking rules (``identity.blocking``) on its own linkage input (left by
    the tessera run)."""
    build_blocked_pairs(con)
    con.execute(
        "CREATE OR REPLACE TEMP VIEW blocked AS SELECT join_key_l AS unique_id_l, "
        f"join_key_r AS unique_id_r FROM {BLOCKED_TABLE}"
    )
    return blocking_quality(con, "blocked", "bench_truth")


def score_world(
    people: int, drop: Path, workspace: Path, timings: dict[str, tuple[float, int]]
) -> WorldResult:
    con = duckdb.connect(str(workspace))
    try:
        _load_truth(con, drop)
        runs = []
        for linker, table in (("tessera", ENTITIES_TABLE), ("baseline", BASELINE_TABLE)):
            seconds, rss = timings[linker]
            scores = score_clusters(con, table, "bench_truth")
            runs.append(
                LinkerRun(
                    linker,
                    seconds,
                    rss,
                    scores,
                    kind_rates(con, table, "bench_truth", "bench_kinds"),
                )
            )
        return WorldResult(people, runs, _blocking(con))
    finally:
        con.close()


def run_world(drop: Path, data: Path, work: Path, people: int) -> WorldResult:
    """Prepare, run both linkers (each timed in its own process), score."""
    workspace = prepare(data, work) / "workspace.duckdb"
    script = str(Path(__file__).resolve())
    timings = {
        linker: measure([sys.executable, script, "--child", linker, str(workspace)])
        for linker in ("tessera", "baseline")
    }
    return score_world(people, drop, workspace, timings)


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def render_linkage(results: Sequence[WorldResult]) -> str:
    gib = 1024**3
    lines = [
        LINKAGE_HEADING,
        "",
        "Each linker in its own process on a copy of the ingested workspace, person records "
        "built beforehand (the input both share). **tessera**: `identity.resolve` "
        "(normalised names, Tessera's comparisons and blocking, EM capped at "
        f"{model.EM_MAX_PAIRS:,} pairs, constrained clustering, stable ids). **baseline**: "
        "plain Splink (`benchmarks/linkage_baseline.py`: its comparison library on first "
        "name, surname, date of birth and sex, the tutorials' blocking, same u/EM caps, "
        "connected components). Scored against the drop's answer key.",
        "",
        "Goals: Tessera's F1 above the baseline's at no more than 1.5x its time; 1M people "
        "in <= 15 min and <= 8 GiB; blocking that finds >= 99.5% of true pairs at <= 50 "
        "candidate pairs per record.",
        "",
        "| people | linker | records | seconds | time vs baseline | peak RSS (GiB) | "
        "pairwise P | pairwise R | pairwise F1 | B-cubed F1 | people split | entities mixed |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for world in results:
        base = next(r for r in world.runs if r.linker == "baseline")
        for r in world.runs:
            s = r.scores
            lines.append(
                f"| {world.people:,} | {r.linker} | {s.records:,} | {r.seconds:.1f} | "
                f"{r.seconds / base.seconds:.2f}x | {r.peak_rss / gib:.2f} | "
                f"{s.pairwise_precision:.4f} | {s.pairwise_recall:.4f} | {s.pairwise_f1:.4f} | "
                f"{s.bcubed_f1:.4f} | {_pct(s.split_people)} | {_pct(s.mixed_entities)} |"
            )
    lines += [
        "",
        "Tessera's blocking rules (`identity.blocking`), on its linkage input:",
        "",
        "| people | records | candidate pairs | per record | true pairs | found | recall |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for world in results:
        b = world.blocking
        lines.append(
            f"| {world.people:,} | {b.records:,} | {b.comparisons:,} | "
            f"{b.comparisons_per_record:.2f} | {b.true_pairs:,} | {b.true_pairs_found:,} | "
            f"{_pct(b.pair_recall)} |"
        )
    lines += [
        "",
        "The hard cases: of the true people of each kind, the share split over several "
        "entities and the share merged with another person (tessera / baseline).",
        "",
        "| people | kind | count | split (tessera) | merged (tessera) | split (baseline) | "
        "merged (baseline) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for world in results:
        ours = {k.kind: k for k in world.runs[0].kinds}
        theirs = {k.kind: k for k in world.runs[1].kinds}
        for kind, k in ours.items():
            t = theirs.get(kind)
            lines.append(
                f"| {world.people:,} | {kind} | {k.people:,} | {_pct(k.split)} | "
                f"{_pct(k.merged)} | {_pct(t.split) if t else '-'} | "
                f"{_pct(t.merged) if t else '-'} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", choices=("tessera", "baseline"))
    parser.add_argument("workspace", type=Path, nargs="?")
    args = parser.parse_args(argv)
    if args.child and args.workspace:
        child(args.child, args.workspace)
        return
    parser.error("run by benchmarks/run.py; alone only as --child LINKER WORKSPACE")


if __name__ == "__main__":
    main()
