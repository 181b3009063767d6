"""Each system writes people its own way: the same person's records differ in spelling,
date of birth and identifier style, and heavy noise makes them differ more."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from tessera.synth import PROFILES, generate
from tests.synth.conftest import Drop

FAMILY = {
    "arrivals": "family_name",
    "benefits": "family_name",
    "employment": "employee_family_name",
    "students": "surname",
}


def fold(text: str) -> str:
    """Upper case without accents: what is left is a real difference of spelling."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spellings(read: Drop) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key, person in read.owner.items():
        field = FAMILY.get(key[0])
        if field and key not in read.broken:
            value = read.rows[key].get(field)
            if isinstance(value, str) and value:
                found[person].add(fold(value))
    return found


def test_one_persons_records_are_spelt_differently(read: Drop) -> None:
    names = spellings(read)
    varied = [p for p, s in names.items() if len(s) > 1]
    assert len(varied) > 0.08 * len(names)


def test_dates_of_birth_differ_and_some_are_partial(read: Drop) -> None:
    dobs: dict[str, set[str]] = defaultdict(set)
    partial = 0
    for key, person in read.owner.items():
        if key[0] in ("benefits", "custody") and key not in read.broken:
            value = str(read.rows[key]["dob"])
            if value:
                dobs[person].add(value)
                partial += value.startswith("00/") or "/00/" in value
        elif key[0] in ("employment", "registrations") and key not in read.broken:
            value = str(read.rows[key]["dob"])
            partial += bool(re.fullmatch(r"\d{4}|\d{4}-\d\d-00|\d{4}-00-00", value))
    assert sum(len(v) > 1 for v in dobs.values()) > 10
    assert partial > 0


def test_identifier_styles_vary(read: Drop) -> None:
    a_numbers = [
        str(r["a_number"])
        for (feed, _), r in read.rows.items()
        if feed in ("benefits", "employment", "removals") and r.get("a_number")
    ]
    assert any(a.startswith("A") for a in a_numbers)
    assert any(a.isdigit() and len(a) == 9 for a in a_numbers)
    assert any(a.isdigit() and len(a) < 9 for a in a_numbers)
    phones = [
        str(r[c])
        for (feed, _), r in read.rows.items()
        if feed == "calls"
        for c in ("caller", "callee")
    ]
    styles = {
        "e164": r"\+1\d{10}",
        "paren": r"\(\d{3}\) \d{3}-\d{4}",
        "dashed": r"\d{3}-\d{3}-\d{4}",
        "eleven": r"1\d{10}",
        "intl": r"011\d+",
        "spaced": r"\+\d{2,3} \d+ \d+",
    }
    for name, pattern in styles.items():
        assert any(re.fullmatch(pattern, p) for p in phones), name


def test_systems_keep_or_lose_accents_their_own_way(read: Drop) -> None:
    mrz = re.compile(r"[A-Z ]+")
    accented = 0
    for (feed, rid), r in read.rows.items():
        if (feed, rid) in read.broken:
            continue
        if feed == "arrivals":
            assert mrz.fullmatch(str(r["family_name"])), r
            assert not r["given_names"] or mrz.fullmatch(str(r["given_names"])), r
        if feed in ("benefits", "employment"):
            text = str(r.get("family_name") or r.get("employee_family_name") or "")
            accented += text != fold(text) and text.upper() != text
    assert accented > 10
    countries = defaultdict(set)
    for (feed, _), r in read.rows.items():
        if feed == "benefits" and r.get("country_of_birth"):
            countries[fold(str(r["country_of_birth"]))[:4]].add(str(r["country_of_birth"]))
    assert max(len(v) for v in countries.values()) >= 4


def test_heavy_noise_varies_more(tmp_path: Path) -> None:
    def variety(noise: str) -> tuple[int, int]:
        world = generate(tmp_path / noise, people=2000, seed=5, noise=noise, workers=1)
        with (world.out_dir / "truth" / "links.csv").open(encoding="utf-8") as handle:
            owner = {(r["feed"], r["record_id"]): r["person_id"] for r in csv.DictReader(handle)}
        names: dict[str, set[str]] = defaultdict(set)
        with (world.out_dir / "arrivals.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                person = owner[("arrivals", row["event_id"])]
                names[person].add(f"{row['family_name']}|{row['given_names']}|{row['dob']}")
        return sum(len(v) - 1 for v in names.values()), world.broken_rows

    standard, heavy = variety("standard"), variety("heavy")
    assert heavy[0] > 1.25 * standard[0]
    assert heavy[1] > 1.4 * standard[1]
    assert PROFILES["heavy"].variant > PROFILES["standard"].variant
