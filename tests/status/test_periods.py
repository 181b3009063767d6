"""Periods of status and the answer to "what was this person's status on date D"."""

from __future__ import annotations

import datetime as dt

from tessera.status.query import Answer, periods, standing, status_on
from tests.rules.kit import D, World


def kinds_on(w: World, person: str, day: dt.date) -> set[tuple[str, str]]:
    return {(p.kind, p.key) for p in periods(w.con, person, day)}


def test_an_admission_ends_at_its_date_or_at_the_first_exit_after_it() -> None:
    w = World()
    stay = w.arrival("P1", D("2024-01-10"), "B2", D("2024-07-09"))
    w.departure("P1", D("2024-03-01"))
    late = w.arrival("P2", D("2024-01-10"), "B2", D("2024-07-09"))
    w.judge()
    assert kinds_on(w, "P1", D("2024-02-01")) == {("STAY", stay)}
    assert kinds_on(w, "P1", D("2024-04-01")) == set()  # left on 2024-03-01
    assert kinds_on(w, "P2", D("2024-07-09")) == {("STAY", late)}
    assert kinds_on(w, "P2", D("2024-07-10")) == set()


def test_an_approved_extension_and_a_timely_pending_filing_extend_the_stay() -> None:
    w = World()
    w.arrival("P1", D("2024-01-10"), "B2", D("2024-07-09"))
    extended = w.filing(
        "P1",
        "I-539",
        D("2024-06-01"),
        "APPROVED",
        D("2024-08-01"),
        (D("2024-07-10"), D("2025-01-09")),
    )
    w.arrival("P2", D("2024-01-10"), "B2", D("2024-07-09"))
    pending = w.filing("P2", "I-539", D("2024-06-01"), "PENDING")
    w.arrival("P3", D("2024-01-10"), "B2", D("2024-07-09"))
    w.filing("P3", "I-539", D("2024-08-01"), "PENDING")  # filed after the stay ran out
    w.judge()
    assert kinds_on(w, "P1", D("2024-12-01")) == {("STAY", extended)}
    assert kinds_on(w, "P2", D("2025-06-01")) == {("STAY", pending)}
    assert kinds_on(w, "P3", D("2025-06-01")) == set()


def test_work_authorisation_comes_from_records_of_status_only() -> None:
    w = World()
    worker = w.arrival("W", D("2020-01-01"), "H1B", D("2023-01-01"))
    w.arrival("V", D("2020-01-01"), "B2", D("2020-07-01"))
    w.hire("V", D("2020-02-01"), "AUTHORIZED_ALIEN", "FOREIGN_PASSPORT+I-94", "X1", "900-00-0001")
    permit = w.filing(
        "E",
        "I-765",
        D("2021-01-01"),
        "APPROVED",
        D("2021-03-01"),
        (D("2021-03-01"), D("2023-02-28")),
    )
    resident = w.arrival("L", D("2001-01-01"), "LPR")
    w.judge()
    assert ("WORK", worker) in kinds_on(w, "W", D("2022-12-31"))
    assert not any(k == "WORK" for k, _ in kinds_on(w, "W", D("2023-01-02")))
    assert not any(k == "WORK" for k, _ in kinds_on(w, "V", D("2020-02-01")))
    assert ("WORK", permit) in kinds_on(w, "E", D("2023-02-28"))
    assert ("WORK", resident) in kinds_on(w, "L", D("2026-01-01"))


def test_citizenship_is_shown_by_naturalisation_a_citizen_arrival_or_a_us_passport() -> None:
    w = World()
    naturalised = w.filing("N", "N-400", D("2015-01-01"), "APPROVED", D("2016-01-01"))
    w.arrival("U", D("2019-05-01"), "USC")
    w.hire("H", D("2018-01-01"), "USC", "US_PASSPORT", "123456789", "900-00-0002")
    w.hire("D", D("2018-01-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL1", "900-00-0003")
    w.judge()
    assert ("CITIZENSHIP", naturalised) in kinds_on(w, "N", D("2016-01-01"))
    assert not any(k == "CITIZENSHIP" for k, _ in kinds_on(w, "N", D("2015-12-31")))
    for person in ("N", "U", "H"):
        shown = standing(w.con, person)
        assert shown is not None and shown.standing == "CITIZEN"
    shown = standing(w.con, "D")  # an attestation is a claim, not a record of status
    assert shown is not None and shown.standing == "UNKNOWN"


def test_status_on_a_date_is_shown_none_shown_or_cannot_be_shown() -> None:
    w = World()
    w.arrival("P1", D("2024-01-10"), "B2", D("2024-07-09"))
    w.hire("P2", D("2020-01-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL9", "900-00-0009")
    w.judge()
    shown = status_on(w.con, "P1", D("2024-02-01"))
    assert shown.answer is Answer.SHOWN and [p.kind for p in shown.periods] == ["STAY"]
    after = status_on(w.con, "P1", D("2025-01-01"))
    assert after.answer is Answer.NONE_SHOWN and after.noncitizen_keys
    # Before the first record that shows noncitizenship, nothing can be said.
    assert status_on(w.con, "P1", D("2023-01-01")).answer is Answer.CANNOT_BE_SHOWN
    # Someone with no immigration record at all: the honest answer.
    assert status_on(w.con, "P2", D("2024-01-01")).answer is Answer.CANNOT_BE_SHOWN
