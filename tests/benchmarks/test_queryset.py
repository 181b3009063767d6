"""The benchmark's query set: each slip does what its name says, and only that; queries
carry the true person's records; the expected person is the one holding most of them."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import duckdb
import pytest
from benchmarks.queryset import (
    Query,
    apply_noise,
    ascii_upper,
    attach_expected,
    build_queries,
    clean_query,
    digit_off,
    drop_second_surname,
    majority_person,
    read_queries,
    swap_day_month,
    typo,
    write_queries,
    wrong_dob,
)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (a transposition counts as one edit)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_a_typo_is_one_edit_that_keeps_the_first_letter() -> None:
    rng = random.Random(1)
    for word in ("HERNANDEZ", "ANNA", "OOOO"):
        for _ in range(200):
            slipped = typo(word, rng)
            assert slipped != word
            assert slipped[0] == word[0]
            assert edit_distance(word, slipped) == 1


def test_a_short_word_is_left_alone() -> None:
    assert typo("LI", random.Random(1)) == "LI"


def test_the_second_surname_is_dropped_only_when_there_is_one() -> None:
    assert drop_second_surname("GARCIA LOPEZ") == "GARCIA"
    assert drop_second_surname("SMITH") is None


def test_day_and_month_swap_only_when_the_result_is_another_date() -> None:
    assert swap_day_month(dt.date(1980, 3, 7)) == dt.date(1980, 7, 3)
    assert swap_day_month(dt.date(1980, 3, 25)) is None  # no 25th month
    assert swap_day_month(dt.date(1980, 4, 4)) is None  # the same date


@pytest.mark.parametrize("dob", [dt.date(1979, 12, 31), dt.date(2000, 2, 29), dt.date(1990, 1, 9)])
def test_a_digit_off_changes_one_digit_by_one_and_stays_a_date(dob: dt.date) -> None:
    rng = random.Random(2)
    for _ in range(200):
        slipped = digit_off(dob, rng)  # a date, or strftime would fail
        before, after = dob.strftime("%Y%m%d"), slipped.strftime("%Y%m%d")
        changed = [(int(x), int(y)) for x, y in zip(before, after, strict=True) if x != y]
        assert len(changed) == 1
        assert abs(changed[0][0] - changed[0][1]) == 1


def test_a_wrong_date_of_birth_is_wrong_both_ways() -> None:
    rng = random.Random(3)
    slips = {wrong_dob(dt.date(1990, 5, 9), rng) for _ in range(100)}
    assert dt.date(1990, 5, 9) not in slips
    assert dt.date(1990, 9, 5) in slips  # day and month swapped, sometimes


def query(**overrides: str) -> Query:
    base = {
        "query_id": "Q1",
        "given": "MARIA",
        "middle": "",
        "family": "GARCIA LOPEZ",
        "dob": "1985-02-11",
        "sex": "F",
        "birth_country": "MEX",
        "truth_person": "P0000001",
    }
    return Query(**{**base, **overrides})  # type: ignore[arg-type]


def test_each_slip_changes_only_its_part_and_is_labelled() -> None:
    rng = random.Random(3)
    swapped = apply_noise(query(), "swapped_names", rng)
    assert (swapped.given, swapped.family, swapped.noise) == (
        "GARCIA LOPEZ",
        "MARIA",
        ["swapped_names"],
    )
    dropped = apply_noise(query(), "dropped_second_surname", rng)
    assert (dropped.family, dropped.given, dropped.dob) == ("GARCIA", "MARIA", "1985-02-11")
    wrong = apply_noise(query(), "wrong_dob", rng)
    assert wrong.dob != "1985-02-11"
    assert (wrong.given, wrong.family, wrong.noise) == ("MARIA", "GARCIA LOPEZ", ["wrong_dob"])
    typoed = apply_noise(query(), "typo", rng)
    assert typoed.name != query().name
    assert typoed.dob == "1985-02-11"


def test_a_slip_that_cannot_apply_leaves_no_label() -> None:
    one_surname = query(family="SMITH")
    assert apply_noise(one_surname, "dropped_second_surname", random.Random(1)) == one_surname


def test_names_are_upper_case_ascii_as_nlets_carries_them() -> None:
    assert ascii_upper("  Sofía  Núñez ") == "SOFIA NUNEZ"


def test_the_majority_holder_is_the_expected_person() -> None:
    assert majority_person(["P2", "P1", "P2"]) == "P2"
    assert majority_person(["P2", "P1"]) == "P1"  # a tie: the smaller id, stably
    assert majority_person([]) is None


def test_a_query_names_the_person_as_they_are_called_now() -> None:
    row = dict.fromkeys(PEOPLE_HEADER, "")
    row.update(person_id="P2", given_name="Ann", family_name="Lee", later_given_name="Anna")
    row.update(later_family_name="Park", dob="1990-03-04", sex="F", birth_country="KOR")
    asked = clean_query(row, "Q1", ["court:C1"])
    assert (asked.name, asked.dob, asked.noise, asked.records) == (
        "ANNA PARK",
        "1990-03-04",
        [],
        ["court:C1"],
    )


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


PEOPLE_HEADER = [
    "person_id", "given_name", "middle_name", "family_name", "later_given_name",
    "later_family_name", "dob", "sex", "birth_country",
]  # fmt: skip


def test_queries_from_an_answer_key_map_to_the_pipelines_person(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "drop" / "truth" / "people.csv",
        PEOPLE_HEADER,
        [
            ["P1", "José", "", "Núñez Ortiz", "", "", "1980-01-02", "M", "MEX"],
            ["P2", "Ann", "", "Lee", "Anna", "Park", "1990-03-04", "F", "KOR"],
            ["P3", "Nobody", "", "Found", "", "", "1970-01-01", "F", "USA"],  # no records
        ],
    )
    write_csv(
        tmp_path / "drop" / "truth" / "links.csv",
        ["feed", "record_id", "person_id"],
        [["arrivals", "1", "P1"], ["benefits", "B1", "P1"], ["court", "C1", "P2"]],
    )
    queries = build_queries(tmp_path / "drop", count=10, seed=1)
    assert sorted(q.truth_person for q in queries) == ["P1", "P2"]
    assert {q.truth_person: q.records for q in queries} == {
        "P1": ["arrivals:1", "benefits:B1"],
        "P2": ["court:C1"],
    }

    workspace = tmp_path / "workspace.duckdb"
    con = duckdb.connect(str(workspace))
    con.execute("CREATE TABLE record_entities (feed VARCHAR, record_id VARCHAR, entity_id VARCHAR)")
    con.execute("INSERT INTO record_entities VALUES ('arrivals','1','PX'), ('court','C1','PY')")
    con.close()
    path = tmp_path / "queries.jsonl"
    write_queries(attach_expected(queries, workspace), path)
    expected = {q.truth_person: q.expected_person_id for q in read_queries(path)}
    assert expected == {"P1": "PX", "P2": "PY"}
