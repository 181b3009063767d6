"""UNAUTHORIZED_EMPLOYMENT, HUMAN_RIGHTS_VIOLATOR_PRESENT, SEX_OFFENDER_REMOVABLE."""

from __future__ import annotations

import pytest

from tests.rules.kit import D, World

HIRED = D("2022-03-01")


def hire_of(status: str) -> set[str]:
    w = World()
    if status == "visitor":
        w.arrival("P", D("2022-01-10"), "B2", D("2022-07-09"))
    elif status == "worker within admission":
        w.arrival("P", D("2021-01-10"), "H1B", D("2024-01-09"))
    elif status == "worker after admission":
        w.arrival("P", D("2018-01-10"), "H1B", D("2021-01-09"))
    elif status == "student with a valid EAD":
        w.arrival("P", D("2020-08-10"), "F1", ds=True)
        w.filing(
            "P",
            "I-765",
            D("2021-10-01"),
            "APPROVED",
            D("2021-12-01"),
            (D("2022-01-01"), D("2022-12-31")),
        )
    elif status == "resident":
        w.arrival("P", D("2015-01-10"), "LPR")
    elif status == "relief granted":
        w.court(
            "P",
            [(D("2021-01-01"), "NTA_FILED", None), (D("2022-02-01"), "ORDER", "RELIEF_GRANTED")],
        )
    elif status == "relief granted later":
        w.court(
            "P",
            [(D("2021-01-01"), "NTA_FILED", None), (D("2022-04-01"), "ORDER", "RELIEF_GRANTED")],
        )
    elif status == "visitor who left before the hire":
        w.arrival("P", D("2021-01-10"), "B2", D("2021-07-09"))
        w.departure("P", D("2021-02-01"))
    elif status == "visitor arriving after the hire":
        w.arrival("P", D("2023-01-10"), "B2", D("2023-07-09"))
        w.departure("P", D("2023-02-01"))
    w.hire("P", HIRED, "USC", "DRIVERS_LICENSE+SSN_CARD", "DL1", "900-00-0001")
    return w.codes("P")


@pytest.mark.parametrize(
    ("status", "unauthorised"),
    [
        ("visitor", True),
        ("worker within admission", False),
        ("worker after admission", True),
        ("student with a valid EAD", False),
        ("resident", False),
        ("relief granted", False),
        ("relief granted later", True),
        ("visitor who left before the hire", False),
        ("visitor arriving after the hire", False),
        ("no record of status at all", False),
    ],
)
def test_unauthorized_employment(status: str, unauthorised: bool) -> None:
    assert ("UNAUTHORIZED_EMPLOYMENT" in hire_of(status)) is unauthorised


def test_a_noncitizen_by_attestation_with_no_record_of_status_is_not_authorised() -> None:
    w = World()
    hired = w.hire("P", HIRED, "LPR", "PERMANENT_RESIDENT_CARD", "IOE1", "900-00-0002")
    [found] = [f for f in w.judge() if f.code == "UNAUTHORIZED_EMPLOYMENT"]
    assert found.evidence == (hired,)


@pytest.mark.parametrize(
    ("history", "present"),
    [("arrived", True), ("departed", False), ("pending filing", True), ("nothing", False)],
)
def test_human_rights_violator_present(history: str, present: bool) -> None:
    w = World()
    w.listing("P", "HUMAN_RIGHTS_VIOLATOR", D("2024-01-01"))
    if history in ("arrived", "departed"):
        w.arrival("P", D("2023-05-01"), "B2", D("2023-11-01"))
    if history == "departed":
        w.departure("P", D("2023-06-01"))
    if history == "pending filing":
        w.filing("P", "I-485", D("2024-02-01"), "PENDING")
    assert ("HUMAN_RIGHTS_VIOLATOR_PRESENT" in w.codes("P")) is present


@pytest.mark.parametrize(
    ("history", "code"),
    [
        ("overstay", "SEX_OFFENDER_REMOVABLE"),
        ("resident convicted of a sex offence", "SEX_OFFENDER_REMOVABLE"),
        ("resident convicted of theft", None),
        ("convicted of a sex offence, status unknown", "STATUS_UNVERIFIED"),
        ("citizen convicted of a sex offence", None),
    ],
)
def test_sex_offender_removable(history: str, code: str | None) -> None:
    w = World()
    w.listing("P", "SEX_OFFENDER_REGISTRY", D("2016-01-01"))
    if history == "overstay":
        w.arrival("P", D("2018-01-10"), "B2", D("2018-07-09"))
    if "resident" in history:
        w.arrival("P", D("2010-01-10"), "LPR")
    if "citizen" in history:
        w.arrival("P", D("2010-01-10"), "USC")
    if "sex offence" in history:
        w.criminal("P", [("3610", "CONVICTED", D("2015-01-01"), 400)])
    if "theft" in history:
        w.criminal("P", [("2399", "CONVICTED", D("2015-01-01"), 30)])
    codes = w.codes("P") - {"OVERSTAY"}
    assert codes == ({code} if code else set())
