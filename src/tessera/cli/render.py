"""Rich tables for what the commands report."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from tessera.feeds import DropLoad, FieldDescription, QuarantinedRow
from tessera.feeds.layout import FeedLayout
from tessera.store.operational import IngestRun


def ingest_summary(load: DropLoad) -> Table:
    table = Table(title=f"Drop {load.manifest.drop_id} (as of {load.manifest.as_of})")
    for name in ("feed", "read", "stored", "quarantined", "new", "changed", "unchanged"):
        table.add_column(name, justify="left" if name == "feed" else "right")
    for f in load.feeds:
        table.add_row(
            f.feed,
            f"{f.rows_read:,}",
            f"{f.rows_stored:,}",
            f"{f.rows_quarantined:,}",
            f"{f.rows_new:,}",
            f"{f.rows_changed:,}",
            f"{f.rows_unchanged:,}",
        )
    table.add_row(
        "total",
        f"{load.rows_read:,}",
        f"{sum(f.rows_stored for f in load.feeds):,}",
        f"{load.rows_quarantined:,}",
        f"{sum(f.rows_new for f in load.feeds):,}",
        f"{sum(f.rows_changed for f in load.feeds):,}",
        f"{sum(f.rows_unchanged for f in load.feeds):,}",
        style="bold",
    )
    return table


def quarantine_table(rows: Sequence[QuarantinedRow]) -> Table:
    table = Table(title=f"Quarantine ({len(rows)} rows)")
    for name in ("feed", "line", "record id", "kind", "reason"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(r.feed, str(r.line), r.record_id or "", r.kind, r.reason)
    return table


def runs_table(runs: Sequence[IngestRun]) -> Table:
    table = Table(title="Ingest runs (newest first)")
    for name in ("id", "started (UTC)", "status", "as of", "rows read", "quarantined", "drop"):
        table.add_column(name)
    for run in runs:
        table.add_row(
            str(run.id),
            run.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            run.status,
            run.as_of.isoformat(),
            f"{sum(f.rows_read for f in run.feeds):,}",
            f"{sum(f.rows_quarantined for f in run.feeds):,}",
            run.drop_path,
        )
    return table


def feeds_table(layouts: Sequence[FeedLayout]) -> Table:
    table = Table(title="Feeds")
    for name in ("feed", "format", "source system", "legal basis", "person records"):
        table.add_column(name, overflow="fold")
    for layout in layouts:
        table.add_row(
            layout.name,
            layout.format.value,
            layout.system,
            layout.legal_basis,
            "yes" if layout.describes_person else "no",
        )
    return table


def fields_table(layout: FeedLayout, fields: Sequence[FieldDescription]) -> Table:
    table = Table(title=f"{layout.name}: {layout.system}", caption=layout.doc or None)
    for name in ("field", "written as", "required", "note"):
        table.add_column(name, overflow="fold")
    for f in fields:
        table.add_row(f.name, f.kind, "yes" if f.required else "", f.note)
    return table
