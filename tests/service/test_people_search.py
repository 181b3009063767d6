"""The dated pre-rank: of the candidates retrieval read, the date of birth picks those
worth scoring in full."""

from __future__ import annotations

import pytest

from tessera.service.people_query import Birth
from tessera.service.people_search import SCORED, Retrieved, birth_worth, prerank


def _namesakes(wanted_birth: str, others: int) -> tuple[Retrieved, dict[str, tuple[str, ...]]]:
    """``others`` holders of one rare name, all ranked alike by retrieval, then the one
    born on ``wanted_birth`` ranked last (retrieval read no date for them)."""
    ids = [f"P{n:04d}" for n in range(others)] + ["WANTED"]
    births = {p: (f"1960-01-0{1 + n % 9}",) for n, p in enumerate(ids[:-1])}
    births["WANTED"] = (wanted_birth,)
    return Retrieved(ids, {}, dict.fromkeys(ids, 9.0)), births


def test_the_asked_date_of_birth_brings_a_namesake_last_in_retrieval_into_scoring() -> None:
    retrieved, births = _namesakes("1985-03-12", others=2 * SCORED)
    chosen = prerank(retrieved, births, Birth(1985, 3, 12))
    assert len(chosen) == SCORED
    assert chosen[0] == "WANTED"


def test_a_swapped_day_and_month_still_outranks_unrelated_dates() -> None:
    retrieved, births = _namesakes("1985-12-03", others=2 * SCORED)
    assert prerank(retrieved, births, Birth(1985, 3, 12))[0] == "WANTED"


def test_a_stronger_name_match_is_not_pushed_out_by_dates_alone() -> None:
    """A date is worth one rare key (``BIRTH_WEIGHT``), not more than a whole name."""
    retrieved, births = _namesakes("1960-01-01", others=2 * SCORED)
    strong = Retrieved(retrieved.people, {}, {**retrieved.undated, "WANTED": 30.0})
    assert prerank(strong, births, Birth(1985, 3, 12))[0] == "WANTED"


def test_without_a_date_retrieval_order_stands() -> None:
    retrieved, births = _namesakes("1985-03-12", others=2 * SCORED)
    assert prerank(retrieved, births, None) == retrieved.people[:SCORED]


def test_people_the_publication_no_longer_holds_are_left_out() -> None:
    retrieved, births = _namesakes("1985-03-12", others=3)
    del births["P0001"]
    assert "P0001" not in prerank(retrieved, births, Birth(1985, 3, 12))


@pytest.mark.parametrize(
    ("dates", "worth"),
    [
        (("1985-03-12",), 1.0),
        (("1970-01-01", "1985-03-12"), 1.0),
        (("1985-12-03",), 0.75),
        (("1985-??-??",), 0.45),
        (("1985-07-30",), 0.45),
        (("1985-03-21",), 0.75),
        (("1985-04-12",), 0.75),
        (("1995-03-12",), 0.75),
        (("1984-03-12",), 0.75),
        (("1984-07-30",), 0.15),
        (("1962-03-12",), 0.0),
        ((), 0.0),
    ],
)
def test_birth_worth_follows_the_scoring_scale(dates: tuple[str, ...], worth: float) -> None:
    assert birth_worth(Birth(1985, 3, 12), dates) == worth


def test_a_partial_asked_date_is_worth_its_year() -> None:
    assert birth_worth(Birth(1985, None, None), ("1985-03-12",)) == 0.45
