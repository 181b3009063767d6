"""``tessera``: the command line. Each command is a thin call into ``tessera.service``."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tessera.cli import audit as audit_cli
from tessera.cli import findings as findings_cli
from tessera.cli import identity as identity_cli
from tessera.cli import leads as leads_cli
from tessera.cli import serve as serve_cli
from tessera.cli import users as users_cli
from tessera.cli.console import err, out
from tessera.cli.options import DataDir, fail, settings_for
from tessera.cli.render import (
    feeds_table,
    fields_table,
    ingest_summary,
    quarantine_table,
    runs_table,
)
from tessera.feeds import FeedError
from tessera.service.evaluation import export_eval, export_eval_alone
from tessera.service.feeds import feed_fields, feed_layouts
from tessera.service.operational import operational_store
from tessera.service.pipeline import ingest, run_pipeline
from tessera.service.quarantine import list_quarantine
from tessera.service.synthetic import generate_world
from tessera.settings import Settings

app = typer.Typer(
    name="tessera",
    help="Tessera: one trustworthy picture of each person from many record systems.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DropDir = Annotated[Path, typer.Argument(help="A feed drop: a folder with manifest.json.")]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"


class Noise(StrEnum):
    standard = "standard"
    heavy = "heavy"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _ingest_with_progress(settings: Settings, drop_dir: Path, whole_pipeline: bool) -> None:
    with _progress() as bar:
        task = bar.add_task("ingest", total=None)

        def tick(feed: str, done: int, total: int) -> None:
            bar.update(task, description=f"ingest {feed}".strip(), completed=done, total=total)

        resolved: tuple[int, int, int] | None = None
        if whole_pipeline:
            report = run_pipeline(settings, drop_dir, tick)
            load, run_id = report.ingest, report.run_id
            resolved = (report.person_records, report.people, report.findings)
        else:
            run_id, load = ingest(settings, drop_dir, tick)
    for warning in load.warnings:
        err.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    out.print(ingest_summary(load))
    out.print(f"ingest run {run_id} recorded; workspace: {settings.workspace_path}")
    if resolved is not None:
        out.print(f"{resolved[0]:,} person records resolved into {resolved[1]:,} people")
        out.print(f"{resolved[2]:,} findings (tessera findings, tessera person ID)")


@app.command("ingest")
def ingest_command(drop_dir: DropDir, data_dir: DataDir = None) -> None:
    """Read every feed of DROP_DIR into the workspace; quarantine rows that cannot be used."""
    _ingest_with_progress(settings_for(data_dir), drop_dir, whole_pipeline=False)


@app.command("run")
def run_command(drop_dir: DropDir, data_dir: DataDir = None) -> None:
    """Run every pipeline stage on DROP_DIR, in order (ingest, identity, status, rules)."""
    _ingest_with_progress(settings_for(data_dir), drop_dir, whole_pipeline=True)


@app.command("quarantine")
def quarantine_command(
    data_dir: DataDir = None,
    drop: Annotated[str | None, typer.Option(help="Drop id (default: the latest).")] = None,
    feed: Annotated[str | None, typer.Option(help="Only this feed.")] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, or csv: feed,line,reason")
    ] = OutputFormat.table,
) -> None:
    """List the rows a drop delivered that could not be used, with the reason."""
    rows = list_quarantine(settings_for(data_dir), drop, feed)
    if output is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["feed", "line", "reason"])
        writer.writerows([r.feed, r.line, r.reason] for r in rows)
        return
    out.print(quarantine_table(rows))


@app.command("runs")
def runs_command(
    data_dir: DataDir = None,
    limit: Annotated[int, typer.Option(help="How many runs to show.")] = 20,
) -> None:
    """List recent ingest runs recorded in the operational store."""
    with operational_store(settings_for(data_dir)) as store:
        out.print(runs_table(store.ingest_runs(limit)))


@app.command("export-eval")
def export_eval_command(
    drop_dir: DropDir,
    out_dir: Annotated[Path, typer.Argument(help="Where to write the three CSV files.")],
    data_dir: DataDir = None,
) -> None:
    """Run the whole pipeline on DROP_DIR; write entities.csv, findings.csv, quarantine.csv.

    Without --data-dir the run has a data directory of its own, removed afterwards, so
    that no earlier drop mixes in; with it, the drop joins what that directory holds (and
    its results stay there to serve).
    """
    if data_dir is None:
        result = export_eval_alone(Settings(), drop_dir, out_dir)
    else:
        result = export_eval(settings_for(data_dir), drop_dir, out_dir)
    out.print(
        f"wrote {result.entities:,} records in {result.people:,} people, "
        f"{result.quarantined:,} quarantined rows and {result.findings:,} findings to "
        f"{result.out_dir}"
    )


@app.command("feeds")
def feeds_command(
    name: Annotated[str | None, typer.Argument(help="A feed name for its fields.")] = None,
) -> None:
    """Describe the feeds Tessera reads: source system, legal basis and fields."""
    if name is None:
        out.print(feeds_table(feed_layouts()))
        return
    try:
        layout, fields = feed_fields(name)
    except KeyError as exc:
        raise fail(str(exc.args[0])) from None
    out.print(fields_table(layout, fields))


@app.command("generate")
def generate_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the drop into.")],
    people: Annotated[int, typer.Option(min=1, help="How many people the world holds.")] = 2000,
    seed: Annotated[int, typer.Option(help="Same seed, same world, byte for byte.")] = 1,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="The drop's cut date (default fixed)."),
    ] = None,
    noise: Annotated[Noise, typer.Option(help="How dirty the systems' records are.")] = (
        Noise.standard
    ),
) -> None:
    """Write a synthetic feed drop (all 14 feeds) with its answer key under OUT_DIR/truth."""
    with _progress() as bar:
        task = bar.add_task("generate", total=people)
        summary = generate_world(
            out_dir,
            people,
            seed,
            as_of.date() if as_of else None,
            noise.value,
            progress=lambda done: bar.update(task, completed=done),
        )
    total = sum(summary.rows_per_feed.values())
    out.print(
        f"wrote {summary.people:,} people, {total:,} rows ({summary.broken_rows:,} broken on "
        f"purpose) as of {summary.as_of} to {summary.out_dir}"
    )


findings_cli.register(app)
identity_cli.register(app)
leads_cli.register(app)
users_cli.register(app)
audit_cli.register(app)
serve_cli.register(app)


def main() -> None:
    """Entry point: a drop or file problem is one clear line and exit code 2."""
    try:
        app()
    except FeedError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(
            f"error: {where}{exc.strerror or exc}", markup=False, highlight=False, soft_wrap=True
        )
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
