"""Person ids: readable, ordered like their numbers, and a typo is caught, not obeyed."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.identity.person_ids import (
    ALPHABET,
    LIMIT,
    PersonIdError,
    parse_person_id,
    person_id,
    person_id_sql,
)

numbers = st.integers(1, LIMIT - 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=50))
def test_sql_issues_the_same_ids_as_python(batch: list[int]) -> None:
    con = duckdb.connect()
    got = con.execute(
        f"SELECT {person_id_sql('n')} FROM (SELECT unnest($1::BIGINT[]) AS n)", [batch]
    ).fetchall()
    assert [g[0] for g in got] == [person_id(n) for n in batch]


@given(numbers, numbers)
def test_ids_sort_like_their_numbers_and_parse_back(a: int, b: int) -> None:
    assert (person_id(a) < person_id(b)) == (a < b)
    assert parse_person_id(f"  {person_id(a).lower()} ") == person_id(a)
    assert len(person_id(a)) == 8


@settings(max_examples=50, deadline=None)
@given(numbers)
def test_every_single_wrong_character_and_every_neighbour_swap_is_caught(number: int) -> None:
    good = person_id(number)
    for i in range(1, len(good)):
        for c in ALPHABET:
            if c != good[i]:
                with pytest.raises(PersonIdError):
                    parse_person_id(good[:i] + c + good[i + 1 :])
    for i in range(1, len(good) - 1):
        if good[i] != good[i + 1]:
            with pytest.raises(PersonIdError):
                parse_person_id(good[:i] + good[i + 1] + good[i] + good[i + 2 :])


@pytest.mark.parametrize("text", ["", "P", "X000001K", "P00000IK", "P0000001", "P000000001"])
def test_text_that_is_not_an_id_is_refused(text: str) -> None:
    with pytest.raises(PersonIdError):
        parse_person_id(text)


def test_numbers_outside_the_range_are_refused() -> None:
    for bad in (0, LIMIT):
        with pytest.raises(ValueError, match="outside"):
            person_id(bad)
