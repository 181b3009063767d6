"""Value maps that need a well-kept library, computed once per distinct value.

Transliteration (anyascii), countries (pycountry) and telephone numbers
(phonenumbers) are too rich for SQL. The engine collects the distinct raw values of a
feed, maps them here, and joins the result back in DuckDB, so a library is called
once per spelling rather than once per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import duckdb
import phonenumbers
import pycountry
from anyascii import anyascii

DEFAULT_PHONE_REGION = "US"

# Spellings that pycountry's names and fuzzy search do not resolve, as the agencies'
# systems write them. Everything else is pycountry's own data.
COUNTRY_ALIASES: dict[str, str] = {
    "PRC": "CHN",
    "KOREA": "KOR",
    "REPUBLIC OF KOREA": "KOR",
    "KOREA REPUBLIC OF": "KOR",
    "KOREA SOUTH": "KOR",
    "SOUTH KOREA": "KOR",
    "KSA": "SAU",
    "UAE": "ARE",
    "SALVADOR": "SLV",
    "BRASIL": "BRA",
    "DEUTSCHLAND": "DEU",
    "ESPANA": "ESP",
    "PERU": "PER",
    "POLSKA": "POL",
    "ROSSIYA": "RUS",
    "TURKIYE": "TUR",
    "NIPPON": "JPN",
    "ZHONGGUO": "CHN",
    "BHARAT": "IND",
    "MAINLAND CHINA": "CHN",
    "UK": "GBR",
    "U K": "GBR",
    "GREAT BRITAIN": "GBR",
    "ENGLAND": "GBR",
    "SCOTLAND": "GBR",
    "WALES": "GBR",
    "TURKEY": "TUR",
    "USA": "USA",
    "U S A": "USA",
    "US": "USA",
    "UNITED STATES OF AMERICA": "USA",
    "NORTH KOREA": "PRK",
    "BURMA": "MMR",
    "IVORY COAST": "CIV",
    "CAPE VERDE": "CPV",
    "SWAZILAND": "SWZ",
    "MACEDONIA": "MKD",
    "HOLLAND": "NLD",
    "CZECH REPUBLIC": "CZE",
    "RUSSIA": "RUS",
    "SYRIA": "SYR",
    "IRAN": "IRN",
    "LAOS": "LAO",
    "VIETNAM": "VNM",
    "BOLIVIA": "BOL",
    "VENEZUELA": "VEN",
    "TANZANIA": "TZA",
    "MOLDOVA": "MDA",
    "PALESTINE": "PSE",
    "CONGO DRC": "COD",
    "DRC": "COD",
    "DEMOCRATIC REPUBLIC OF THE CONGO": "COD",
    "REPUBLIC OF THE CONGO": "COG",
    "KOSOVO": "XKX",
}


def transliterate(value: str) -> str:
    """Latin-script ASCII for a name in any script (``Кузнецов`` -> ``Kuznetsov``)."""
    return anyascii(value)


def _country_key(value: str) -> str:
    text = anyascii(unicodedata.normalize("NFC", value)).upper().strip()
    # "IRAN (ISLAMIC REPUBLIC OF)", "CHINA, PEOPLE'S REPUBLIC OF", "KOREA, SOUTH":
    # the qualifier goes first, as in the natural English name.
    text = re.sub(r"^(.*?)\s*\((.*)\)\s*$", r"\2 \1", text)
    if "," in text:
        head, _, tail = text.partition(",")
        text = f"{tail.strip()} {head.strip()}"
    text = re.sub(r"[^A-Z' ]+", " ", text)
    text = re.sub(r"^THE\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Every spelling pycountry knows (codes, names, official and common names)."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        alpha3 = str(country.alpha_3)
        index[alpha3] = alpha3
        index[str(country.alpha_2)] = alpha3
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                index.setdefault(_country_key(str(name)), alpha3)
    index.update(COUNTRY_ALIASES)
    return index


@lru_cache(maxsize=65536)
def country_alpha3(value: str) -> str | None:
    """ISO 3166-1 alpha-3 for a code or an English (or native) name in common spellings.

    No fuzzy matching: a wrong country is worse than none ("Republic of Korea" must
    never become the Democratic People's Republic).
    """
    raw = value.strip().upper()
    if not raw:
        return None
    index = _country_index()
    return index.get(raw) or index.get(_country_key(raw))


@lru_cache(maxsize=1)
def _subdivision_countries() -> dict[str, str | None]:
    """Province/state names -> their country; None where the name is ambiguous."""
    found: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        key = _country_key(str(sub.name))
        country = pycountry.countries.get(alpha_2=str(sub.country_code))
        code = str(country.alpha_3) if country else None
        found[key] = code if found.get(key, code) == code else None
    return found


def place_country(value: str) -> str | None:
    """The country a free-text place names (``MEXICO CITY, MEXICO`` -> MEX), if it names one.

    Tries the last comma-separated part, the whole text, a province or state name,
    and a capital written as "<COUNTRY> CITY". A place of birth is never evidence of
    citizenship; this only helps a person read the record.
    """
    parts = [p.strip() for p in value.split(",") if p.strip()]
    candidates = [parts[-1]] if parts else []
    candidates.append(value)
    for candidate in candidates:
        key = _country_key(candidate)
        if len(key) <= 3:
            continue
        code = country_alpha3(candidate) or _subdivision_countries().get(key)
        if code is None and key.endswith(" CITY"):
            code = country_alpha3(key.removesuffix(" CITY"))
        if code:
            return code
    return None


def phone_e164(value: str) -> str | None:
    """E.164 for a phone number in any style; NULL if it cannot be a number."""
    try:
        parsed = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    # Keep numbers a library thinks unlikely (short national plans, test ranges): an
    # investigator links on the digits; only reject what cannot be a number at all.
    if len(str(parsed.national_number)) < 6:
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


LOOKUPS: dict[str, Callable[[str], str | None]] = {
    "translit": transliterate,
    "country": country_alpha3,
    "place": place_country,
    "phone": phone_e164,
}


def create_lookup_table(
    con: duckdb.DuckDBPyConnection, table: str, kind: str, values: Iterable[str]
) -> None:
    """Create TEMP ``table(raw, value)`` mapping each distinct value through ``kind``."""
    func = LOOKUPS[kind]
    raws = sorted(set(values))
    mapped = [func(v) for v in raws]
    con.execute(f'CREATE OR REPLACE TEMP TABLE "{table}" (raw VARCHAR, value VARCHAR)')
    if raws:
        con.execute(f'INSERT INTO "{table}" SELECT unnest($1), unnest($2)', [raws, mapped])
