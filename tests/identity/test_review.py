"""The queue of undecided people: records tied to two people who refuse each other."""

from __future__ import annotations

import duckdb

from tessera.identity import Judgement, assign_people
from tessera.identity.registry import ensure_registry
from tessera.identity.review import undecided_people
from tests.identity.clusterkit import workspace

FIN1, FIN2 = "FIN0000000001", "FIN0000000002"


def _namesakes() -> duckdb.DuckDBPyConnection:
    """Two namesakes, each with their own fingerprints, and a record of neither (name and
    date only) tied to both within a thousand to one."""
    con = workspace(
        {
            "n:1": {"fin": FIN1, "dob": "1984-07-15"},
            "n:2": {"fin": FIN1, "dob": "1984-07-15"},
            "n:3": {"dob": "1984-07-15"},
            "n:4": {"fin": FIN2, "dob": "1984-07-15"},
        },
        [("n:1", "n:2", 0.9999), ("n:2", "n:3", 0.9999), ("n:3", "n:4", 0.99)],
    )
    ensure_registry(con)
    return con


def _person(con: duckdb.DuckDBPyConnection, key: str) -> str:
    row = con.execute("SELECT person_id FROM person_registry WHERE unique_id = ?", [key]).fetchone()
    assert row is not None
    return str(row[0])


def test_a_record_between_two_people_is_queued_with_both() -> None:
    con = _namesakes()
    assign_people(con)
    first, second, middle = _person(con, "n:1"), _person(con, "n:4"), _person(con, "n:3")
    queued = {(p.person_a, p.person_b): p for p in undecided_people(con)}
    assert set(queued) == {tuple(sorted((first, middle))), tuple(sorted((middle, second)))}
    stronger = queued[tuple(sorted((first, middle)))]
    assert {stronger.record_a, stronger.record_b} == {"n:2", "n:3"}
    assert stronger.match_weight > queued[tuple(sorted((middle, second)))].match_weight


def test_an_analyst_s_judgement_settles_the_pair() -> None:
    con = _namesakes()
    # Not the second namesake: the record may now join the first, and the queue empties.
    assign_people(con, [Judgement(1, "not_same", ("n:3",), ("n:4",))])
    assert _person(con, "n:3") == _person(con, "n:1")
    assert undecided_people(con) == []


def test_a_workspace_resolved_before_the_queue_has_an_empty_one() -> None:
    assert undecided_people(duckdb.connect()) == []
