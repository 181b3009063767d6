"""The evaluation export of SPEC.md: run the whole pipeline on a drop, write the answer."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tessera.feeds import quarantined_rows
from tessera.identity import ENTITIES_TABLE
from tessera.model.findings import INFORMATIONAL
from tessera.rules.query import Finding, FindingFilter, select_findings
from tessera.service.pipeline import run_pipeline
from tessera.settings import Settings
from tessera.store.workspace import open_workspace

FINDINGS_HEADER = ("entity_id", "code", "severity", "confidence", "evidence")


@dataclass(frozen=True)
class EvaluationExport:
    out_dir: Path
    entities: int
    people: int
    quarantined: int
    findings: int


def export_eval(settings: Settings, drop_dir: Path, out_dir: Path) -> EvaluationExport:
    """Write ``entities.csv``, ``findings.csv`` and ``quarantine.csv`` for ``drop_dir``.

    ``findings.csv`` holds the findings put before a person: every code but the
    informational ones (STATUS_UNVERIFIED says what cannot be shown; it is no lead).
    """
    report = run_pipeline(settings, drop_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = open_workspace(settings, read_only=True)
    try:
        entities = con.execute(
            f"SELECT feed, record_id, entity_id FROM {ENTITIES_TABLE} ORDER BY feed, record_id"
        ).fetchall()
        quarantine = quarantined_rows(con, report.ingest.manifest.drop_id)
        findings = [f for f in select_findings(con, FindingFilter()) if f.code not in INFORMATIONAL]
    finally:
        con.close()
    _write(out_dir / "entities.csv", ("feed", "record_id", "entity_id"), entities)
    _write(
        out_dir / "quarantine.csv",
        ("feed", "line", "reason"),
        [(q.feed, q.line, q.reason) for q in quarantine],
    )
    _write(out_dir / "findings.csv", FINDINGS_HEADER, _finding_rows(findings))
    return EvaluationExport(
        out_dir, len(entities), len({e[2] for e in entities}), len(quarantine), len(findings)
    )


def export_eval_alone(settings: Settings, drop_dir: Path, out_dir: Path) -> EvaluationExport:
    """``export_eval`` in a fresh data directory of its own, with the embedded stores,
    removed afterwards: the answer is the drop's alone. In a data directory that earlier
    drops went into, their records would be resolved (and listed) with this one's, and
    two systems' drops may reuse one record id for different people."""
    with tempfile.TemporaryDirectory(prefix="tessera-eval-") as scratch:
        alone = settings.model_copy(update={"data_dir": Path(scratch), "store_url": None})
        return export_eval(alone, drop_dir, out_dir)


def _finding_rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    rows = [
        (f.entity_id, f.code, f.severity, f"{f.confidence:.2f}", ";".join(f.evidence))
        for f in findings
    ]
    return sorted(rows, key=lambda r: (str(r[0]), str(r[1]), str(r[4])))


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
