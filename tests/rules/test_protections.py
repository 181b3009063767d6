"""Protections hold whatever the records say and whatever a rule proposes.

A property test makes people protected in one of the ways the records can show it, gives
them arbitrary other records (some shared with unprotected people), and checks that no
finding but SHARED_IDENTIFIER ever names them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tessera.model.findings import Severity
from tessera.rules import RULES, ProtectionBreachError, Rule
from tessera.rules.protections import verify
from tests.rules.kit import D, World

Record = Callable[[World, str], object]

days = st.integers(D("2000-01-01").toordinal(), D("2026-06-29").toordinal()).map(
    dt.date.fromordinal
)
passports = st.sampled_from(["PA000001", "PA000002", "PA000003"])
ssns = st.sampled_from(["900-00-0001", "900-00-0002"])
offences = st.sampled_from(["0911", "1101", "1313", "2299", "3562", "3610", "4801", "5404"])


def _arrival(cls: str, day: dt.date, until_days: int, passport: str) -> Record:
    until = day + dt.timedelta(days=until_days) if cls not in ("F1", "LPR", "RE") else None
    return lambda w, p: w.arrival(p, day, cls, until, ds=cls == "F1", passport=passport)


def _court(order: str, day: dt.date, appeal: bool) -> Record:
    events = [(day, "NTA_FILED", None), (day + dt.timedelta(days=90), "ORDER", order)]
    if appeal:
        events.append((day + dt.timedelta(days=100), "APPEAL_DECIDED", "DISMISSED"))
    return lambda w, p: w.court(p, events, depart_by=day + dt.timedelta(days=150))


def _student(reason: str, day: dt.date) -> Record:
    end = "COMPLETED" if reason == "COMPLETED" else "TERMINATED"
    events = [(day, "INITIAL", None), (day + dt.timedelta(days=200), end, reason)]
    return lambda w, p: w.student(p, "F1", day, events)


records: st.SearchStrategy[Record] = st.one_of(
    st.builds(
        _arrival,
        st.sampled_from(["B2", "WT", "H1B", "F1", "LPR"]),
        days,
        st.integers(30, 400),
        passports,
    ),
    st.builds(lambda d, n: lambda w, p: w.departure(p, d, n), days, passports),
    st.builds(
        _court,
        st.sampled_from(["REMOVAL", "REMOVAL_IN_ABSENTIA", "VOLUNTARY_DEPARTURE"]),
        days,
        st.booleans(),
    ),
    st.builds(
        lambda d, k: lambda w, p: w.removal(p, d, k), days, st.sampled_from(["REMOVAL", "RETURN"])
    ),
    st.builds(
        lambda d, s: lambda w, p: w.booking(p, d, s), days, st.sampled_from(["HELD", "SENTENCED"])
    ),
    st.builds(lambda o, d: lambda w, p: w.criminal(p, [(o, "CONVICTED", d, 400)]), offences, days),
    st.builds(
        lambda d, a, n, s: lambda w, p: w.hire(p, d, a, "FOREIGN_PASSPORT+I-94", n, s),
        days,
        st.sampled_from(["USC", "LPR", "AUTHORIZED_ALIEN"]),
        passports,
        ssns,
    ),
    st.builds(
        lambda lst, d: lambda w, p: w.listing(p, lst, d),
        st.sampled_from(["SEX_OFFENDER_REGISTRY", "HUMAN_RIGHTS_VIOLATOR"]),
        days,
    ),
    st.builds(lambda d: lambda w, p: w.warrant(p, "IMMIGRATION_VIOLATOR"), days),
    st.builds(
        _student, st.sampled_from(["COMPLETED", "EXPULSION", "AUTHORIZED EARLY WITHDRAWAL"]), days
    ),
    st.builds(lambda d: lambda w, p: w.registration(p, "INTERVIEW", d), days),
    st.builds(
        lambda f, d: lambda w, p: w.filing(p, f, d, "DENIED", d + dt.timedelta(days=60)),
        st.sampled_from(["I-539", "I-485", "I-589"]),
        days,
    ),
)

PROTECTIONS: dict[str, Record] = {
    "naturalised": lambda w, p: w.filing(p, "N-400", D("2012-01-01"), "APPROVED", D("2012-09-01")),
    "citizen arrival": lambda w, p: w.arrival(p, D("2019-03-01"), "USC"),
    "US passport on an I-9": lambda w, p: w.hire(
        p, D("2015-01-01"), "USC", "US_PASSPORT", "512345678"
    ),
    "asylum pending": lambda w, p: w.filing(p, "I-589", D("2020-01-01"), "PENDING"),
    "asylum approved": lambda w, p: w.filing(
        p, "I-589", D("2014-01-01"), "APPROVED", D("2015-01-01")
    ),
    "T visa pending": lambda w, p: w.filing(p, "I-914", D("2021-01-01"), "PENDING"),
    "U visa approved": lambda w, p: w.filing(
        p, "I-918", D("2016-01-01"), "APPROVED", D("2018-01-01")
    ),
}

population = st.lists(
    st.tuples(st.sampled_from(sorted(PROTECTIONS)), st.lists(records, min_size=1, max_size=6)),
    min_size=1,
    max_size=4,
)
others = st.lists(st.lists(records, min_size=1, max_size=4), max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protected=population, unprotected=others)
def test_no_enforcement_finding_ever_names_a_protected_person(
    protected: list[tuple[str, list[Record]]], unprotected: list[list[Record]]
) -> None:
    w = World()
    names = []
    for i, (protection, recs) in enumerate(protected):
        names.append(person := f"PROTECTED{i}")
        PROTECTIONS[protection](w, person)
        for make in recs:
            make(w, person)
    for i, recs in enumerate(unprotected):
        for make in recs:
            make(w, f"OTHER{i}")
    findings = w.judge()
    named = [f for f in findings if f.entity_id in names and f.code != "SHARED_IDENTIFIER"]
    assert named == []
    assert w.run is not None
    event(f"proposals withheld: {min(sum(x.count for x in w.run.withheld), 3)}+")


def overstayer(w: World, person: str) -> None:
    w.arrival(person, D("2020-01-10"), "B2", D("2020-07-09"))
    w.hire(person, D("2021-01-01"), "USC", "DRIVERS_LICENSE+SSN_CARD", "DL7", "900-77-0000")


@pytest.mark.parametrize("protection", sorted(PROTECTIONS))
def test_the_same_history_is_named_only_without_the_protection(protection: str) -> None:
    """Not vacuous: the records that stay silent on a protected person do name others."""
    w = World()
    overstayer(w, "BARE")
    overstayer(w, "SHIELDED")
    PROTECTIONS[protection](w, "SHIELDED")
    found = w.judge()
    assert {"OVERSTAY", "UNAUTHORIZED_EMPLOYMENT"} <= w.codes("BARE", found)
    assert w.codes("SHIELDED", found) <= {"SHARED_IDENTIFIER"}


def test_a_rule_that_names_everyone_cannot_reach_a_protected_person() -> None:
    reckless = Rule(
        code="OVERSTAY",
        version="0-test",
        title="names every person",
        legal_basis=("none",),
        effective_from=D("1900-01-01"),
        effective_to=None,
        severity=Severity.HIGH,
        query="SELECT entity_id, {as_of} AS subject_on, noncitizen_keys || citizen_keys "
        "|| protection_keys AS evidence FROM status_people",
    )
    w = World()
    overstayer(w, "BARE")
    overstayer(w, "CITIZEN")
    PROTECTIONS["naturalised"](w, "CITIZEN")
    w.registration("REGISTERED", "INTERVIEW", D("2004-01-01"))
    found = w.judge(rules=[*RULES, reckless])
    assert {f.entity_id for f in found if f.rule_version == "0-test"} == {"BARE"}


def test_registration_records_are_never_evidence_of_anything() -> None:
    w = World()
    w.registration("R", "POE_REGISTRATION", D("2003-01-01"))
    w.registration("R", "EXIT", D("2004-01-01"))
    assert w.judge() == []


def test_publishing_refuses_a_findings_table_that_breaks_a_protection() -> None:
    w = World()
    overstayer(w, "CITIZEN")
    PROTECTIONS["citizen arrival"](w, "CITIZEN")
    w.judge()
    w.con.execute(
        "INSERT INTO findings (finding_id, entity_id, code) VALUES ('x', 'CITIZEN', 'FUGITIVE')"
    )
    with pytest.raises(ProtectionBreachError, match="FUGITIVE on CITIZEN"):
        verify(w.con)


def test_every_finding_carries_its_rule_version_basis_and_policy() -> None:
    w = World()
    overstayer(w, "P")
    by_code = {r.code: r for r in RULES}
    for f in w.judge():
        rule = by_code[f.code]
        assert (f.rule_version, f.legal_basis, f.policy) == (rule.version, rule.basis, "DHS-2014")
    assert dataclasses.is_dataclass(f)


@pytest.mark.parametrize("near_miss", [False, True])
def test_a_possible_match_to_a_protected_person_shields_until_someone_looks(
    near_miss: bool,
) -> None:
    # Linkage held apart an asylum filing and an overstayer's records (a misspelt name),
    # but scored the two as a possible match: the overstayer is treated as protected.
    w = World()
    overstayer(w, "MAYBE")
    PROTECTIONS["asylum pending"](w, "ASYLEE")
    arrival = next(f"{f}:{r}" for f, r, p in w.links if p == "MAYBE" and f == "arrivals")
    filing = next(f"{f}:{r}" for f, r, p in w.links if p == "ASYLEE")
    w.con.execute(
        "CREATE TABLE scored_pairs (unique_id_l VARCHAR, unique_id_r VARCHAR, "
        "match_probability DOUBLE)"
    )
    if near_miss:
        w.con.execute("INSERT INTO scored_pairs VALUES (?, ?, 0.3)", [filing, arrival])
    found = w.judge()
    assert w.run is not None
    if near_miss:
        assert w.codes("MAYBE", found) == set()
        assert any(x.standing == "POSSIBLY_PROTECTED" for x in w.run.withheld)
    else:
        assert "OVERSTAY" in w.codes("MAYBE", found)


@pytest.mark.parametrize("feeds", [["arrivals", "employment"], ["arrivals", "benefits"]])
def test_without_the_feeds_that_show_protection_no_one_is_named(feeds: list[str]) -> None:
    # An overstayer (arrival past its admit-until date): named only when the workspace
    # holds the feeds that could show a protective filing or a citizen's arrival.
    w = World(feeds=feeds)
    w.arrival("LATE", D("2020-01-10"), "B2", D("2020-07-09"))
    found = w.judge()
    assert w.run is not None
    if "benefits" in feeds:
        assert "OVERSTAY" in w.codes("LATE", found)
    else:
        assert w.codes("LATE", found) == set()
        assert any(x.code == "OVERSTAY" for x in w.run.withheld)
