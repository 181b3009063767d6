"""Constrained clustering: no person ever holds records that may never be one, even when
a chain of ties runs through records that conflict with nobody."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tessera.identity.clustering import cluster_records, constraint_columns
from tessera.identity.judgements import Judgement
from tessera.identity.tables import UNDECIDED_TABLE
from tests.identity.clusterkit import people, workspace

FIN1, FIN2 = "FIN0000000001", "FIN0000000002"


def test_the_rule_s_columns_are_read_from_its_sql() -> None:
    columns = constraint_columns()
    assert {"fin", "dob", "dob_year", "a_number"} <= set(columns)
    assert constraint_columns("l.x <> r.x AND l.y = 1") == ("x", "y")
    with pytest.raises(ValueError, match="reads no column"):
        constraint_columns("1 = 1")


def test_a_chain_never_puts_two_fins_in_one_person() -> None:
    # a:2 is a thousand times likelier a:3's than a:1's (0.6 is 0.6 bits, 0.999999 20).
    con = workspace(
        {"a:1": {"fin": FIN1}, "a:2": {}, "a:3": {"fin": FIN2}},
        [("a:1", "a:2", 0.6), ("a:2", "a:3", 0.999999)],
    )
    result = cluster_records(con)
    assert people(con) == [["a:1"], ["a:2", "a:3"]]
    assert (result.records, result.clusters, result.regrouped_components) == (3, 2, 1)


def test_a_chain_never_joins_two_conflicting_dates_of_birth() -> None:
    con = workspace(
        {"a:1": {"dob": "1980-01-01"}, "a:2": {}, "a:3": {"dob": "1990-06-15"}},
        [("a:1", "a:2", 0.999999), ("a:2", "a:3", 0.6)],
    )
    cluster_records(con)
    assert people(con) == [["a:1", "a:2"], ["a:3"]]


@pytest.mark.parametrize("rival", [0.95, 0.99, 0.999])
def test_a_record_that_could_be_either_of_two_people_joins_neither(rival: float) -> None:
    # Namesakes: each anchored by their own identifiers (two FINs), and a record with
    # their shared name and date only, tied to both: within a thousand to one, the
    # records cannot say whose it is, and a guess could put one's record in the other's
    # findings.
    con = workspace(
        {
            "n:1": {"fin": FIN1, "dob": "1984-07-15"},
            "n:2": {"fin": FIN1, "dob": "1984-07-15"},
            "n:3": {"dob": "1984-07-15"},
            "n:4": {"fin": FIN2, "dob": "1984-07-15"},
        },
        [("n:1", "n:2", 0.9999), ("n:2", "n:3", 0.9999), ("n:3", "n:4", rival)],
    )
    cluster_records(con)
    assert people(con) == [["n:1", "n:2"], ["n:3"], ["n:4"]]


OWN, BORROWED = "973-83-1030", "904-04-6518"


def _namesakes_on_two_numbers(*, borrowed_elsewhere: bool) -> dict[str, dict[str, object]]:
    """A removed EWI (court and removal, one FIN), their I-9 on a citizen's borrowed SSN,
    and a namesake's three I-9s on an SSN of their own; the borrowed number's owner
    works on it too, under another name (their own component)."""
    records: dict[str, dict[str, object]] = {
        "court:1": {"fin": FIN1, "dob": "1984-07-15"},
        "removals:1": {"fin": FIN1, "dob": "1984-07-15"},
        "employment:thief": {"ssn": BORROWED, "dob": "1944-07-15"},
        "employment:own1": {"ssn": OWN, "dob": "1984-07-15"},
        "employment:own2": {"ssn": OWN, "dob": "1984-07-15"},
    }
    if borrowed_elsewhere:
        records["employment:owner"] = {"ssn": BORROWED, "dob": "1961-03-02"}
    return records


NAMESAKE_TIES = [
    ("court:1", "removals:1", 0.9999),
    ("employment:own1", "employment:own2", 0.9999),
    ("court:1", "employment:own1", 0.999),
    ("removals:1", "employment:thief", 0.93),
]


def test_a_namesake_on_a_number_of_their_own_is_not_joined_to_a_borrowed_number() -> None:
    # The sample's citizen/EWI namesakes: the citizen's I-9s tie to the EWI's court case
    # more strongly than the EWI's own I-9 does (its date of birth is mistyped). Two
    # citizenship claims on two numbers, one of them borrowed: the borrowed number's I-9
    # goes with the records that carry no number, the other claim stays apart and is
    # queued for an analyst.
    con = workspace(_namesakes_on_two_numbers(borrowed_elsewhere=True), NAMESAKE_TIES)
    cluster_records(con)
    assert people(con) == [
        ["court:1", "employment:thief", "removals:1"],
        ["employment:own1", "employment:own2"],
        ["employment:owner"],
    ]
    queued = con.execute(f"SELECT unique_id_l, unique_id_r FROM {UNDECIDED_TABLE}").fetchall()
    assert queued == [("court:1", "employment:own1")]


def test_two_numbers_of_ones_own_are_one_person() -> None:
    # A made-up number while undocumented, a real one later: no one else holds either.
    con = workspace(_namesakes_on_two_numbers(borrowed_elsewhere=False), NAMESAKE_TIES)
    cluster_records(con)
    assert people(con) == [
        ["court:1", "employment:own1", "employment:own2", "employment:thief", "removals:1"]
    ]


def test_identifiers_that_tie_both_numbers_to_one_body_join_them() -> None:
    # An A-number ties the own number's I-9 to the court case, an FBI number the
    # borrowed number's I-9 to the removal: one person, working on two numbers.
    records = _namesakes_on_two_numbers(borrowed_elsewhere=True)
    records["employment:own1"]["a_number"] = records["court:1"]["a_number"] = "A012345678"
    records["employment:thief"]["fbi_number"] = records["removals:1"]["fbi_number"] = "127579PT4"
    con = workspace(records, NAMESAKE_TIES)
    cluster_records(con)
    assert people(con) == [
        ["court:1", "employment:own1", "employment:own2", "employment:thief", "removals:1"],
        ["employment:owner"],
    ]


def test_one_a_number_is_one_person_unless_fingerprints_differ() -> None:
    # A T visa filing and a court case under a badly spelt name, without a date of birth:
    # no score joins them, their A-number does. Two FINs on one A-number (a number
    # wrongly given to a second person) stay two people.
    con = workspace(
        {
            "benefits:1": {"a_number": "A205848439", "dob": "1994-06-23"},
            "court:1": {"a_number": "A205848439"},
            "court:2": {"a_number": "A011111111", "fin": FIN1},
            "removals:2": {"a_number": "A011111111", "fin": FIN2},
        },
    )
    cluster_records(con)
    assert people(con) == [["benefits:1", "court:1"], ["court:2"], ["removals:2"]]


def test_one_fin_is_one_person_whatever_the_score_and_the_dates_say() -> None:
    # d:1 and d:3 share a FIN but were never scored as a tie, and their dates conflict
    # with d:2's, which is tied to d:1: the same fingers still make them one person.
    con = workspace(
        {
            "d:1": {"fin": FIN1, "dob": "1980-01-01"},
            "d:2": {"dob": "1980-01-01"},
            "d:3": {"fin": FIN1, "dob": "1975-07-20"},
        },
        [("d:1", "d:2", 0.99)],
    )
    cluster_records(con)
    assert people(con) == [["d:1", "d:3"], ["d:2"]]


def test_components_without_conflict_are_kept_whole_and_weak_pairs_do_not_tie() -> None:
    con = workspace(
        {f"b:{i}": {"fin": FIN1 if i < 3 else None} for i in range(6)},
        [("b:0", "b:1", 0.6), ("b:1", "b:2", 0.7), ("b:3", "b:4", 0.95), ("b:4", "b:5", 0.3)],
    )
    result = cluster_records(con)
    assert people(con) == [["b:0", "b:1", "b:2"], ["b:3", "b:4"], ["b:5"]]
    assert result.regrouped_components == 0


def test_a_pair_the_rule_forbids_never_ties_directly() -> None:
    con = workspace({"c:1": {"fin": FIN1}, "c:2": {"fin": FIN2}}, [("c:1", "c:2", 0.999)])
    cluster_records(con)
    assert people(con) == [["c:1"], ["c:2"]]


def test_not_same_keeps_apart_what_the_score_would_join() -> None:
    con = workspace(
        {"d:1": {}, "d:2": {}, "d:3": {}, "d:4": {}},
        [("d:1", "d:2", 0.99), ("d:2", "d:3", 0.999999), ("d:3", "d:4", 0.6)],
    )
    cluster_records(con)
    assert people(con) == [["d:1", "d:2", "d:3", "d:4"]]
    apart = Judgement(7, "not_same", ("d:1", "d:2"), ("d:4",))
    cluster_records(con, [apart])
    assert people(con) == [["d:1", "d:2", "d:3"], ["d:4"]]


def test_a_record_between_two_people_kept_apart_by_an_analyst_joins_neither() -> None:
    con = workspace(
        {"d:1": {}, "d:2": {}, "d:3": {}, "d:4": {}},
        [("d:1", "d:2", 0.99), ("d:2", "d:3", 0.98), ("d:3", "d:4", 0.97)],
    )
    cluster_records(con, [Judgement(7, "not_same", ("d:1", "d:2"), ("d:4",))])
    assert people(con) == [["d:1", "d:2"], ["d:3"], ["d:4"]]


def test_a_split_record_leaves_its_person() -> None:
    con = workspace({"e:1": {}, "e:2": {}, "e:3": {}}, [("e:1", "e:2", 0.99), ("e:2", "e:3", 0.99)])
    cluster_records(con, [Judgement(1, "split", ("e:2",), ("e:1", "e:3"))])
    assert people(con) == [["e:1"], ["e:2"], ["e:3"]]


def test_a_merge_joins_people_the_score_keeps_apart_even_against_the_rule() -> None:
    con = workspace(
        {"f:1": {"fin": FIN1}, "f:2": {}, "f:3": {"fin": FIN2}, "f:4": {}},
        [("f:1", "f:2", 0.99), ("f:3", "f:4", 0.99)],
    )
    cluster_records(con, [Judgement(3, "merge", ("f:1", "f:2"), ("f:3", "f:4"))])
    assert people(con) == [["f:1", "f:2", "f:3", "f:4"]]


def test_not_same_outweighs_an_earlier_merge_of_the_same_records() -> None:
    con = workspace({"g:1": {}, "g:2": {}, "g:3": {}}, [("g:2", "g:3", 0.99)])
    merge = Judgement(1, "merge", ("g:1",), ("g:2", "g:3"))
    apart = Judgement(2, "not_same", ("g:1",), ("g:2",))
    cluster_records(con, [merge, apart])
    assert people(con) == [["g:1"], ["g:2", "g:3"]]


def test_judgements_naming_records_no_longer_there_are_harmless() -> None:
    con = workspace({"h:1": {}, "h:2": {}}, [("h:1", "h:2", 0.99)])
    cluster_records(con, [Judgement(1, "merge", ("h:1",), ("gone:9",))])
    assert people(con) == [["h:1", "h:2"]]


FINS = st.sampled_from([None, FIN1, FIN2, "FIN0000000003"])


@st.composite
def _worlds(draw: st.DrawFn) -> tuple[dict[str, dict[str, object]], list[tuple[str, str, float]]]:
    n = draw(st.integers(2, 12))
    keys = [f"p:{i:02d}" for i in range(n)]
    records: dict[str, dict[str, object]] = {k: {"fin": draw(FINS)} for k in keys}
    edge = st.tuples(st.sampled_from(keys), st.sampled_from(keys), st.floats(0.2, 0.999))
    pairs = {tuple(sorted((a, b))): p for a, b, p in draw(st.lists(edge, max_size=30)) if a != b}
    return records, [(a, b, p) for (a, b), p in pairs.items()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_worlds())
def test_no_person_ever_holds_two_fins(
    world: tuple[dict[str, dict[str, object]], list[tuple[str, str, float]]],
) -> None:
    records, pairs = world
    con = workspace(records, pairs)
    cluster_records(con)
    found = people(con)
    assert sorted(k for group in found for k in group) == sorted(records)
    for group in found:
        fins = {records[k]["fin"] for k in group} - {None}
        assert len(fins) <= 1, group


def test_an_impostor_on_a_reported_passport_is_not_its_owner() -> None:
    # The owner's two uses before the report, the impostor's arrival (own fingerprints)
    # and departure after it: name, date of birth and number agree, so every pair scores
    # high, and a chain through the undated use (p:5) would join them all.
    passport = {"passport": "X1234567", "dob": "1970-08-04"}
    con = workspace(
        {
            "p:1": {**passport, "passport_after_report": False},
            "p:2": {**passport, "passport_after_report": False},
            "p:3": {**passport, "passport_after_report": True, "fin": FIN1},
            "p:4": {**passport, "passport_after_report": True},
            "p:5": {**passport},
            # The impostor's I-9, under their own name and date of birth, listing the
            # stolen passport: never scored with the rest, and its date conflicts.
            "p:6": {"passport": "X1234567", "passport_after_report": True, "dob": "1988-11-30"},
        },
        [
            ("p:1", "p:2", 0.999),
            ("p:3", "p:4", 0.999),
            ("p:1", "p:3", 0.999),
            ("p:2", "p:4", 0.999),
            ("p:2", "p:5", 0.99),
            ("p:4", "p:5", 0.98),
        ],
    )
    cluster_records(con)
    assert people(con) == [["p:1", "p:2", "p:5"], ["p:3", "p:4", "p:6"]]


def test_namesakes_whose_passports_travelled_at_once_stay_two_people() -> None:
    # Two travellers of one name and date of birth, each on their own passport, whose
    # stays overlapped (linkage_input marks the passports apart); a passport-less record
    # tied to both would chain them into one, and cannot say whose it is.
    one = {"dob": "2006-08-11"}
    con = workspace(
        {
            "t:1": {**one, "passport": "A", "passports_apart": ["B"]},
            "t:2": {**one, "passport": "A", "passports_apart": ["B"]},
            "t:3": {**one, "passport": "B", "passports_apart": ["A"]},
            "t:4": {**one, "passport": "B", "passports_apart": ["A"]},
            "t:5": {**one},
        },
        [
            ("t:1", "t:2", 0.9999),
            ("t:3", "t:4", 0.9999),
            ("t:2", "t:3", 0.9999),
            ("t:2", "t:5", 0.9999),
            ("t:4", "t:5", 0.9999),
        ],
    )
    cluster_records(con)
    assert people(con) == [["t:1", "t:2"], ["t:3", "t:4"], ["t:5"]]


def test_passports_apart_yield_to_a_shared_a_number() -> None:
    # An A-number (unlike a FIN, which merges its records before any rule) reaches the
    # rule itself: the two records are tied, so their passports' stays part nobody.
    one = {"dob": "2006-08-11", "a_number": "A000000001"}
    con = workspace(
        {
            "t:1": {**one, "passport": "A", "passports_apart": ["B"]},
            "t:2": {**one, "passport": "B", "passports_apart": ["A"]},
        },
        [("t:1", "t:2", 0.9999)],
    )
    cluster_records(con)
    assert people(con) == [["t:1", "t:2"]]
