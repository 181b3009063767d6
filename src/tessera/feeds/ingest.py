"""Ingest a feed drop into the workspace, feed by feed, each in its own transaction."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tessera.feeds.checkpoints import checkpoint
from tessera.feeds.layouts import LAYOUTS
from tessera.feeds.lines import check_file, load_lines
from tessera.feeds.manifest import Manifest, load_manifest
from tessera.feeds.staging import stage
from tessera.feeds.typed import type_feed
from tessera.feeds.writer import FeedLoad, ensure_workspace, write_feed

ProgressCallback = Callable[[str, int, int], None]
"""Called with (feed just finished, feeds done, feeds total); first with ("", 0, total)."""


@dataclass(frozen=True)
class DropLoad:
    manifest: Manifest
    feeds: tuple[FeedLoad, ...]
    warnings: tuple[str, ...]

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.feeds)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.feeds)


def ingest_drop(
    con: duckdb.DuckDBPyConnection,
    drop_dir: Path,
    scratch_dir: Path,
    progress: ProgressCallback | None = None,
    workers: int = 2,
) -> DropLoad:
    """Read every feed the manifest names; re-running on the same drop changes nothing."""
    manifest = load_manifest(drop_dir)
    ensure_workspace(con)
    _register_drop(con, manifest)
    names = [name for name in LAYOUTS if name in manifest.feeds]
    # Largest files first, so the two workers finish together.
    order = sorted(names, key=lambda n: manifest.feeds[n].stat().st_size, reverse=True)
    scratch = scratch_dir / manifest.drop_id
    done: list[str] = []
    lock = threading.Lock()

    def work(name: str) -> FeedLoad:
        # Each feed has its own DuckDB connection (its own TEMP tables and transaction),
        # so two feeds proceed at once: DuckDB releases the GIL while it works.
        cursor = con.cursor()
        try:
            load = _ingest_feed(cursor, manifest, name, scratch)
        finally:
            cursor.close()
        checkpoint(f"after-commit:{name}")
        with lock:
            done.append(name)
            if progress:
                progress(name, len(done), len(names))
        return load

    if progress:
        progress("", 0, len(names))
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest") as pool:
            results = dict(zip(order, pool.map(work, order), strict=True))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    loads = [results[name] for name in names]
    warnings = tuple(
        f"{file}: not named in the manifest; ignored" for file in manifest.ignored_files
    )
    return DropLoad(manifest, tuple(loads), warnings)


def _ingest_feed(
    con: duckdb.DuckDBPyConnection, manifest: Manifest, name: str, scratch: Path
) -> FeedLoad:
    layout = LAYOUTS[name]
    path = manifest.feeds[name]
    checked = check_file(path, scratch / name)
    load_lines(con, checked)
    staged = stage(con, layout, path.name)
    typed = type_feed(con, layout, len(staged.header))
    return write_feed(con, layout, typed, manifest.drop_id, checked.problems)


def _register_drop(con: duckdb.DuckDBPyConnection, manifest: Manifest) -> None:
    """Record the drop; it becomes the latest (a re-run of the latest keeps its number)."""
    con.execute(
        "INSERT OR REPLACE INTO drops SELECT $1, $2, $3, $4, $5, $6, coalesce("
        "(SELECT seq FROM drops WHERE drop_id = $1 AND seq = (SELECT max(seq) FROM drops)), "
        "(SELECT max(seq) FROM drops) + 1, 1)",
        [
            manifest.drop_id,
            str(manifest.drop_dir.resolve()),
            manifest.as_of,
            manifest.seed,
            manifest.people,
            manifest.fingerprint,
        ],
    )
