"""``tessera explain`` and ``tessera judge`` on a small resolved world."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import duckdb
import pytest

from tessera.identity.person_ids import person_id
from tessera.identity.review import undecided_people
from tessera.synth import generate
from tests.cli.test_cli import tessera


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cli-identity")
    generate(base / "drop", people=600, seed=11)
    result = tessera("run", str(base / "drop"), data_dir=base / "data")
    assert result.returncode == 0, result.stderr
    return base / "data"


def _people(data_dir: Path, size: int) -> list[tuple[str, list[str]]]:
    con = duckdb.connect(str(data_dir / "workspace.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT person_id, list(unique_id ORDER BY unique_id) FROM person_registry "
        f"GROUP BY person_id HAVING count(*) = {size} ORDER BY person_id LIMIT 2"
    ).fetchall()
    con.close()
    return [(str(p), list(keys)) for p, keys in rows]


def _one_line_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 2
    assert text in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_person_and_a_pair_are_explained(data_dir: Path) -> None:
    [(person, keys), _] = _people(data_dir, 3)
    shown = tessera("explain", person, data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    assert f"Person {person}: 3 records" in shown.stdout and "match weight" in shown.stdout
    assert all(k in shown.stdout for k in keys)
    pair = tessera("explain", keys[0], keys[2], data_dir=data_dir)
    assert pair.returncode == 0, pair.stderr
    for text in ("prior", "name", "dob", "match weight", f"both are person {person}"):
        assert text in pair.stdout


def test_the_queue_lists_every_undecided_pair(data_dir: Path) -> None:
    con = duckdb.connect(str(data_dir / "workspace.duckdb"), read_only=True)
    pairs = undecided_people(con)
    con.close()
    shown = tessera("judge", "queue", data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    assert f"Undecided: could be one person ({len(pairs)})" in shown.stdout
    for pair in pairs:
        assert pair.person_a in shown.stdout and pair.person_b in shown.stdout


def test_judgements_are_made_listed_and_revoked(data_dir: Path) -> None:
    [(a, keys_a), (b, _)] = _people(data_dir, 2)
    merged = tessera("judge", "merge", a, b, "--by", "alice", "--reason", "same", data_dir=data_dir)
    assert merged.returncode == 0, merged.stderr
    assert f"{b} -> {a} (merged)" in merged.stdout
    again = tessera("judge", "not-same", a, b, "--by", "bob", "--reason", "no", data_dir=data_dir)
    _one_line_error(again, "are one person")
    listed = tessera("judge", "list", data_dir=data_dir)
    assert "alice" in listed.stdout and "active" in listed.stdout and f"{a} / {b}" in listed.stdout
    found = re.search(r"judgement (\d+) \(merge\) recorded", merged.stdout)
    assert found is not None
    number = found.group(1)
    undone = tessera(
        "judge", "revoke", number, "--by", "alice", "--reason", "oops", data_dir=data_dir
    )
    assert undone.returncode == 0, undone.stderr
    assert "revoked" in undone.stdout and f"{b} is back" in undone.stdout
    split = tessera(
        "judge", "split", keys_a[0], "--by", "carol", "--reason", "other", data_dir=data_dir
    )
    assert split.returncode == 0 and "(split) recorded" in split.stdout
    active = tessera("judge", "list", "--active", data_dir=data_dir)
    assert "carol" in active.stdout and "alice" not in active.stdout


def test_mistakes_are_one_line_errors(data_dir: Path) -> None:
    [(a, keys), _] = _people(data_dir, 2)
    _one_line_error(tessera("explain", a[:-1] + "0", data_dir=data_dir), "not a person id")
    _one_line_error(tessera("explain", person_id(99_999), data_dir=data_dir), "no person")
    _one_line_error(tessera("explain", a, keys[0], keys[1], data_dir=data_dir), "one person id")
    _one_line_error(tessera("explain", keys[0], "x:1", data_dir=data_dir), "no person record")
    no_reason = tessera("judge", "merge", a, a, "--by", "x", data_dir=data_dir)
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    _one_line_error(
        tessera("judge", "revoke", "999", "--by", "x", "--reason", "y", data_dir=data_dir),
        "no judgement with id 999",
    )
