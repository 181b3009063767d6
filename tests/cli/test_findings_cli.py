"""``tessera findings``, ``tessera person`` and ``tessera assess`` on a small workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from tessera.store.operational import OperationalStore
from tests.cli.test_cli import tessera
from tests.rules.kit import D, World


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cli-findings")
    w = World(path=base / "workspace.duckdb")
    w.arrival("OVERSTAYER", D("2024-01-10"), "B2", D("2024-07-09"), passport="K1")
    w.hire("OVERSTAYER", D("2024-09-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL1", "900-1-2")
    w.registration("OVERSTAYER", "INTERVIEW", D("2004-01-01"))
    w.court("FUGITIVE", [(D("2016-01-10"), "ORDER", "REMOVAL")])
    w.criminal("FUGITIVE", [("0911", "CONVICTED", D("2015-01-01"), 3650)])
    w.judge()
    w.con.close()
    return base


def test_findings_are_listed_and_filtered(data_dir: Path) -> None:
    result = tessera("findings", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    for text in ("OVERSTAYER", "FUGITIVE", "UNAUTHORIZED_EMPLOYMENT", "arrivals:A00001"):
        assert text in result.stdout
    only = tessera("findings", "--tier", "P1", "--csv", data_dir=data_dir)
    lines = only.stdout.splitlines()
    assert lines[0].startswith("finding_id,entity_id,code") and len(lines) == 2
    assert ",FUGITIVE,high,P1," in lines[1]
    dated = tessera("findings", "--since", "2024-08-01", "--csv", data_dir=data_dir)
    assert {line.split(",")[2] for line in dated.stdout.splitlines()[1:]} == {
        "UNAUTHORIZED_EMPLOYMENT"
    }


def test_a_persons_dossier_reads_like_a_case_file(data_dir: Path) -> None:
    result = tessera("person", "OVERSTAYER", "--on", "2025-01-01", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for text in (
        "standing: NONCITIZEN",
        "Status on 2025-01-01: none shown",
        "INA 237(a)(1)(B)",
        "admitted as B2",
        "identity evidence only",
        "Timeline",
    ):
        assert text in out, text
    missing = tessera("person", "NOBODY", data_dir=data_dir)
    assert missing.returncode == 2 and "no person 'NOBODY'" in missing.stderr


def test_assess_rejudges_under_another_policy(data_dir: Path) -> None:
    result = tessera("assess", "--policy", "EO-13768", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "EO-13768" in result.stdout and "FUGITIVE" in result.stdout
    wrong = tessera("assess", "--policy", "NONE", data_dir=data_dir)
    assert wrong.returncode == 2 and "known: DHS-2014, EO-13768, ICE-2011" in wrong.stderr


def test_listing_before_any_run_says_what_to_do(tmp_path: Path) -> None:
    result = tessera("findings", data_dir=tmp_path)
    assert result.returncode == 2 and "tessera run" in result.stderr


def _current_publication(data_dir: Path) -> int | None:
    store = OperationalStore(f"sqlite:///{data_dir / 'tessera.sqlite3'}")
    try:
        current = store.published.current()
        return None if current is None else current.id
    finally:
        store.dispose()


def test_assess_without_publishing_leaves_the_service_reading_the_last_publication(
    data_dir: Path,
) -> None:
    assert tessera("assess", data_dir=data_dir).returncode == 0
    before = _current_publication(data_dir)
    assert before is not None
    judged = tessera("assess", "--no-publish", data_dir=data_dir)
    assert judged.returncode == 0, judged.stderr
    assert _current_publication(data_dir) == before
    published = tessera("publish", data_dir=data_dir)
    assert published.returncode == 0, published.stderr
    after = _current_publication(data_dir)
    assert after is not None and after > before
