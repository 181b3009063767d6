"""The timeline carries every feed's records; court orders get their finality right."""

from __future__ import annotations

import datetime as dt

import pytest

from tessera.status import build_status
from tessera.status.query import standing, timeline
from tests.rules.kit import AS_OF, D, World


def test_every_feed_has_its_events_on_the_timeline_with_the_record_behind_them() -> None:
    w = World()
    keys = {
        w.arrival("P", D("2010-01-01"), "F1", ds=True),
        w.departure("P", D("2015-01-01")),
        w.student("P", "F1", D("2010-01-15"), [(D("2010-01-02"), "INITIAL", None)]),
        w.filing("P", "I-765", D("2012-01-01"), "APPROVED", D("2012-02-01")),
        w.court("P", [(D("2016-01-01"), "NTA_FILED", None)]),
        w.removal("P", D("2017-01-01")),
        w.booking("P", D("2016-06-01"), "RELEASED", D("2016-06-03"), ["1313"]),
        w.criminal("P", [("1313", "DISMISSED", D("2016-07-01"), None)]),
        w.warrant("P", "WANTED"),
        w.hire("P", D("2013-01-01"), "AUTHORIZED_ALIEN", "EAD", "EAD1", "900-00-0001"),
        w.listing("P", "HUMAN_RIGHTS_VIOLATOR", D("2018-01-01")),
    }
    registration = w.registration("P", "INTERVIEW", D("2003-01-01"))
    w.judge()
    events = timeline(w.con, "P")
    assert keys | {registration} <= {e.key for e in events}
    [reg] = [e for e in events if e.key == registration]
    assert reg.identity_only and all(not e.identity_only for e in events if e is not reg)


ORDER = D("2026-01-01")


@pytest.mark.parametrize(
    ("events", "as_of", "final_on"),
    [
        ([(ORDER, "ORDER", "REMOVAL")], ORDER + dt.timedelta(days=30), None),
        ([(ORDER, "ORDER", "REMOVAL")], ORDER + dt.timedelta(days=31), D("2026-02-01")),
        (
            [(ORDER, "ORDER", "REMOVAL"), (D("2026-01-20"), "APPEAL_FILED", None)],
            AS_OF,
            None,
        ),
        (
            [
                (ORDER, "ORDER", "REMOVAL_IN_ABSENTIA"),
                (D("2026-01-20"), "APPEAL_FILED", None),
                (D("2026-04-01"), "APPEAL_DECIDED", "DISMISSED"),
            ],
            AS_OF,
            D("2026-04-01"),
        ),
        (
            [
                (ORDER, "ORDER", "REMOVAL"),
                (D("2026-01-20"), "APPEAL_FILED", None),
                (D("2026-04-01"), "APPEAL_DECIDED", "SUSTAINED"),
            ],
            AS_OF,
            None,
        ),
        ([(ORDER, "ORDER", "RELIEF_GRANTED")], AS_OF, None),
    ],
)
def test_an_order_is_final_after_the_appeal_window_or_a_dismissed_appeal(
    events: list[tuple[dt.date, str, str | None]], as_of: dt.date, final_on: dt.date | None
) -> None:
    w = World(as_of)
    w.court("P", events)
    w.judge()
    row = w.con.execute("SELECT final_on FROM status_orders").fetchone()
    assert row is not None and row[0] == final_on


def test_voluntary_departure_not_honoured_becomes_final_the_day_after_its_date() -> None:
    w = World(D("2026-03-01"))
    w.court("P", [(ORDER, "ORDER", "VOLUNTARY_DEPARTURE")], depart_by=D("2026-02-28"))
    w.court("Q", [(ORDER, "ORDER", "VOLUNTARY_DEPARTURE")], depart_by=D("2026-03-01"))
    w.judge()
    rows = dict(w.con.execute("SELECT entity_id, final_on FROM status_orders").fetchall())
    assert rows == {"P": D("2026-03-01"), "Q": None}


def test_registration_a_fin_or_a_warrant_alone_show_nothing_about_citizenship() -> None:
    w = World()
    w.registration("R", "POE_REGISTRATION", D("2003-01-01"))
    w.arrival("F", D("2020-01-01"), None, fin="FIN1234567890")  # an arrival with no class
    w.warrant("W", "WANTED")
    w.warrant("I", "IMMIGRATION_VIOLATOR")
    w.judge()
    got = {p: getattr(standing(w.con, p), "standing", None) for p in "RFWI"}
    assert got == {"R": "UNKNOWN", "F": "UNKNOWN", "W": "UNKNOWN", "I": "NONCITIZEN"}


def test_a_drop_without_some_feeds_still_builds_every_status_table() -> None:
    w = World(feeds=["arrivals"])
    w.arrival("P", D("2024-01-10"), "B2", D("2024-07-09"))
    w.con.execute(
        "CREATE TABLE record_entities AS SELECT 'arrivals' AS feed, "
        "record_id, 'P' AS entity_id FROM src_arrivals"
    )
    built = build_status(w.con)
    assert built.people == 1 and built.standing == {"NONCITIZEN": 1}
    row = w.con.execute("SELECT count(*) FROM status_filings").fetchone()
    assert row == (0,)
