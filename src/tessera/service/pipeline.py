"""Running the batch pipeline on a feed drop: ingest, identity, status, rules, publish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tessera.feeds import DropLoad, ProgressCallback, ingest_drop, load_manifest
from tessera.identity import build_person_records
from tessera.publish import PublishReport
from tessera.rules import run_rules
from tessera.service.identity import resolve_identities
from tessera.service.operational import open_operational_store
from tessera.service.publishing import publish_workspace
from tessera.settings import Settings
from tessera.status import build_status
from tessera.store.operational import FeedCount
from tessera.store.workspace import open_workspace

StageCallback = Callable[[str], None]
"""Told the name of each pipeline stage as it starts."""


@dataclass(frozen=True)
class PipelineReport:
    run_id: int
    ingest: DropLoad
    stages: tuple[str, ...]
    person_records: int
    people: int
    findings: int = 0
    published: PublishReport | None = None
    """The publication the run ended with (its id and rows per table)."""


def ingest(
    settings: Settings, drop_dir: Path, progress: ProgressCallback | None = None
) -> tuple[int, DropLoad]:
    """Ingest a drop into the workspace and record the run in the operational store."""
    manifest = load_manifest(drop_dir)  # fail fast, before anything is recorded
    store = open_operational_store(settings)
    run_id = store.start_ingest_run(str(drop_dir.resolve()), manifest.fingerprint, manifest.as_of)
    try:
        con = open_workspace(settings)
        try:
            load = ingest_drop(con, drop_dir, settings.data_dir / "scratch", progress)
        finally:
            con.close()
    except BaseException as exc:
        store.finish_ingest_run(run_id, "failed", [], message=str(exc)[:2000])
        store.dispose()
        raise
    counts = [FeedCount(f.feed, f.rows_read, f.rows_stored, f.rows_quarantined) for f in load.feeds]
    store.finish_ingest_run(run_id, "succeeded", counts)
    store.dispose()
    return run_id, load


def run_pipeline(
    settings: Settings,
    drop_dir: Path,
    progress: ProgressCallback | None = None,
    on_stage: StageCallback | None = None,
) -> PipelineReport:
    """Every stage that exists, in order: ingest, person records, identity resolution,
    status timelines, rules (findings), publish (into the operational store)."""
    if on_stage:
        on_stage("ingest")
    run_id, load = ingest(settings, drop_dir, progress)
    if on_stage:
        on_stage("person records")
    con = open_workspace(settings)
    try:
        records = build_person_records(con)
        if on_stage:
            on_stage("identity")
        people = resolve_identities(settings, con).people
        if on_stage:
            on_stage("status")
        status = build_status(con)
        if on_stage:
            on_stage("rules")
        judged = run_rules(con, status.as_of, settings.priority_policy)
        if on_stage:
            on_stage("publish")
        published = publish_workspace(settings, con, run_id)
    finally:
        con.close()
    stages = ("ingest", "person records", "identity", "status", "rules", "publish")
    findings = sum(judged.findings.values())
    return PipelineReport(run_id, load, stages, records, people, findings, published)
