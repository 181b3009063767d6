"""Library-backed value maps: countries, places, phones, and the SQL phone fast path."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.feeds.lookups import country_alpha3, phone_e164, place_country
from tessera.feeds.normalize import phone_fast_path
from tessera.model.offences import family_of


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("INDIA", "IND"),
        ("People's Republic of China", "CHN"),
        ("CHINA, PEOPLE'S REPUBLIC OF", "CHN"),
        ("PRC", "CHN"),
        ("México", "MEX"),
        ("Viet Nam", "VNM"),
        ("The Philippines", "PHL"),
        ("Venezuela, Bolivarian Republic of", "VEN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Republic of Korea", "KOR"),
        ("KOREA, SOUTH", "KOR"),
        ("Türkiye", "TUR"),
        ("MEX", "MEX"),
        ("UK", "GBR"),
    ],
)
def test_country_spellings(spelling: str, code: str) -> None:
    assert country_alpha3(spelling) == code


@pytest.mark.parametrize("spelling", ["UNK", "USSR", "ATLANTIS", ""])
def test_no_guessing_a_country(spelling: str) -> None:
    assert country_alpha3(spelling) is None


def test_places_name_a_country_only_when_they_do() -> None:
    assert place_country("MEXICO CITY, MEXICO") == "MEX"
    assert place_country("GUATEMALA CITY") == "GTM"
    assert place_country("UNK") is None


NANP_STYLES = [
    "+1{a}{b}{c}",
    "1{a}{b}{c}",
    "{a}{b}{c}",
    "({a}) {b}-{c}",
    "{a}-{b}-{c}",
    "{a}.{b}.{c}",
    "+1 ({a}) {b}-{c}",
]


@settings(max_examples=300, deadline=None)
@given(
    area=st.integers(200, 999),
    exchange=st.integers(200, 999),
    line=st.integers(0, 9999),
    style=st.sampled_from(NANP_STYLES),
)
def test_sql_phone_fast_path_agrees_with_phonenumbers(
    area: int, exchange: int, line: int, style: str
) -> None:
    raw = style.format(a=area, b=exchange, c=f"{line:04d}")
    con = duckdb.connect()
    row = con.execute(f"SELECT {phone_fast_path('$1')}", [raw]).fetchone()
    assert row is not None
    assert row[0] == phone_e164(raw) == f"+1{area}{exchange}{line:04d}"


def test_international_phone_styles() -> None:
    assert phone_e164("011521056306569") == "+521056306569"
    assert phone_e164("+52 26939 22962") == "+522693922962"
    assert phone_e164("12") is None


@settings(max_examples=200, deadline=None)
@given(code=st.integers(0, 9999))
def test_sql_offence_family_agrees_with_the_model(code: int) -> None:
    from tessera.feeds.normalize import offence_family

    text = f"{code:04d}"
    con = duckdb.connect()
    row = con.execute(f"SELECT {offence_family('$1')}", [text]).fetchone()
    assert row is not None and row[0] == family_of(text)
