"""Splink's private database: a copy of the linkage input, spilling beside the workspace."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tessera.identity.linkage_input import INPUT_TABLE
from tessera.identity.scoring import SPILL_PREFIX, splink_database


def test_splink_works_on_a_copy_and_a_killed_runs_spill_is_removed(tmp_path: Path) -> None:
    spill = tmp_path / "tmp"
    stale = spill / f"{SPILL_PREFIX}killed"
    stale.mkdir(parents=True)
    (stale / "duckdb_temp_block.tmp").write_bytes(b"x" * 1024)
    con = duckdb.connect(str(tmp_path / "workspace.duckdb"))
    con.execute(f"SET temp_directory = '{spill.as_posix()}'")
    con.execute(f"CREATE TABLE {INPUT_TABLE} AS SELECT range AS n FROM range(5)")
    with splink_database(con) as db:
        assert db.execute(f"SELECT sum(n) FROM {INPUT_TABLE}").fetchall() == [(10,)]
        db.execute(f"DELETE FROM {INPUT_TABLE}")  # the copy, not the workspace
        live = [p.name for p in spill.iterdir()]
        assert stale.name not in live
        assert len(live) == 1 and live[0].startswith(SPILL_PREFIX)
    assert con.execute(f"SELECT count(*) FROM {INPUT_TABLE}").fetchall() == [(5,)]
    assert list(spill.iterdir()) == []
