"""``tessera findings``, ``tessera person``, ``tessera assess`` and ``tessera publish``:
thin calls into ``tessera.service.findings``."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from tessera.cli.console import out
from tessera.cli.dossier import assessment_summary, findings_table, person_dossier
from tessera.cli.options import DataDir, fail, settings_for
from tessera.publish import NotPublishableError
from tessera.rules import UnknownPolicyError
from tessera.rules.query import FindingFilter
from tessera.service.findings import (
    NotJudgedError,
    UnknownPersonError,
    assess,
    list_findings,
    person_view,
    publish,
)
from tessera.settings import Settings
from tessera.status import StatusError

Day = Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"])]


def _settings(data_dir: Path | None, policy: str | None = None) -> Settings:
    settings = settings_for(data_dir)
    return settings.model_copy(update={"priority_policy": policy}) if policy else settings


def findings_command(
    data_dir: DataDir = None,
    code: Annotated[list[str] | None, typer.Option(help="Only this code (repeatable).")] = None,
    severity: Annotated[
        list[str] | None, typer.Option(help="high, medium, low, victim, info (repeatable).")
    ] = None,
    tier: Annotated[list[str] | None, typer.Option(help="Priority tier: P1, P2, P3.")] = None,
    since: Day = None,
    until: Day = None,
    person: Annotated[str | None, typer.Option(help="Only this person (entity id).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many (table only).")] = 50,
    csv_out: Annotated[bool, typer.Option("--csv", help="All matches as CSV on stdout.")] = False,
) -> None:
    """List findings, highest severity and priority first; --since/--until bound the date
    each finding rests on."""
    query = FindingFilter(
        codes=tuple(c.upper() for c in code or ()),
        severities=tuple(s.lower() for s in severity or ()),
        tiers=tuple(t.upper() for t in tier or ()),
        since=since.date() if since else None,
        until=until.date() if until else None,
        entity_id=person,
        limit=None if csv_out else limit,
    )
    try:
        found = list_findings(_settings(data_dir), query)
    except NotJudgedError as exc:
        raise fail(str(exc)) from None
    if not csv_out:
        out.print(findings_table(found))
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    head = ["finding_id", "entity_id", "code", "severity", "tier", "confidence"]
    writer.writerow([*head, "subject_on", "evidence"])
    for f in found:
        row = [f.finding_id, f.entity_id, f.code, f.severity, f.tier or "", f"{f.confidence:.2f}"]
        writer.writerow([*row, f.subject_on or "", ";".join(f.evidence)])


def person_command(
    entity_id: Annotated[str, typer.Argument(help="The person's entity id.")],
    data_dir: DataDir = None,
    on: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Also answer: what was the status on this date?"),
    ] = None,
) -> None:
    """Print a person's standing, findings with their evidence, periods and timeline."""
    try:
        view = person_view(_settings(data_dir), entity_id, on.date() if on else None)
    except (UnknownPersonError, NotJudgedError) as exc:
        raise fail(str(exc)) from None
    out.print(person_dossier(view))


def assess_command(
    data_dir: DataDir = None,
    policy: Annotated[
        str | None, typer.Option(help="Priority policy (default: TESSERA_PRIORITY_POLICY).")
    ] = None,
    publish_too: Annotated[
        bool,
        typer.Option(
            "--publish/--no-publish",
            help="Publish the result for the service (default); --no-publish: judge only "
            "and run `tessera publish` later.",
        ),
    ] = True,
) -> None:
    """Rebuild status timelines and findings from the people in the workspace."""
    try:
        result = assess(_settings(data_dir, policy), publish=publish_too)
    except (StatusError, UnknownPolicyError) as exc:
        raise fail(str(exc)) from None
    out.print(assessment_summary(result))


def publish_command(data_dir: DataDir = None) -> None:
    """Publish what the workspace holds (people, status, findings) for the service."""
    try:
        report = publish(_settings(data_dir))
    except NotPublishableError as exc:
        raise fail(str(exc)) from None
    people = report.counts.get("people", 0)
    out.print(f"publication {report.publication_id}: {people:,} people in {report.seconds:.1f} s")


def register(app: typer.Typer) -> None:
    app.command("findings")(findings_command)
    app.command("person")(person_command)
    app.command("assess")(assess_command)
    app.command("publish")(publish_command)
