"""OVERSTAY, STUDENT_STATUS_VIOLATION, STUDENT_OVERSTAY: each clause of SPEC's rule."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.rules.kit import AS_OF, D, World

DAY = dt.timedelta(days=1)


def overstay_of(setup: str) -> set[str]:
    w = World()
    w.arrival("P", D("2025-01-10"), "B2", D("2025-07-09"))
    if setup == "departed":
        w.departure("P", D("2025-07-20"))
    elif setup == "left the same day":
        w.departure("P", D("2025-01-10"))
    elif setup == "removed":
        w.removal("P", D("2025-09-01"), "RETURN")
    elif setup == "timely extension pending":
        w.filing("P", "I-539", D("2025-06-01"), "PENDING")
    elif setup == "timely change denied":
        w.filing("P", "I-539", D("2025-06-01"), "DENIED", D("2025-09-01"))
    elif setup == "adjustment filed late":
        w.filing("P", "I-485", D("2025-08-01"), "PENDING")
    return w.codes("P")


@pytest.mark.parametrize(
    ("setup", "overstay"),
    [
        ("nothing", True),
        ("departed", False),
        ("left the same day", False),
        ("removed", False),
        ("timely extension pending", False),
        ("timely change denied", True),
        ("adjustment filed late", True),
    ],
)
def test_overstay_of_a_dated_admission(setup: str, overstay: bool) -> None:
    assert ("OVERSTAY" in overstay_of(setup)) is overstay


def test_admit_until_must_be_before_as_of_and_duration_of_status_never_overstays() -> None:
    w = World()
    w.arrival("ON_THE_DAY", D("2026-01-01"), "B2", AS_OF)
    w.arrival("DAY_BEFORE", D("2026-01-01"), "B2", AS_OF - DAY)
    w.arrival("STUDENT", D("2020-01-01"), "F1", ds=True)
    w.arrival("RESIDENT", D("2020-01-01"), "LPR")
    found = {f.entity_id for f in w.judge() if f.code == "OVERSTAY"}
    assert found == {"DAY_BEFORE"}


def test_each_overstayed_arrival_is_its_own_finding_with_its_record() -> None:
    w = World()
    first = w.arrival("P", D("2024-01-10"), "B2", D("2024-07-09"))
    second = w.arrival("P", D("2025-01-10"), "WT", D("2025-04-10"))
    found = [f for f in w.judge() if f.code == "OVERSTAY"]
    assert sorted(f.evidence for f in found) == sorted([(first,), (second,)])


def violation(after: str) -> set[str]:
    w = World()
    terminated = D("2024-03-01")
    events = [(D("2023-08-01"), "INITIAL", None), (D("2023-09-01"), "ACTIVE", None)]
    reason = "TRANSFER" if after == "transfer" else "UNAUTHORIZED EMPLOYMENT"
    w.student("P", "F1", D("2023-09-01"), [*events, (terminated, "TERMINATED", reason)])
    if after == "departed":
        w.departure("P", D("2024-03-05"))
    elif after == "change approved":
        w.filing("P", "I-539", D("2024-03-10"), "APPROVED", D("2024-06-01"))
    elif after == "change pending":
        w.filing("P", "I-539", D("2024-03-10"), "PENDING")
    return w.codes("P")


@pytest.mark.parametrize(
    ("after", "found"),
    [
        ("nothing", True),
        ("departed", False),
        ("change approved", False),
        ("change pending", True),
        ("transfer", False),
    ],
)
def test_student_status_violation(after: str, found: bool) -> None:
    assert ("STUDENT_STATUS_VIOLATION" in violation(after)) is found


@pytest.mark.parametrize(
    ("visa_class", "status", "reason", "days_ago", "found"),
    [
        ("F1", "COMPLETED", None, 61, True),
        ("F1", "COMPLETED", None, 60, False),
        ("M1", "COMPLETED", None, 61, True),
        ("J1", "COMPLETED", None, 31, True),
        ("J1", "COMPLETED", None, 30, False),
        ("F1", "TERMINATED", "AUTHORIZED EARLY WITHDRAWAL", 16, True),
        ("F1", "TERMINATED", "AUTHORIZED EARLY WITHDRAWAL", 15, False),
    ],
)
def test_student_overstay_counts_the_grace_period_from_the_end_event(
    visa_class: str, status: str, reason: str | None, days_ago: int, found: bool
) -> None:
    w = World()
    events = [(D("2022-08-01"), "INITIAL", None), (AS_OF - days_ago * DAY, status, reason)]
    w.student("P", visa_class, D("2022-09-01"), events)
    assert ("STUDENT_OVERSTAY" in w.codes("P")) is found


@pytest.mark.parametrize("later", ["departure", "status filing", "new student record"])
def test_student_overstay_ends_with_a_departure_later_status_or_a_new_record(later: str) -> None:
    w = World()
    completed = [(D("2022-08-01"), "INITIAL", None), (D("2024-05-15"), "COMPLETED", None)]
    w.student("P", "F1", D("2022-09-01"), completed)
    if later == "departure":
        w.departure("P", D("2024-06-01"))
    elif later == "status filing":
        w.filing("P", "I-129", D("2024-04-01"), "PENDING")
    else:
        w.student("P", "F1", D("2024-09-01"), [(D("2024-08-01"), "INITIAL", None)])
    assert "STUDENT_OVERSTAY" not in w.codes("P")
