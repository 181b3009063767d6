"""The analytic workspace: one DuckDB file under the data directory.

The batch stages (feeds, identity, status, rules) read and write it set-based. This
module is the only place that opens it, so memory limits, spill directory and thread
count are set once.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tessera.settings import Settings


def open_workspace(settings: Settings, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the workspace DuckDB file of ``settings``."""
    path: Path = settings.workspace_path
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": settings.duckdb_memory_limit,
        "preserve_insertion_order": True,
    }
    if settings.duckdb_threads:
        config["threads"] = settings.duckdb_threads
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    if not read_only:
        spill = settings.data_dir / "tmp"
        con.execute(f"SET temp_directory = '{spill.as_posix()}'")
    return con
