"""The status-query benchmark's own logic: what counts as meeting the targets, how the
ramp finds the sustainable rate, which queries must stay hidden, and how the results
section replaces the last one."""

from __future__ import annotations

from typing import Any

import pytest
from benchmarks.status_bench import (
    STATUS_HEADING,
    Plan,
    StatusRow,
    hide_protected,
    ramp,
    render_status,
    replace_section,
)

from benchmarks import status_bench
from tessera.security import SubjectFacts


def summary(rate: float, **changes: Any) -> dict[str, Any]:
    """A load run that met every target, with ``changes``."""
    base: dict[str, Any] = {
        "label": "",
        "rate": rate,
        "seconds": 1.0,
        "sent": 100,
        "answered_per_s": rate,
        "ok": 100,
        "too_many": 0,
        "other_4xx": 0,
        "server_errors": 0,
        "timeouts": 0,
        "connection_errors": 0,
        "client_p50_ms": 10.0,
        "client_p99_ms": 40.0,
        "server_p50_ms": 8.0,
        "server_p99_ms": 25.0,
        "recall_at_10": 0.99,
        "judged": 97,
        "leaks": 0,
        "lag_p99_ms": 2.0,
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("changes", "met"),
    [
        ({}, True),
        ({"too_many": 1}, False),  # shedding at this rate: not sustainable
        ({"server_errors": 1}, False),
        ({"timeouts": 1}, False),
        ({"server_p99_ms": 30.5}, False),
        ({"client_p99_ms": 101.0}, False),
        ({"server_p99_ms": None}, False),  # nothing answered: nothing met
    ],
)
def test_the_targets_are_met_only_without_errors_shedding_or_slow_tails(
    changes: dict[str, Any], met: bool
) -> None:
    assert StatusRow(1, "ramp", summary(50, **changes)).meets_targets() is met


def capacity(limit: float) -> status_bench.LoadRun:
    """A server that serves within the targets up to ``limit`` requests a second."""

    def run(rate: float, _seconds: float) -> dict[str, Any]:
        return summary(rate, server_p99_ms=20.0 if rate <= limit else 300.0)

    return run


def test_the_ramp_climbs_by_half_until_a_step_misses() -> None:
    rows, sustainable = ramp(capacity(80), 1, Plan(rate=50))
    assert [r.summary["rate"] for r in rows] == [50, 75, 112]
    assert sustainable == 75


def test_the_ramp_comes_down_when_the_target_rate_misses() -> None:
    rows, sustainable = ramp(capacity(25), 1, Plan(rate=50))
    assert [r.summary["rate"] for r in rows] == [50, 33, 22]
    assert sustainable == 22


def test_the_ramp_gives_up_at_an_eighth_of_the_target_and_at_eight_times_it() -> None:
    rows, sustainable = ramp(capacity(0), 1, Plan(rate=50))
    assert (sustainable, rows[-1].summary["rate"]) == (0.0, 7)
    rows, sustainable = ramp(capacity(10_000), 1, Plan(rate=50))
    assert sustainable == rows[-1].summary["rate"] <= 400 < sustainable * 1.5


def test_a_query_about_a_protected_person_names_them_as_the_one_to_hide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = {
        "P00000SQ": SubjectFacts("P00000SQ", protected_1367=True),
        "P00000RM": SubjectFacts("P00000RM"),
    }
    monkeypatch.setattr(status_bench, "subject_facts", lambda _store, pid: facts.get(pid))
    queries = [
        {"query_id": "Q1", "expected_person_id": "P00000SQ"},
        {"query_id": "Q2", "expected_person_id": "P00000RM"},
        {"query_id": "Q3", "expected_person_id": None},
    ]
    marked = hide_protected(queries, store=None)  # type: ignore[arg-type]
    assert marked == [
        {"query_id": "Q1", "expected_person_id": None, "hidden_person_id": "P00000SQ"},
        {"query_id": "Q2", "expected_person_id": "P00000RM"},
        {"query_id": "Q3", "expected_person_id": None},
    ]


def test_the_results_section_replaces_the_last_one_and_keeps_the_rest() -> None:
    rows = [
        StatusRow(1_000_000, "target", summary(50)),
        StatusRow(1_000_000, "overload", summary(150, ok=60, too_many=40)),
    ]
    section = render_status(rows, Plan())
    assert section.startswith(STATUS_HEADING)
    assert "| 1,000,000 | target | 50 | 100 | 100 | 0 | 0 | 0 | 0 | 10.0 | 40.0 | 8.0 |" in section
    assert "| 1,000,000 | overload | 150 | 100 | 60 | 40 |" in section
    assert "partner officer" in section
    first = replace_section("# Benchmarks\n\n| step |\n", section)
    again = replace_section(first, render_status(rows[:1], Plan()))
    assert again.startswith("# Benchmarks\n\n| step |\n\n" + STATUS_HEADING)
    assert again.count(STATUS_HEADING) == 1 and "| overload |" not in again
    assert replace_section("", section) == section
