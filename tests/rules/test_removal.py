"""FUGITIVE, REENTRY_AFTER_REMOVAL, REMOVABLE_IN_CUSTODY."""

from __future__ import annotations

import pytest

from tests.rules.kit import D, World

ORDERED = [(D("2025-01-10"), "NTA_FILED", None), (D("2025-06-01"), "ORDER", "REMOVAL")]


@pytest.mark.parametrize(
    ("after", "fugitive"),
    [
        ("nothing", True),
        ("removed", False),
        ("departed", False),
        ("appeal pending", False),
        ("appeal dismissed", True),
    ],
)
def test_fugitive_after_a_final_order(after: str, fugitive: bool) -> None:
    w = World()
    events = list(ORDERED)
    if after == "appeal pending":
        events.append((D("2025-06-20"), "APPEAL_FILED", None))
    elif after == "appeal dismissed":
        events += [
            (D("2025-06-20"), "APPEAL_FILED", None),
            (D("2026-01-05"), "APPEAL_DECIDED", "DISMISSED"),
        ]
    case = w.court("P", events)
    if after == "removed":
        w.removal("P", D("2025-09-01"))
    elif after == "departed":
        w.departure("P", D("2025-08-01"))
    found = [f for f in w.judge() if f.code == "FUGITIVE"]
    assert bool(found) is fugitive
    assert all(f.evidence == (case,) for f in found)


def test_voluntary_departure_past_its_date_is_a_fugitive_order() -> None:
    w = World()
    w.court("P", [(D("2025-01-10"), "ORDER", "VOLUNTARY_DEPARTURE")], depart_by=D("2025-03-10"))
    w.court("Q", [(D("2026-05-10"), "ORDER", "VOLUNTARY_DEPARTURE")], depart_by=D("2026-08-10"))
    assert {f.entity_id for f in w.judge() if f.code == "FUGITIVE"} == {"P"}


@pytest.mark.parametrize("seen", ["arrival", "booking", "hire"])
def test_reentry_after_an_executed_removal(seen: str) -> None:
    w = World()
    removal = w.removal("P", D("2020-01-10"))
    if seen == "arrival":
        later = w.arrival("P", D("2022-01-01"), "B2", D("2022-06-30"))
    elif seen == "booking":
        later = w.booking("P", D("2022-01-01"), "RELEASED", D("2022-01-02"))
    else:
        later = w.hire("P", D("2022-01-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL1", None)
    [found] = [f for f in w.judge() if f.code == "REENTRY_AFTER_REMOVAL"]
    assert found.evidence == tuple(sorted((removal, later)))


def test_no_reentry_before_the_removal_or_after_a_return() -> None:
    w = World()
    w.hire("P", D("2019-01-01"), "LPR", "PERMANENT_RESIDENT_CARD", "C1", None)
    w.removal("P", D("2020-01-10"))
    w.removal("Q", D("2020-01-10"), "RETURN")
    w.arrival("Q", D("2022-01-01"), "B2", D("2022-06-30"))
    w.departure("Q", D("2022-02-01"))
    assert not [f for f in w.judge() if f.code == "REENTRY_AFTER_REMOVAL"]


def custody_case(basis: str, status: str = "HELD") -> set[str]:
    w = World()
    w.booking("P", D("2026-06-01"), status, D("2026-06-05") if status == "RELEASED" else None)
    if basis in ("overstay", "overstay and traffic"):
        w.arrival("P", D("2024-01-10"), "B2", D("2024-07-09"))
    if basis in ("serious", "resident with serious"):
        w.criminal("P", [("3562", "CONVICTED", D("2024-03-01"), 200)])
    if basis == "overstay and traffic":
        w.criminal("P", [("5404", "CONVICTED", D("2024-03-01"), 2)])
    if basis in ("resident", "resident with serious", "resident with traffic"):
        w.arrival("P", D("2010-01-10"), "LPR")
    if basis == "resident with traffic":
        w.criminal("P", [("5404", "CONVICTED", D("2024-03-01"), 2)])
    return w.codes("P")


@pytest.mark.parametrize(
    ("basis", "status", "code"),
    [
        ("overstay", "HELD", "REMOVABLE_IN_CUSTODY"),
        ("overstay", "SENTENCED", "REMOVABLE_IN_CUSTODY"),
        ("overstay", "RELEASED", None),
        ("resident with serious", "HELD", "REMOVABLE_IN_CUSTODY"),
        ("resident with traffic", "HELD", None),
        ("resident", "HELD", None),
        ("serious", "HELD", "STATUS_UNVERIFIED"),
    ],
)
def test_removable_in_custody(basis: str, status: str, code: str | None) -> None:
    codes = custody_case(basis, status) - {"OVERSTAY"}
    assert codes == ({code} if code else set())
