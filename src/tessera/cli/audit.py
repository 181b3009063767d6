"""``tessera audit verify`` and ``tessera audit list``: the audit log for the local
operator in the auditor role. Thin calls into ``tessera.service.audit``."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from typing import Annotated

import typer
from rich.table import Table

from tessera.cli.console import err, out
from tessera.cli.operator import PurposeText, operational_store, purpose_or_default
from tessera.cli.options import DataDir
from tessera.model.access import Outcome, Role
from tessera.model.audit import AuditEntry, AuditQuery
from tessera.service.access import local_operator
from tessera.service.audit import find_entries, verify_log

audit_app = typer.Typer(help="Verify and query the audit log.", no_args_is_help=True)
When = Annotated[
    dt.datetime | None,
    typer.Option(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"], help="UTC date or date and time."),
]


@audit_app.command("verify")
def verify_command(purpose: PurposeText = None, data_dir: DataDir = None) -> None:
    """Check every entry's hash and link; exit 1 naming the first bad entry."""
    why = purpose_or_default(purpose, "oversight:cli tessera audit verify")
    with operational_store(data_dir) as store:
        result = verify_log(store, local_operator(Role.auditor), why)
    if result.problem is not None:
        err.print(f"audit log BROKEN: {result.problem}", markup=False, highlight=False)
        raise typer.Exit(1)
    head = result.head
    assert head is not None  # a missing head is a problem, reported above
    out.print(
        f"audit log whole: {result.entries:,} entries verified; head {head.seq} {head.entry_hash}",
        markup=False,
        highlight=False,
    )


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=dt.UTC)


def _table(entries: list[AuditEntry]) -> Table:
    table = Table(title="Audit log (newest first)")
    for column in ("seq", "at (UTC)", "actor", "action", "outcome", "about", "purpose", "reason"):
        table.add_column(column)
    for entry in entries:
        e = entry.event
        purpose = f"{e.purpose_kind}:{e.purpose_ref} {e.purpose_text}" if e.purpose_kind else ""
        about = " ".join(x for x in (e.person_id, e.target) if x)
        at = f"{e.at:%Y-%m-%d %H:%M:%S}"
        table.add_row(str(entry.seq), at, e.actor, e.action, e.outcome, about, purpose, e.reason)
    return table


CSV_HEADER = (
    "seq", "at", "actor", "actor_role", "action", "outcome", "person_id", "target",
    "purpose_kind", "purpose_ref", "purpose_text", "reason", "prev_hash", "entry_hash",
)  # fmt: skip


def _csv_row(entry: AuditEntry) -> tuple[object, ...]:
    e = entry.event
    return (
        entry.seq, e.at.isoformat(), e.actor, e.actor_role, e.action, e.outcome, e.person_id,
        e.target, e.purpose_kind, e.purpose_ref, e.purpose_text, e.reason, entry.prev_hash,
        entry.entry_hash,
    )  # fmt: skip


def _csv(entries: list[AuditEntry]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_csv_row(e) for e in entries)


@audit_app.command("list")
def list_command(
    user: Annotated[str | None, typer.Option(help="Only this actor.")] = None,
    person: Annotated[str | None, typer.Option(help="Only entries about this person.")] = None,
    action: Annotated[str | None, typer.Option(help="Only this action, e.g. person:read.")] = None,
    outcome: Annotated[
        Outcome | None, typer.Option(help="Only this outcome (allowed, denied, ...).")
    ] = None,
    since: When = None,
    until: When = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    csv_out: Annotated[bool, typer.Option("--csv", help="CSV on stdout.")] = False,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """Entries by user, person, action, outcome and date (--until exclusive), newest first."""
    why = purpose_or_default(purpose, "oversight:cli tessera audit list")
    query = AuditQuery(
        user,
        person,
        _utc(since),
        _utc(until),
        limit,
        action=action,
        outcome=outcome.value if outcome else None,
    )
    with operational_store(data_dir) as store:
        entries = find_entries(store, local_operator(Role.auditor), why, query)
    if csv_out:
        _csv(entries)
    else:
        out.print(_table(entries))


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
