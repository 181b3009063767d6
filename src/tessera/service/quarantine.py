"""Reading what a drop delivered that could not be used."""

from __future__ import annotations

from tessera.feeds import QuarantinedRow, quarantined_rows
from tessera.settings import Settings
from tessera.store.workspace import open_workspace


def list_quarantine(
    settings: Settings, drop_id: str | None = None, feed: str | None = None
) -> list[QuarantinedRow]:
    """Quarantined rows of ``drop_id`` (default: the latest ingested drop)."""
    if not settings.workspace_path.exists():
        return []
    con = open_workspace(settings, read_only=True)
    try:
        return quarantined_rows(con, drop_id, feed)
    finally:
        con.close()
