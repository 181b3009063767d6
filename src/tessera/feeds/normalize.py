"""SQL expressions that normalise each kind of value, one function per convention.

Every function takes SQL text for the raw (trimmed, NULL-if-empty) value and returns
SQL text. Values that need a library (transliteration, countries, phones) are mapped
in Python once per *distinct* value (``lookups.py``) and joined in; everything else
is set-based DuckDB SQL so that ingest runs at millions of rows per second.
"""

from __future__ import annotations

from collections.abc import Callable

from tessera.feeds.layout import DateFormat, IdentifierType
from tessera.feeds.sqltext import lit, lit_list
from tessera.model.offences import OFFENCE_FAMILIES, OTHER_FAMILY

# Per date convention: the exact shape, the strptime format of a complete date, and the
# 1-based (start, end) positions of year, month and day in the text.
DATE_SHAPES: dict[DateFormat, tuple[str, str, tuple[tuple[int, int], ...]]] = {
    DateFormat.ISO: (r"^\d{4}-\d{2}-\d{2}$", "%Y-%m-%d", ((1, 4), (6, 7), (9, 10))),
    DateFormat.COMPACT: (r"^\d{8}$", "%Y%m%d", ((1, 4), (5, 6), (7, 8))),
    DateFormat.US: (r"^\d{2}/\d{2}/\d{4}$", "%m/%d/%Y", ((7, 10), (1, 2), (4, 5))),
    DateFormat.EUROPEAN: (r"^\d{2}\.\d{2}\.\d{4}$", "%d.%m.%Y", ((7, 10), (4, 5), (1, 2))),
    DateFormat.MRZ: (r"^\d{6}$", "", ((1, 2), (3, 4), (5, 6))),
}
YEAR_ONLY = r"^\d{4}$"
ANY_FORMATS = (DateFormat.ISO, DateFormat.COMPACT, DateFormat.US, DateFormat.EUROPEAN)


def _parts_for(raw: str, fmt: DateFormat, year: Callable[[str], str]) -> str:
    (y0, y1), (m0, m1), (d0, d1) = DATE_SHAPES[fmt][2]
    y = year(f"{raw}[{y0}:{y1}]")
    return f"{{'y': {y}, 'm': {raw}[{m0}:{m1}], 'd': {raw}[{d0}:{d1}]}}"


def four_digit_year(digits: str) -> str:
    return f"CAST({digits} AS SMALLINT)"


def date_parts(raw: str, fmt: DateFormat, year: Callable[[str], str] = four_digit_year) -> str:
    """STRUCT(y SMALLINT, m, d digit strings), or NULL when no convention matches.

    ``year`` turns the written year digits into the year (an MRZ century resolver).
    A year alone is accepted wherever four-digit years are written.
    """
    formats = ANY_FORMATS if fmt is DateFormat.ANY else (fmt,)
    arms = [
        f"WHEN regexp_full_match({raw}, {lit(DATE_SHAPES[f][0])}) THEN {_parts_for(raw, f, year)}"
        for f in formats
    ]
    if fmt is not DateFormat.MRZ:
        arms.append(
            f"WHEN regexp_full_match({raw}, {lit(YEAR_ONLY)}) "
            f"THEN {{'y': {four_digit_year(raw)}, 'm': '00', 'd': '00'}}"
        )
    return "CASE " + " ".join(arms) + " END"


def full_date(y: str, m: str, d: str) -> str:
    """The DATE of digit strings y, m, d, or NULL if no such day exists (Feb 30)."""
    return f"CAST(try_strptime({y} || '-' || {m} || '-' || {d}, '%Y-%m-%d') AS DATE)"


def event_date(raw: str, fmt: DateFormat) -> str:
    """A complete calendar date written in ``fmt``; NULL unless it is a real day."""
    shape, strptime_format, _ = DATE_SHAPES[fmt]
    return (
        f"CASE WHEN regexp_full_match({raw}, {lit(shape)}) "
        f"THEN CAST(try_strptime({raw}, {lit(strptime_format)}) AS DATE) END"
    )


def mrz_year(two_digits: str, reference_date: str) -> str:
    """Resolve a two-digit birth year against a date of the same record.

    A passport's MRZ omits the century. The birth cannot follow the event, so the
    latest century that keeps the birth year at or before the event's year wins.
    """
    yy = f"CAST({two_digits} AS INTEGER)"
    return (
        f"CAST(CASE WHEN 2000 + {yy} <= coalesce(year({reference_date}), year(current_date)) "
        f"THEN 2000 + {yy} ELSE 1900 + {yy} END AS SMALLINT)"
    )


def timestamp(raw: str) -> str:
    """An ISO 8601 date-time (a bare date is midnight)."""
    return (
        f"CASE WHEN regexp_full_match({raw}, "
        r"'^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$') "
        f"THEN try_cast({raw} AS TIMESTAMP) END"
    )


CLEAN_NAME = r"^[A-Z]+( [A-Z]+)*$"


def name_text(ascii_value: str) -> str:
    """Upper-case ASCII letters, digits, hyphens, apostrophes and single spaces.

    Most names (every MRZ name, most typed ones once upper-cased) already are; they
    skip the two rewrites.
    """
    upper = f"upper({ascii_value})"
    cleaned = f"regexp_replace({upper}, '[^A-Z0-9''\\- ]+', ' ', 'g')"
    slow = f"nullif(trim(regexp_replace({cleaned}, '\\s+', ' ', 'g')), '')"
    return f"CASE WHEN regexp_full_match({upper}, {lit(CLEAN_NAME)}) THEN {upper} ELSE {slow} END"


def name_tokens(normalised: str) -> str:
    return f"CASE WHEN {normalised} IS NOT NULL THEN string_split({normalised}, ' ') END"


def identifier(raw: str, kind: IdentifierType) -> str:
    """The canonical spelling of an identifier, or NULL if it cannot be one."""
    if kind is IdentifierType.A_NUMBER:
        # A + 9 digits; systems drop the A, the leading zero, or add spaces/dashes.
        digits = f"regexp_replace({raw}, '[^0-9]', '', 'g')"
        return (
            f"CASE WHEN regexp_full_match({raw}, '^A[0-9]{{9}}$') THEN {raw} "
            f"WHEN regexp_full_match(upper({raw}), '^A?[\\s-]*[0-9][0-9\\s-]{{0,10}}$') "
            f"AND length({digits}) BETWEEN 7 AND 9 THEN 'A' || lpad({digits}, 9, '0') END"
        )
    if kind is IdentifierType.SSN:
        digits = f"regexp_replace({raw}, '[^0-9]', '', 'g')"
        return (
            f"CASE WHEN regexp_full_match({raw}, '^[0-9]{{3}}-[0-9]{{2}}-[0-9]{{4}}$') THEN {raw} "
            f"WHEN length({digits}) = 9 AND regexp_full_match({raw}, '^[0-9\\s-]+$') "
            f"THEN {digits}[1:3] || '-' || {digits}[4:5] || '-' || {digits}[6:9] END"
        )
    return f"nullif(regexp_replace(upper({raw}), '[^A-Z0-9]', '', 'g'), '')"


def offence_code(raw: str) -> str:
    return f"CASE WHEN regexp_full_match({raw}, '^[0-9]{{4}}$') THEN {raw} END"


def offence_family(code: str) -> str:
    arms = " ".join(
        f"WHEN {lit_list(family.prefixes)} && [{code}[1:2]] THEN {lit(family.code)}"
        for family in OFFENCE_FAMILIES
    )
    return f"CASE WHEN {code} IS NULL THEN NULL {arms} ELSE {lit(OTHER_FAMILY)} END"


NANP_FAST_PATH = r"^(\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})$"


E164_WRITTEN = r"^\+([1-9]\d{7,14})$"
IDD_WRITTEN = r"^011([1-9]\d{7,14})$"


def phone_fast_path(raw: str) -> str:
    """E.164 without a library for numbers already in E.164, with the US ``011`` exit
    code, or North American numbers in the usual styles.

    Everything else (spaced international numbers, odd punctuation) goes through
    ``phonenumbers`` once per distinct value; a test proves both paths agree.
    """
    groups = f"regexp_extract({raw}, {lit(NANP_FAST_PATH)}, ['_', 'a', 'b', 'c'])"
    return (
        f"CASE WHEN regexp_full_match({raw}, {lit(E164_WRITTEN)}) THEN {raw} "
        f"WHEN regexp_full_match({raw}, {lit(IDD_WRITTEN)}) THEN '+' || {raw}[4:] "
        f"WHEN regexp_full_match({raw}, {lit(NANP_FAST_PATH)}) "
        f"THEN '+1' || ({groups}).a || ({groups}).b || ({groups}).c END"
    )


def phone_needs_library(raw: str) -> str:
    """SQL true when ``phone_fast_path`` cannot read ``raw``."""
    return (
        f"NOT (regexp_full_match({raw}, {lit(E164_WRITTEN)}) "
        f"OR regexp_full_match({raw}, {lit(IDD_WRITTEN)}) "
        f"OR regexp_full_match({raw}, {lit(NANP_FAST_PATH)}))"
    )
