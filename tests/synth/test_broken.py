"""Broken rows: each declared one is broken in the declared way at the declared line,
and every other row passes the quarantine rules (no accidental broken rows)."""

from __future__ import annotations

from collections import Counter

from tessera.synth import SynthSummary
from tests.synth import rules
from tests.synth.conftest import truth


def test_broken_rows_are_exactly_the_rows_that_break_the_rules(world: SynthSummary) -> None:
    declared = {
        (r["feed"], int(r["line"])): (r["kind"], r["record_id"])
        for r in truth(world.out_dir, "broken_rows.csv")
    }
    found = {}
    for feed in rules.FEEDS:
        for line, record_id, problem in rules.problems(world.out_dir, feed):
            if problem:
                found[(feed, line)] = (problem, record_id)
    assert found == declared
    assert world.broken_rows == len(declared)


def test_about_seven_in_a_thousand_rows_are_broken_in_every_way(world: SynthSummary) -> None:
    broken = truth(world.out_dir, "broken_rows.csv")
    share = len(broken) / sum(world.rows_per_feed.values())
    assert 0.004 < share < 0.011
    kinds = Counter(r["kind"] for r in broken)
    assert set(kinds) == {"wrong_column_count", "missing_required", "bad_date", "invalid_code"}
    assert len({r["feed"] for r in broken}) >= 5


def test_the_validator_itself_catches_each_kind() -> None:
    header = rules.SPEC_COLUMNS["benefits"].split()
    good = [
        "EAC0012345678",
        "A012345678",
        "GARCIA",
        "ANA",
        "00/00/1970",
        "MEXICO",
        "I-485",
        "01/02/2003",
        "PENDING",
        "",
        "",
        "",
    ]
    assert rules.csv_problem("benefits", header, good) == ""
    assert rules.csv_problem("benefits", header, good[:-1]) == "wrong_column_count"
    assert rules.csv_problem("benefits", header, [*good[:2], "", *good[3:]]) == "missing_required"
    assert rules.csv_problem("benefits", header, [*good[:7], "02/30/2003", *good[8:]]) == "bad_date"
    assert rules.csv_problem("benefits", header, [*good[:7], "00/02/2003", *good[8:]]) == "bad_date"
    assert rules.csv_problem("benefits", header, [*good[:8], "DENY", *good[9:]]) == "invalid_code"
    assert rules.birth_date("1970", "iso") and not rules.birth_date("1970", "mrz")
    assert rules.birth_date("700000", "mrz") and not rules.birth_date("701300", "mrz")
    assert rules.json_problem("court", {"case_id": "X", "name": "A, B", "events": []})
