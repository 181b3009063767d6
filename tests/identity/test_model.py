"""The linkage model's hard rules, read as SQL over two records."""

from __future__ import annotations

import itertools

import duckdb
import pytest

from tessera.identity import model

# (fin, a_number, dob, passport, used after its loss report[, passports apart]): enough
# variety for every branch of the rule, NULLs included.
RECORDS: list[tuple[object, ...]] = [
    ("FIN1", None, "1980-03-04", None, None),
    ("FIN1", None, "1975-07-20", None, None),
    ("FIN2", None, "1980-03-04", None, None),
    (None, None, "1980-03-04", None, None),
    (None, None, "1980-04-03", None, None),  # day and month swapped
    (None, None, "1981-03-04", None, None),  # year off by one
    (None, None, "1990-03-04", None, None),  # year off by ten (a digit carried)
    (None, None, "1975-07-20", None, None),
    (None, "A000000001", "1975-07-20", None, None),
    (None, "A000000001", "1980-03-04", None, None),
    (None, None, None, None, None),
    # One passport: the owner's use before its report (11), uses after it (12, 13, the
    # second with the later holder's fingerprints), a use of unknown date (14), and a
    # use after the report tied to the owner's use by an A-number (15, with 16).
    (None, None, "1980-03-04", "X1234567", False),
    (None, None, "1980-03-04", "X1234567", True),
    ("FIN3", None, "1980-03-04", "X1234567", True),
    (None, None, "1980-03-04", "X1234567", None),
    (None, "A000000002", "1980-03-04", "X1234567", True),
    (None, "A000000002", "1980-03-04", "X1234567", False),
    # The later holder's I-9 under their own date of birth (17).
    (None, None, "1991-12-25", "X1234567", True),
    # Namesakes whose passports' stays overlapped (18, 19), and the same two passports
    # with one fingerprint enrolment on both (20, 21).
    (None, None, "2006-08-11", "A7000001", None, ["B7000002"]),
    (None, None, "2006-08-11", "B7000002", None, ["A7000001"]),
    ("FIN4", None, "2006-08-11", "A7000001", None, ["B7000002"]),
    ("FIN4", None, "2006-08-11", "B7000002", None, ["A7000001"]),
]


@pytest.fixture(scope="module")
def never() -> dict[tuple[int, int], bool]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t (i INT, fin VARCHAR, a_number VARCHAR, fbi_number VARCHAR, "
        "dob VARCHAR, dob_year SMALLINT, dob_month TINYINT, dob_day TINYINT, "
        "passport VARCHAR, passport_after_report BOOLEAN, "
        "passport_holder VARCHAR GENERATED ALWAYS AS "
        "(CASE WHEN passport_after_report THEN passport END), passports_apart VARCHAR[])"
    )
    for i, (fin, a_number, dob, passport, after, *apart) in enumerate(RECORDS):
        y, m, d = (int(p) for p in str(dob).split("-")) if dob else (None, None, None)
        con.execute(
            "INSERT INTO t VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
            [i, fin, a_number, dob, y, m, d, passport, after, apart[0] if apart else None],
        )
    rows = con.execute(
        f"SELECT l.i, r.i, coalesce({model.NEVER_THE_SAME}, false) FROM t l, t r"
    ).fetchall()
    return {(int(a), int(b)): bool(v) for a, b, v in rows}


def test_the_rule_reads_the_same_both_ways(never: dict[tuple[int, int], bool]) -> None:
    for a, b in itertools.combinations(range(len(RECORDS)), 2):
        assert never[a, b] == never[b, a], (RECORDS[a], RECORDS[b])


def test_two_fins_are_two_people_and_one_fin_is_one(never: dict[tuple[int, int], bool]) -> None:
    assert never[0, 2]
    assert not never[0, 1]  # same fingers, whatever the dates say


def test_slips_of_the_pen_do_not_part_people(never: dict[tuple[int, int], bool]) -> None:
    assert not never[3, 4] and not never[3, 5] and not never[3, 6]
    assert not never[3, 10]  # an unknown date is not a conflict


def test_dates_no_slip_explains_part_people_unless_an_a_number_ties_them(
    never: dict[tuple[int, int], bool],
) -> None:
    assert never[3, 7]
    assert not never[8, 9]


def test_a_passport_before_and_after_its_loss_report_is_in_two_hands(
    never: dict[tuple[int, int], bool],
) -> None:
    assert never[11, 12] and never[11, 13]
    assert not never[12, 13]  # both after the report: one later holder, as far as we know
    assert not never[11, 14] and not never[12, 14]  # a use of unknown date decides nothing
    assert not never[15, 16]  # an A-number ties the two uses: the owner found it again
    # Uses after the report are one holder's, whatever dates of birth each gives.
    assert not never[12, 17] and never[11, 17] and never[3, 17]


def test_passports_that_travelled_at_once_are_two_bodies_unless_fingerprints_agree(
    never: dict[tuple[int, int], bool],
) -> None:
    assert never[18, 19] and never[18, 21]
    assert not never[20, 21]  # one fingerprint enrolment on both: one body
    assert not never[18, 20]  # one passport
    assert not never[10, 18]  # a record without a passport conflicts with neither


def test_the_python_slip_answers_as_the_sql_slip() -> None:
    base = (1980, 3, 4)
    others = [
        (1980, 3, 4),
        (1980, 4, 3),
        (1981, 3, 4),
        (1990, 3, 4),
        (1970, 3, 4),
        (1980, 3, 5),
        (1980, 3, 14),
        (1980, 2, 4),
        (1980, 1, 1),
        (1982, 3, 4),
        (1980, 5, 6),
        (1975, 7, 20),
        (1908, 3, 4),
    ]
    con = duckdb.connect()
    sql = model.dob_slip("l", "r")
    for other in others:
        row = con.execute(
            f"SELECT {sql} FROM (SELECT ? AS dob, ? AS dob_year, ? AS dob_month, ? AS dob_day) l, "
            "(SELECT ? AS dob, ? AS dob_year, ? AS dob_month, ? AS dob_day) r",
            [_text(base), *base, _text(other), *other],
        ).fetchone()
        assert row is not None
        assert model.births_slip(base, other) == bool(row[0]), other
        assert model.births_slip(other, base) == bool(row[0]), other


def _text(birth: tuple[int, int, int]) -> str:
    return "{:04d}-{:02d}-{:02d}".format(*birth)


def test_scoring_reads_the_compared_columns_and_not_the_blocking_arrays() -> None:
    columns = model.compared_columns()
    # Every comparison's inputs, and the term-frequency columns, are read off the SQL...
    assert {"name_keys", "name_sounds", "given_joined", "dob_day", "ssn", "nationality"} <= set(
        columns
    )
    # ...and what only blocking or the never-the-same rule reads is left out.
    assert not {"name_key_pairs", "name_shapes", "passports_apart", "unique_id"} & set(columns)
