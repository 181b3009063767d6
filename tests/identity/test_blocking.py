"""Tessera's blocking: each slip the feeds make still proposes the pair, at a bounded cost."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tessera.feeds import DropLoad
from tessera.identity import blocking, build_person_records
from tessera.identity.linkage_input import INPUT_TABLE, build_linkage_input
from tessera.identity.records import COMMON, TYPES


@pytest.fixture
def linkage(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> Iterator[duckdb.DuckDBPyConnection]:
    con, _ = sample_workspace
    build_person_records(con)
    build_linkage_input(con)
    yield con


def _pairs(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    blocking.build_blocked_pairs(con)
    rows = con.execute(
        f"SELECT join_key_l, join_key_r, match_key FROM {blocking.BLOCKED_TABLE}"
    ).fetchall()
    return {(str(left), str(right)): str(rule) for left, right, rule in rows}


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in blocking.RULES]
    assert len(names) == len(set(names))


def test_each_pair_once_in_order_under_a_declared_rule(
    linkage: duckdb.DuckDBPyConnection,
) -> None:
    blocking.build_blocked_pairs(linkage)
    rows = linkage.execute(
        f"SELECT join_key_l, join_key_r, match_key FROM {blocking.BLOCKED_TABLE}"
    ).fetchall()
    assert rows
    assert len({(left, right) for left, right, _ in rows}) == len(rows)
    assert all(left < right for left, right, _ in rows)
    assert {rule for _, _, rule in rows} <= {rule.name for rule in blocking.RULES}


def test_finds_nearly_every_true_pair_of_the_sample_at_a_few_pairs_a_record(
    linkage: duckdb.DuckDBPyConnection, sample_drop: Path
) -> None:
    with (sample_drop / "truth" / "links.csv").open(encoding="utf-8") as handle:
        person = {f"{r['feed']}:{r['record_id']}": r["person_id"] for r in csv.DictReader(handle)}
    ids = [str(r[0]) for r in linkage.execute(f"SELECT unique_id FROM {INPUT_TABLE}").fetchall()]
    by_person: dict[str, list[str]] = {}
    for uid in ids:
        by_person.setdefault(person[uid], []).append(uid)
    true_pairs = {
        (min(a, b), max(a, b))
        for group in by_person.values()
        for a in group
        for b in group
        if a < b
    }
    proposed = _pairs(linkage)
    found = len(true_pairs & proposed.keys()) / len(true_pairs)
    assert found >= 0.98
    assert len(proposed) / len(ids) <= 10


def _copy_with(con: duckdb.DuckDBPyConnection, source: str, copy: str, changes: str) -> None:
    """A copy of one linkage record under a new id, with ``changes`` (SQL SET) applied."""
    con.execute(
        f"INSERT INTO {INPUT_TABLE} SELECT * REPLACE (? AS unique_id) FROM {INPUT_TABLE} "
        "WHERE unique_id = ?",
        [copy, source],
    )
    con.execute(f"UPDATE {INPUT_TABLE} SET {changes} WHERE unique_id = ?", [copy])


def _dated_record(con: duckdb.DuckDBPyConnection) -> str:
    """A record with a full date of birth whose day could be a month (so that a swap is
    a real date and a real change), two name keys or more, no identifier to block on."""
    row = con.execute(
        f"SELECT unique_id FROM {INPUT_TABLE} WHERE dob_day BETWEEN 2 AND 12 "
        "AND dob_month > 1 AND dob_month <> dob_day "
        "AND len(name_keys) >= 2 AND a_number IS NULL AND fin IS NULL AND fbi_number IS NULL "
        "AND ssn IS NULL AND passport IS NULL ORDER BY unique_id LIMIT 1"
    ).fetchone()
    assert row is not None
    return str(row[0])


SLIPS = {
    "day and month swapped": "dob_month = dob_day, dob_day = dob_month, "
    "dob = strftime(make_date(dob_year, dob_day, dob_month), '%Y-%m-%d')",
    "year keyed wrong": "dob_year = dob_year + 10, dob = NULL",
    "placeholder 1 January": "dob_month = 1, dob_day = 1, dob = NULL",
    "day unknown": "dob_day = NULL, dob = NULL",
    "no date of birth": "dob_year = NULL, dob_month = NULL, dob_day = NULL, dob = NULL",
    "one keystroke in the day": "dob_day = dob_day - 1, dob = NULL",
    "one keystroke in the month": "dob_month = dob_month % 12 + 1, dob = NULL",
}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_slip_in_the_date_of_birth_still_proposes_the_pair(
    linkage: duckdb.DuckDBPyConnection, slip: str
) -> None:
    source = _dated_record(linkage)
    _copy_with(linkage, source, "test:slipped", SLIPS[slip])
    assert (source, "test:slipped") in _pairs(linkage)


def test_an_undated_record_under_a_very_common_name_proposes_nothing_by_name(
    linkage: duckdb.DuckDBPyConnection,
) -> None:
    source = _dated_record(linkage)
    widest = max(r.cap for r in blocking.RULES if r.one_side == blocking.UNDATED and r.cap)
    for n in range(widest + 1):
        # Namesakes born on different dates: each shares the undated record's name.
        _copy_with(
            linkage,
            source,
            f"test:namesake{n:03d}",
            f"dob_year = 1900 + {n}, dob = strftime(make_date(1900 + {n}, 6, 15), '%Y-%m-%d')",
        )
    _copy_with(linkage, source, "test:undated", SLIPS["no date of birth"])
    undated = {
        pair: rule
        for pair, rule in _pairs(linkage).items()
        if "test:undated" in pair and rule.endswith("undated")
    }
    assert undated == {}


def test_records_an_identifier_chain_links_are_compared_whatever_their_names() -> None:
    con = duckdb.connect()
    columns = ", ".join(f"{c} {TYPES.get(c, 'VARCHAR')}" for c in COMMON)
    con.execute(f"CREATE TABLE person_records ({columns})")
    chain = [
        ("visa", "HADDAD", "SAMIR", None, None, "1984-05-02"),
        ("arrival", "HADDAD", "SAMIR", "P1", None, "1984-05-02"),
        ("court", "HADAD", "SAMIR", "P1", "A1", None),
        ("claim", "KHOURY", "SAM", None, "A1", None),  # an alias, undated
    ]
    for record, family, given, passport, a_number, born in chain:
        con.execute(
            "INSERT INTO person_records BY NAME SELECT 'benefits' AS feed, ? AS record_id, "
            "? AS family, ? AS given, [?, ?] AS name_tokens, ? AS passport, ? AS a_number, "
            "CAST(? AS DATE) AS dob, year(CAST(? AS DATE)) AS dob_year, "
            "month(CAST(? AS DATE)) AS dob_month, day(CAST(? AS DATE)) AS dob_day",
            [record, family, given, family, given, passport, a_number, born, born, born, born],
        )
    build_linkage_input(con)
    pairs = _pairs(con)
    # The claim shares nothing with the visa record: only the chain brings them together.
    assert pairs[("benefits:claim", "benefits:visa")] == "linked records"


def test_an_undated_record_meets_other_records_on_the_date_its_linked_records_give() -> None:
    # An undated court case shares an A-number with a dated removal; the person's I-9,
    # on a made-up SSN, shares neither an identifier nor a date with the court case,
    # only a name part with it and the removal's date of birth.
    con = duckdb.connect()
    columns = ", ".join(f"{c} {TYPES.get(c, 'VARCHAR')}" for c in COMMON)
    con.execute(f"CREATE TABLE person_records ({columns})")
    records = [
        ("removal", "VILLA ORTEGA", "JUAN", "A1", "1979-03-14"),
        ("court", "ORTEGA", "JUAN CARLOS", "A1", None),
        ("hire", "VILLA", "JUAN", None, "1979-03-14"),
    ]
    for record, family, given, a_number, born in records:
        con.execute(
            "INSERT INTO person_records BY NAME SELECT 'court' AS feed, ? AS record_id, "
            "? AS family, ? AS given, string_split(? || ' ' || ?, ' ') AS name_tokens, "
            "? AS a_number, CAST(? AS DATE) AS dob, year(CAST(? AS DATE)) AS dob_year, "
            "month(CAST(? AS DATE)) AS dob_month, day(CAST(? AS DATE)) AS dob_day",
            [record, family, given, family, given, a_number, born, born, born, born],
        )
    build_linkage_input(con)
    lent = dict(con.execute(f"SELECT record_id, group_dob FROM {INPUT_TABLE}").fetchall())
    assert lent == {"removal": None, "court": "1979-03-14", "hire": None}
    assert _pairs(con)[("court:court", "court:hire")] == "one name+group date"
