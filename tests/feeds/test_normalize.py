"""Each system's own conventions, normalised: dates, names, identifiers, codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tessera.feeds import ingest_drop, quarantined_rows
from tests.feeds.dropkit import arrival, csv_text, jsonl_text, write_drop


def ingest(tmp_path: Path, contents: dict[str, str | bytes]) -> duckdb.DuckDBPyConnection:
    drop = write_drop(tmp_path / "drop", contents)
    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    ingest_drop(con, drop, tmp_path / "scratch")
    return con


def one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0] if len(row) == 1 else row


@pytest.mark.parametrize(
    ("dob", "event_date", "expected_year", "precision"),
    [
        ("850312", "20200115", 1985, "day"),
        ("150601", "20200115", 2015, "day"),
        ("250101", "20200115", 1925, "day"),
        ("200101", "20200115", 2020, "day"),
        ("850000", "20200115", 1985, "year"),
        ("850300", "20200115", 1985, "month"),
    ],
)
def test_mrz_birth_year_century_follows_the_event(
    tmp_path: Path, dob: str, event_date: str, expected_year: int, precision: str
) -> None:
    con = ingest(tmp_path, {"arrivals": csv_text([arrival(dob=dob, event_date=event_date)])})
    assert one(con, "SELECT dob_year, dob_precision FROM src_arrivals") == (
        expected_year,
        precision,
    )


def test_impossible_dates_are_quarantined_with_the_expected_format(tmp_path: Path) -> None:
    rows = [
        arrival(event_id="E1", dob="851300"),
        arrival(event_id="E2", event_date="20210230"),
        arrival(event_id="E3", admit_until="D/S"),
        arrival(event_id="E4", event_date="2021-01-05"),
    ]
    con = ingest(tmp_path, {"arrivals": csv_text(rows)})
    reasons = {r.record_id: r.reason for r in quarantined_rows(con)}
    assert set(reasons) == {"E1", "E2", "E4"}
    assert "YYMMDD" in reasons["E1"] and "YYYYMMDD" in reasons["E2"]
    assert one(con, "SELECT admit_until_is_ds AND admit_until IS NULL FROM src_arrivals") is True


BENEFIT = {
    "receipt_number": "EAC0000000001",
    "a_number": "69948095",
    "family_name": "Gutiérrez Saavedra",
    "given_name": "Raúl",
    "dob": "03/00/1970",
    "country_of_birth": "CHINA, PEOPLE'S REPUBLIC OF",
    "form": "I-485",
    "filed_date": "05/01/2000",
    "decision": "PENDING",
    "decision_date": "",
    "valid_from": "",
    "valid_to": "",
}


@pytest.mark.parametrize(
    ("dob", "year", "month", "precision"),
    [
        ("03/00/1970", 1970, 3, "month"),
        ("00/00/1970", 1970, None, "year"),
        ("1970", 1970, None, "year"),
    ],
)
def test_partial_birth_dates(
    tmp_path: Path, dob: str, year: int, month: int | None, precision: str
) -> None:
    con = ingest(tmp_path, {"benefits": csv_text([{**BENEFIT, "dob": dob}])})
    got = one(con, "SELECT dob, dob_year, dob_month, dob_precision FROM src_benefits")
    assert got == (None, year, month, precision)


def test_names_are_ascii_upper_and_identifiers_canonical(tmp_path: Path) -> None:
    con = ingest(tmp_path, {"benefits": csv_text([BENEFIT])})
    got = one(
        con,
        "SELECT family_name_raw, family_name, given_name, a_number, country_of_birth "
        "FROM src_benefits",
    )
    assert got == ("Gutiérrez Saavedra", "GUTIERREZ SAAVEDRA", "RAUL", "A069948095", "CHN")


@pytest.mark.parametrize(
    ("raw", "family", "given", "middle"),
    [
        ("AL-HASHEMI, BILAL YASSER", "AL-HASHEMI", "BILAL", "YASSER"),
        ("CURIEL VILLAGOMEZ,EVELIO JACINTO", "CURIEL VILLAGOMEZ", "EVELIO", "JACINTO"),
        ("O'BRIEN, SEAN", "O'BRIEN", "SEAN", None),
    ],
)
def test_family_comma_given_layouts(
    tmp_path: Path, raw: str, family: str, given: str, middle: str | None
) -> None:
    row = {
        "nic_number": "W1",
        "record_type": "WANTED",
        "name": raw,
        "dob": "19750927",
        "sex": "M",
        "fbi_number": "56358356",
        "ori": "TX1010000",
        "offense": "1313",
        "entry_date": "20020927",
        "status": "ACTIVE",
    }
    con = ingest(tmp_path, {"wanted": csv_text([row])})
    got = one(con, "SELECT name_family, name_given, name_middle, offense_family FROM src_wanted")
    assert got == (family, given, middle, "ASSAULT")


def test_other_scripts_are_transliterated(tmp_path: Path) -> None:
    row = {
        "transfer_id": "T1",
        "sent_at": "2018-10-06T17:00:00",
        "sender_name": "Юрий Кузнецов",
        "sender_phone": "(520) 555-0123",
        "receiver_name": "HƯƠNG NGÔ",
        "receiver_phone": "011 52 1 55 1234 5678",
        "receiver_country": "Viet Nam",
        "amount_usd": "327.61",
    }
    con = ingest(tmp_path, {"transfers": csv_text([row])})
    got = one(
        con,
        "SELECT sender_name_full, receiver_name_tokens, sender_phone, receiver_phone, "
        "receiver_country, sent_at FROM src_transfers",
    )
    assert got[0] == "YURIY KUZNETSOV"
    assert got[1] == ["HUONG", "NGO"]
    assert got[2] == "+15205550123"
    assert got[3] is not None and got[3].startswith("+52")
    assert got[4] == "VNM"
    assert got[5] == dt.datetime(2018, 10, 6, 17, 0)


def test_family_first_names_keep_tokens_but_claim_no_boundary(tmp_path: Path) -> None:
    row = {
        "removal_id": "R1",
        "a_number": "A082660603",
        "fin": "FIN8518959032",
        "name": "SISNEROS MARRERO OLGA",
        "dob": "22.07.1970",
        "nationality": "GTM",
        "removal_date": "2002-04-14",
        "type": "REMOVAL",
    }
    con = ingest(tmp_path, {"removals": csv_text([row])})
    got = one(con, "SELECT name_family, name_tokens, dob FROM src_removals")
    assert got == (None, ["SISNEROS", "MARRERO", "OLGA"], dt.date(1970, 7, 22))


def test_custody_charges_become_offence_families(tmp_path: Path) -> None:
    row = {
        "booking_id": "B1",
        "facility": "FULTON COUNTY JAIL",
        "facility_type": "COUNTY_JAIL",
        "name": "ARANDA, HOMERO",
        "dob": "10/27/1973",
        "sex": "M",
        "place_of_birth": "MEXICO CITY, MEXICO",
        "fbi_number": "153897FD0",
        "fin": "",
        "booking_date": "06/15/2001",
        "charges": "4801;3599; 9999",
        "status": "HELD",
        "projected_release": "",
        "release_date": "",
    }
    con = ingest(tmp_path, {"custody": csv_text([row])})
    got = one(con, "SELECT charges, charges_families, place_of_birth_country FROM src_custody")
    assert got == (["4801", "3599", "9999"], ["SMUGGLING_PERSONS", "DRUGS", "OTHER"], "MEX")


def test_jsonl_event_problems_quarantine_the_whole_record(tmp_path: Path) -> None:
    good = {
        "case_id": "C1",
        "a_number": "A1",
        "name": "QUIROZ, CECILIA",
        "dob": None,
        "nationality": "SLV",
        "events": [
            {
                "date": "2003-07-05",
                "type": "ORDER",
                "detail": "VOLUNTARY_DEPARTURE",
                "depart_by": "2003-09-03",
            }
        ],
    }
    bad = {**good, "case_id": "C2", "events": [{"date": "2003-13-05", "type": "ORDER"}]}
    con = ingest(tmp_path, {"court": jsonl_text([good, bad]) + "{not json\n"})
    kinds = {(r.line, r.kind) for r in quarantined_rows(con)}
    assert kinds == {(2, "bad_date"), (3, "malformed_json")}
    got = one(con, "SELECT depart_by, detail FROM src_court__events")
    assert got == (dt.date(2003, 9, 3), "VOLUNTARY_DEPARTURE")
    assert one(con, "SELECT a_number_raw, a_number FROM src_court") == ("A1", None)
