"""Scoring a findings.csv against a drop's answer key, per judged code.

Each entity stands for the true person most of its records belong to; a finding then
counts as (person, code). A wrongful finding is any finding but SHARED_IDENTIFIER on a
citizen or protected person: by the entity's person, or by any evidence record's owner.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from tessera.model.codes import FINDING_CODES

CITIZENS = {"USC_BORN", "USC_DERIVED", "USC_NATURALIZED"}


@dataclass(frozen=True)
class CodeScore:
    code: str
    expected: int
    found: int
    hits: int

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class FindingScores:
    codes: dict[str, CodeScore]
    wrongful: list[dict[str, str]]
    missed: dict[str, set[str]]
    extra: dict[str, set[str]]

    def table(self) -> str:
        lines = [f"{'code':32} expected found  hits precision recall"]
        for s in self.codes.values():
            lines.append(
                f"{s.code:32} {s.expected:8} {s.found:5} {s.hits:5} "
                f"{s.precision:9.3f} {s.recall:6.3f}"
            )
        lines.append(f"wrongful findings: {len(self.wrongful)}")
        return "\n".join(lines)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def score_findings(out_dir: Path, truth_dir: Path) -> FindingScores:
    owner = {(r["feed"], r["record_id"]): r["person_id"] for r in _rows(truth_dir / "links.csv")}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in _rows(out_dir / "entities.csv"):
        person = owner.get((r["feed"], r["record_id"]))
        if person:
            votes[r["entity_id"]][person] += 1
    person_of = {e: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for e, c in votes.items()}
    people = {r["person_id"]: r for r in _rows(truth_dir / "people.csv")}
    expected = {(r["person_id"], r["code"]) for r in _rows(truth_dir / "expected_findings.csv")}
    found: set[tuple[str, str]] = set()
    wrongful = []
    for f in _rows(out_dir / "findings.csv"):
        person = person_of.get(f["entity_id"], f["entity_id"])
        found.add((person, f["code"]))
        if f["code"] == "SHARED_IDENTIFIER":
            continue
        keys = [tuple(k.split(":", 1)) for k in f["evidence"].split(";")]
        named = {person} | {owner[k] for k in keys if k in owner}  # type: ignore[index]
        if any(_protected(people.get(p)) for p in named):
            wrongful.append(f)
    codes = {}
    missed, extra = {}, {}
    for code in FINDING_CODES:
        t = {p for p, c in expected if c == code}
        g = {p for p, c in found if c == code}
        codes[code] = CodeScore(code, len(t), len(g), len(t & g))
        missed[code], extra[code] = t - g, g - t
    return FindingScores(codes, wrongful, missed, extra)


def _protected(person: dict[str, str] | None) -> bool:
    return bool(person) and (person["citizenship"] in CITIZENS or person["protected"] == "1")  # type: ignore[index]
