"""The greedy constrained partition: strongest ties first, forbidden unions refused."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.identity.partition import _Groups, _Rivals, partition


def test_a_chain_through_a_record_without_a_conflict_is_cut_at_its_weakest_tie() -> None:
    # A and C conflict (profiles 1 and 2); B (profile 0) ties to both, more strongly to C.
    groups = partition({"A": 1, "B": 0, "C": 2}, [("B", "C"), ("A", "B")], conflicting=[(1, 2)])
    assert groups == [["A"], ["B", "C"]]


def test_without_conflicts_every_tie_joins() -> None:
    groups = partition({"A": 0, "B": 0, "C": 0, "D": 0}, [("A", "B"), ("C", "D"), ("B", "C")])
    assert groups == [["A", "B", "C", "D"]]


def test_records_kept_apart_by_an_analyst_stay_apart_even_through_a_chain() -> None:
    groups = partition({"A": 0, "B": 0, "C": 0}, [("A", "B"), ("B", "C")], apart=[("A", "C")])
    assert groups == [["A", "B"], ["C"]]


def test_a_merge_overrides_the_models_conflict_but_not_an_analysts_apart() -> None:
    assert partition({"A": 1, "B": 2}, [], conflicting=[(1, 2)], together=[["A", "B"]]) == [
        ["A", "B"]
    ]
    assert partition({"A": 0, "B": 0}, [], apart=[("A", "B")], together=[["A", "B"]]) == [
        ["A"],
        ["B"],
    ]


def test_a_record_kept_apart_does_not_break_the_rest_of_a_merge() -> None:
    groups = partition(
        {"A": 0, "B": 0, "C": 0}, [], apart=[("A", "B"), ("A", "C")], together=[["A", "B", "C"]]
    )
    assert groups == [["A"], ["B", "C"]]


def test_a_group_holding_a_merged_conflict_still_refuses_a_third_conflicting_record() -> None:
    # A and B were merged by an analyst despite conflicting profiles; C shares B's profile
    # and so conflicts with A: the model may not add it.
    groups = partition(
        {"A": 1, "B": 2, "C": 2},
        [("B", "C")],
        conflicting=[(1, 2)],
        together=[["A", "B"]],
    )
    assert groups == [["A", "B"], ["C"]]


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[dict[str, int], list[tuple[str, str]], set[tuple[int, int]]]:
    n = draw(st.integers(2, 14))
    records = [f"r{i:02d}" for i in range(n)]
    profiles = {r: draw(st.integers(0, 4)) for r in records}
    pairs = st.tuples(st.sampled_from(records), st.sampled_from(records))
    ties = [(a, b) for a, b in draw(st.lists(pairs, max_size=40)) if a != b]
    conflicts = {
        (p, q) for p, q in draw(st.sets(st.tuples(st.integers(0, 4), st.integers(0, 4)))) if p < q
    }
    return profiles, ties, conflicts


@settings(max_examples=300, deadline=None)
@given(_graphs())
def test_no_group_ever_holds_two_conflicting_profiles(
    graph: tuple[dict[str, int], list[tuple[str, str]], set[tuple[int, int]]],
) -> None:
    profiles, ties, conflicts = graph
    groups = partition(profiles, ties, conflicting=conflicts)
    assert sorted(r for g in groups for r in g) == sorted(profiles)
    for group in groups:
        held = {profiles[r] for r in group}
        assert not any((p, q) in conflicts for p in held for q in held)
    # Maximal: no tie left unused could still have joined two groups.
    where = {r: i for i, g in enumerate(groups) for r in g}
    for a, b in ties:
        if where[a] != where[b]:
            held = {profiles[r] for r in groups[where[a]] + groups[where[b]]}
            assert any((p, q) in conflicts for p in held for q in held)


def test_when_an_apart_contradicts_a_merge_the_model_decides_who_stays_together() -> None:
    # Merged: a1, a2 (one person) with b1; later a2 was split off from both.
    groups = partition(
        {"a1": 0, "a2": 0, "b1": 0},
        [("a1", "a2")],
        apart=[("a2", "a1"), ("a2", "b1")],
        together=[["a1", "a2", "b1"]],
    )
    assert groups == [["a1", "b1"], ["a2"]]


def test_groups_join_when_their_consensus_dates_are_a_slip_apart() -> None:
    # B and C are each one slip from the truth (A's date) and two slips from each other:
    # the consensus of {A, B} is A's date, so C joins; D's date no slip explains.
    births = {"A": (1949, 2, 11), "B": (1949, 11, 2), "C": (1949, 2, 12), "D": (1972, 7, 20)}
    profiles = {r: 0 for r in births}
    ties = [("A", "B"), ("A", "C"), ("C", "D")]
    assert partition(profiles, ties, births=births, ids={}) == [["A", "B", "C"], ["D"]]


def test_a_shared_strong_identifier_outweighs_conflicting_dates() -> None:
    births = {"A": (1949, 2, 11), "B": (1972, 7, 20)}
    ids = {"A": ["AA000000001"], "B": ["AA000000001"]}
    assert partition({"A": 0, "B": 0}, [("A", "B")], births=births, ids=ids) == [["A", "B"]]
    assert partition({"A": 0, "B": 0}, [("A", "B")], births=births, ids={}) == [["A"], ["B"]]


def _tied_record_by_record(
    groups: _Groups, ties: list[tuple[str, str, float]], root: str
) -> dict[str, float]:
    """The plain reading of "the groups tied to a group": every tie of every member."""
    found: dict[str, float] = {}
    for a, b, weight in ties:
        for mine, theirs in ((a, b), (b, a)):
            r = groups.find(theirs)
            if groups.find(mine) == root and r != root and weight > found.get(r, float("-inf")):
                found[r] = weight
    return found


@settings(max_examples=150, deadline=None)
@given(
    ties=st.lists(
        st.tuples(
            st.integers(0, 11), st.integers(0, 11), st.floats(-5, 30, allow_nan=False)
        ).filter(lambda t: t[0] != t[1]),
        max_size=40,
    ),
    joins=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=15),
)
def test_a_groups_rivals_are_its_records_ties_however_groups_joined(
    ties: list[tuple[int, int, float]], joins: list[tuple[int, int]]
) -> None:
    # The rivals are kept group by group and merged on each join; read at any moment they
    # must be what every member's own ties say.
    records = [f"R{n}" for n in range(12)]
    named = [(f"R{a}", f"R{b}", w) for a, b, w in ties]
    groups = _Groups(dict.fromkeys(records, 0), [], [])
    rivals = _Rivals(groups, named)
    for a, b in joins:
        ra, rb = groups.find(f"R{a}"), groups.find(f"R{b}")
        if ra != rb and groups.join(ra, rb, model_rules=True):
            root = groups.find(ra)
            rivals.joined(root, rb if root == ra else ra)
        for root in {groups.find(r) for r in records}:
            assert rivals._tied(root) == _tied_record_by_record(groups, named, root)
