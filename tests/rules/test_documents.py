"""LOST_STOLEN_DOCUMENT_USED and SHARED_IDENTIFIER (the owner is a victim)."""

from __future__ import annotations

from tests.rules.kit import D, World


def test_a_document_used_after_it_was_reported_stolen() -> None:
    w = World()
    report = w.lost_stolen("X1234567", D("2020-01-01"))
    used = w.arrival("P", D("2021-01-01"), "B2", D("2021-06-30"), passport="X1234567")
    w.departure("P", D("2021-02-01"), passport="X1234567")
    w.arrival("Q", D("2019-01-01"), "B2", D("2019-06-30"), passport="X1234567")
    w.departure("Q", D("2019-02-01"), passport="X1234567")
    hired = w.hire("R", D("2022-01-01"), "AUTHORIZED_ALIEN", "FOREIGN_PASSPORT+I-94", "X1234567")
    found = {f.entity_id: f.evidence for f in w.judge() if f.code == "LOST_STOLEN_DOCUMENT_USED"}
    assert found == {"P": tuple(sorted((report, used))), "R": tuple(sorted((report, hired)))}


def test_every_user_of_a_shared_ssn_is_named_and_the_owner_is_its_victim() -> None:
    w = World()
    own = w.hire("OWNER", D("2005-01-01"), "USC", "US_PASSPORT", "500000001", "900-11-2222")
    w.court("THIEF", [(D("2019-01-01"), "NTA_FILED", None)])
    thief = w.hire("THIEF", D("2018-01-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL", "900-11-2222")
    shared = {f.entity_id: f for f in w.judge() if f.code == "SHARED_IDENTIFIER"}
    assert set(shared) == {"OWNER", "THIEF"}
    assert (shared["OWNER"].role, shared["OWNER"].severity) == ("OWNER", "victim")
    assert shared["OWNER"].tier is None and "victim" in shared["OWNER"].detail
    assert (shared["THIEF"].role, shared["THIEF"].severity) == ("USER", "medium")
    assert shared["OWNER"].evidence == (own,) and shared["THIEF"].evidence == (thief,)


def test_a_passport_shown_at_a_departure_is_a_use() -> None:
    w = World()
    w.arrival("A", D("2020-01-01"), "B2", D("2020-06-30"), passport="P7654321")
    w.departure("B", D("2020-03-01"), passport="P7654321")
    shared = {f.entity_id for f in w.judge() if f.code == "SHARED_IDENTIFIER"}
    assert shared == {"A", "B"}


def test_no_owner_is_presumed_when_no_signal_names_exactly_one() -> None:
    w = World()
    for person in ("A", "B"):
        w.arrival(person, D("2020-01-01"), "B2", D("2020-06-30"), passport="P7654321")
    shared = {f.entity_id: f.role for f in w.judge() if f.code == "SHARED_IDENTIFIER"}
    assert shared == {"A": "USER", "B": "USER"}


def test_one_person_using_an_identifier_many_times_shares_nothing() -> None:
    w = World()
    for year in (2018, 2019, 2020):
        w.hire("P", D(f"{year}-01-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL", "900-33-4444")
    assert "SHARED_IDENTIFIER" not in w.codes("P")
