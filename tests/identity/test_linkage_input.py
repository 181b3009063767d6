"""The linkage input's document facts: which uses of a passport came after its report,
and which passports travelled in two bodies."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from tessera.feeds import DropLoad
from tessera.identity import build_person_records
from tessera.identity.linkage_input import INPUT_TABLE, LINKED_GROUP_CAP, build_linkage_input
from tessera.identity.records import COMMON, TYPES


def test_a_passport_use_is_dated_against_the_number_s_first_report(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    build_linkage_input(con)
    expected = con.execute(
        "SELECT p.feed || ':' || p.record_id, any_value(p.record_date) > min(s.reported_date) "
        "FROM person_records p JOIN src_lost_stolen s ON s.document_number = p.passport "
        "AND s.document_type = 'PASSPORT' GROUP BY p.feed, p.record_id"
    ).fetchall()
    got = dict(
        con.execute(
            f"SELECT unique_id, passport_after_report FROM {INPUT_TABLE} "
            "WHERE passport_after_report IS NOT NULL"
        ).fetchall()
    )
    assert got == {key: after for key, after in expected if after is not None}
    # The sample holds both: owners' uses before a report and later holders' after it.
    assert set(got.values()) == {True, False}


def test_without_a_lost_and_stolen_feed_no_use_is_dated(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    records = con.cursor().sql("SELECT * FROM person_records").to_arrow_table()
    alone = duckdb.connect()
    alone.execute("CREATE TABLE person_records AS SELECT * FROM records")
    rows = build_linkage_input(alone)
    dated = alone.execute(
        f"SELECT count(*) FROM {INPUT_TABLE} WHERE passport_after_report IS NOT NULL"
    ).fetchone()
    assert rows == records.num_rows and dated == (0,)


def _travellers(
    uses: list[tuple[str, str, str, str, str | None]],
    reported: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    """``passports_apart`` by passport for arrivals ``(record, passport, kind, day, fin)``
    of one name and date of birth (namesakes a score cannot tell apart)."""
    con = duckdb.connect()
    columns = ", ".join(f"{c} {TYPES.get(c, 'VARCHAR')}" for c in COMMON)
    con.execute(f"CREATE TABLE person_records ({columns})")
    con.execute(
        "CREATE TABLE src_arrivals (record_id VARCHAR, event_type VARCHAR, event_date DATE)"
    )
    for record, passport, kind, day, fin in uses:
        con.execute(
            "INSERT INTO person_records BY NAME SELECT 'arrivals' AS feed, ? AS record_id, "
            "'EFIMOV' AS family, 'LADISLAV' AS given, ['EFIMOV', 'LADISLAV'] AS name_tokens, "
            "DATE '2006-08-11' AS dob, 2006 AS dob_year, 8 AS dob_month, 11 AS dob_day, "
            "? AS passport, ? AS fin, CAST(? AS DATE) AS record_date",
            [record, passport, fin, day],
        )
        con.execute("INSERT INTO src_arrivals VALUES (?, ?, ?)", [record, kind, day])
    if reported:
        con.execute(
            "CREATE TABLE src_lost_stolen (document_number VARCHAR, document_type VARCHAR, "
            "reported_date DATE)"
        )
        for number, day in reported.items():
            con.execute("INSERT INTO src_lost_stolen VALUES (?, 'PASSPORT', ?)", [number, day])
    build_linkage_input(con)
    rows = con.execute(
        f"SELECT DISTINCT passport, passports_apart FROM {INPUT_TABLE} "
        "WHERE passports_apart IS NOT NULL"
    ).fetchall()
    return {str(p): list(a) for p, a in rows}


# One namesake arrives on passport A and stays a year and a half; the other arrives on B,
# and leaves, in the middle of that stay.
NESTED = [
    ("1", "A", "ARRIVAL", "2024-02-25", None),
    ("2", "B", "ARRIVAL", "2024-08-11", None),
    ("3", "B", "DEPARTURE", "2024-09-27", None),
    ("4", "A", "DEPARTURE", "2025-08-24", None),
]


def test_two_passports_whose_stays_overlap_travelled_in_two_bodies() -> None:
    assert _travellers(NESTED) == {"A": ["B"], "B": ["A"]}
    # Crossing stays (B arrives during A's, A leaves during B's) too.
    crossing = [
        *NESTED[:2],
        ("3", "A", "DEPARTURE", "2024-09-27", None),
        ("4", "B", "DEPARTURE", "2025-08-24", None),
    ]
    assert _travellers(crossing) == {"A": ["B"], "B": ["A"]}


def test_a_renewed_passport_used_after_the_old_one_is_one_body() -> None:
    renewed = [
        ("1", "A", "ARRIVAL", "2019-01-10", None),
        ("2", "A", "DEPARTURE", "2019-03-01", None),
        ("3", "B", "ARRIVAL", "2019-03-01", None),
        ("4", "B", "DEPARTURE", "2019-06-01", None),
    ]
    assert _travellers(renewed) == {}


def test_an_arrival_without_its_departure_proves_no_stay() -> None:
    # A's departure is missing: A's records cannot show that A was here when B came.
    assert _travellers([NESTED[0], NESTED[1], NESTED[2]]) == {}


def test_one_fingerprint_on_both_passports_is_one_body_whatever_the_dates() -> None:
    fin = "FIN0000000001"
    uses = [(r, p, k, d, fin if r in ("1", "2") else None) for r, p, k, d, _ in NESTED]
    assert _travellers(uses) == {}


def test_uses_after_a_passport_s_loss_was_reported_are_not_its_owner_s_stays() -> None:
    # A was reported stolen before any of these uses: an impostor may hold it, and the
    # stays on it say nothing about the body that travelled on B.
    assert _travellers(NESTED, reported={"A": "2020-01-01"}) == {}


def test_on_the_sample_passports_apart_never_belong_to_one_person(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad], sample_drop: Path
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    build_linkage_input(con)
    with (sample_drop / "truth" / "links.csv").open(encoding="utf-8") as handle:
        owner = {(r["feed"], r["record_id"]): r["person_id"] for r in csv.DictReader(handle)}
    holders: dict[str, set[str]] = {}
    for feed, record, passport in con.execute(
        f"SELECT feed, record_id, passport FROM {INPUT_TABLE} WHERE passport IS NOT NULL"
    ).fetchall():
        holders.setdefault(passport, set()).add(owner[(feed, record)])
    apart = con.execute(
        f"SELECT DISTINCT passport, unnest(passports_apart) FROM {INPUT_TABLE}"
    ).fetchall()
    assert apart, "the sample's namesakes on two passports are not found"
    for a, b in apart:
        assert holders[a].isdisjoint(holders[b]), (a, b)


def _groups(records: list[dict[str, object]]) -> dict[str, int | None]:
    """``linked_group`` by record id for person records given as column values."""
    con = duckdb.connect()
    columns = ", ".join(f"{c} {TYPES.get(c, 'VARCHAR')}" for c in COMMON)
    con.execute(f"CREATE TABLE person_records ({columns})")
    for record in records:
        names = ", ".join(f"? AS {column}" for column in record)
        con.execute(f"INSERT INTO person_records BY NAME SELECT {names}", list(record.values()))
    build_linkage_input(con)
    rows = con.execute(f"SELECT record_id, linked_group FROM {INPUT_TABLE}").fetchall()
    return {str(r): g for r, g in rows}


def _record(record_id: str, family: str, given: str, **values: object) -> dict[str, object]:
    return {
        "feed": "arrivals",
        "record_id": record_id,
        "family": family,
        "given": given,
        "name_tokens": [family, given],
        **values,
    }


BORN = {"dob": "1984-05-02", "dob_year": 1984, "dob_month": 5, "dob_day": 2}


def test_records_chained_by_identifiers_or_one_name_on_one_date_form_one_group() -> None:
    groups = _groups(
        [
            _record("arrival", "HADDAD", "SAMIR", passport="P1", **BORN),
            # An alias on a benefits claim: no name, no date in common with the arrival...
            _record("claim", "KHOURY", "SAM", a_number="A1"),
            # ...but a court record holds both its A-number and the arrival's passport.
            _record("court", "HADAD", "SAMIR", passport="P1", a_number="A1"),
            # A visa record with no identifier: the arrival's name on its date of birth.
            _record("visa", "SAMIR", "HADDAD", **BORN),
            _record("stranger", "NOVAK", "PETRA", ssn="S9", **BORN),
        ]
    )
    linked = {groups["arrival"], groups["claim"], groups["court"], groups["visa"]}
    assert len(linked) == 1 and None not in linked
    assert groups["stranger"] is None  # alone: no group, no pairs


def test_a_group_past_the_cap_links_nothing() -> None:
    # One SSN on more records than the cap (a number sold many times over): no group.
    size = LINKED_GROUP_CAP + 1
    groups = _groups([_record(f"r{n}", f"FAMILY{n}", "GIVEN", ssn="S1") for n in range(size)])
    assert set(groups.values()) == {None}
    within = _groups([_record(f"r{n}", f"FAMILY{n}", "GIVEN", ssn="S1") for n in range(size - 1)])
    assert len(set(within.values())) == 1 and None not in within.values()
