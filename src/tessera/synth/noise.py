"""How each system gets a person wrong: spellings, name order, dates of birth,
identifiers, phone and country styles.

Every rate lives in ``NoiseProfile``; ``noise="heavy"`` doubles them all. Functions
take the chunk's random generator, so a drop stays deterministic by seed.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass, fields, replace

from anyascii import anyascii

from tessera.synth.countries import country
from tessera.synth.names import split_given, variants


@dataclass(frozen=True)
class NoiseProfile:
    variant: float = 0.16
    """A name word written in another romanisation (MOHAMMED -> MUHAMMAD)."""
    typo: float = 0.02
    """One keystroke wrong in a name word."""
    swap_names: float = 0.025
    """Family and given names written in each other's place (four times as often for
    Chinese, Korean and Vietnamese names: family-first or given-first order)."""
    swap_middle: float = 0.03
    """Given and middle names in each other's place (people who go by their middle name)."""
    drop_second_surname: float = 0.3
    """GARCIA LOPEZ -> GARCIA, when there are two."""
    drop_middle: float = 0.35
    """The middle name left out."""
    middle_initial: float = 0.15
    """The middle name cut to its initial."""
    split_given: float = 0.3
    """A Chinese given name split into syllables, a Korean hyphen dropped or spaced."""
    bad_split: float = 0.05
    """A syllable split in the wrong place (CHENGLONG -> CHE NGLONG)."""
    accents_lost: float = 0.3
    """A system that keeps accents dropped them on this record."""
    dob_swap: float = 0.015
    """Day and month swapped (when both could be a month)."""
    dob_typo: float = 0.012
    """A digit of the date of birth off by one."""
    dob_partial: float = 0.012
    """Day or month unknown (00), or the year alone."""
    dob_placeholder: float = 0.008
    """An unknown date of birth entered as 1 January."""
    dob_missing: float = 0.03
    """The date of birth left empty."""
    id_transpose: float = 0.008
    """Two adjacent digits of an identifier swapped."""
    a_number_bare: float = 0.35
    """An A-number written without its A."""
    a_number_short: float = 0.08
    """...and without its leading zero."""
    broken_row: float = 0.007
    """A row the ingest must quarantine (bad date, missing field, wrong code or width)."""

    def scaled(self, factor: float) -> NoiseProfile:
        """Every rate times ``factor``. Rates that pick between two ways of writing
        (drop the middle name or keep it) stop at one half: beyond it records would
        agree more, not less."""
        return replace(
            self,
            **{
                f.name: min(0.5 if f.name in COIN_FLIPS else 0.9, getattr(self, f.name) * factor)
                for f in fields(self)
            },
        )


COIN_FLIPS = frozenset(
    ("drop_second_surname", "drop_middle", "split_given", "accents_lost", "a_number_bare")
)


PROFILES: dict[str, NoiseProfile] = {
    "standard": NoiseProfile(),
    "heavy": NoiseProfile().scaled(2.0),
}

# --- scripts and case -------------------------------------------------------------------
_ICAO = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Æ": "AE", "Ø": "OE", "Å": "AA"})


@functools.lru_cache(maxsize=65536)
def mrz(text: str) -> str:
    """As a passport's machine readable zone reads: upper-case Latin letters only."""
    out = anyascii(text.upper().translate(_ICAO)).upper()
    out = "".join(c if c.isalpha() else " " for c in out.replace("'", ""))
    return " ".join(out.split())


@functools.lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Upper case, accents removed, punctuation kept (most police and court systems)."""
    return " ".join(anyascii(text).upper().split())


@functools.lru_cache(maxsize=65536)
def mixed(text: str) -> str:
    """As a clerk types it: capitalised words, accents kept."""
    return " ".join(
        "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
        for word in text.split()
    )


# --- names ------------------------------------------------------------------------------
_KEYS = "QWERTYUIOPASDFGHJKLZXCVBNM"


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(_KEYS) + word[i + 1 :]


def respell(rng: random.Random, nz: NoiseProfile, part: str, style: str) -> str:
    """One system's spelling of a name part (each word on its own)."""
    out = []
    for word in part.split():
        if rng.random() < nz.variant:
            alt = variants(word, style)
            if alt:
                word = rng.choice(alt)
        if rng.random() < nz.typo:
            word = typo(rng, word)
        out.append(word)
    return " ".join(out)


def given_form(rng: random.Random, nz: NoiseProfile, given: str, style: str) -> str:
    """Chinese syllables apart or joined, Korean hyphens kept, dropped or spaced."""
    if style == "chinese" and rng.random() < nz.split_given:
        parts = split_given(given)
        if len(parts) == 2:
            if rng.random() < nz.bad_split / nz.split_given:
                cut = len(parts[0]) + rng.choice((-1, 1))
                return f"{given[:cut]} {given[cut:]}"
            return rng.choice((" ", "-", " "))[0].join(parts)
    if style == "korean" and "-" in given and rng.random() < nz.split_given:
        return given.replace("-", rng.choice(("", " ")))
    return given


FAMILY_FIRST = frozenset(("chinese", "korean", "vietnamese"))


@dataclass(frozen=True, slots=True)
class WrittenName:
    family: str
    given: str
    middle: str


def written_name(
    rng: random.Random, nz: NoiseProfile, given: str, middle: str, family: str, style: str
) -> WrittenName:
    """The name as one system recorded it, before that system's own formatting."""
    fam = respell(rng, nz, family, style)
    if " " in fam and style in ("hispanic", "portuguese") and rng.random() < nz.drop_second_surname:
        fam = fam.split()[0]
    giv = respell(rng, nz, given_form(rng, nz, given, style), style)
    mid = ""
    if middle and rng.random() >= nz.drop_middle:
        mid = respell(rng, nz, middle, style)
        if rng.random() < nz.swap_middle:
            giv, mid = mid, giv
        elif rng.random() < nz.middle_initial:
            mid = mid[0]
    if rng.random() < nz.swap_names * (4 if style in FAMILY_FIRST else 1):
        fam, giv = giv, fam
    return WrittenName(fam or family, giv, mid)


# --- dates of birth ---------------------------------------------------------------------
def written_dob(
    rng: random.Random, nz: NoiseProfile, dob: dt.date
) -> tuple[int, int, int, bool] | None:
    """(year, month, day, year_only) as written; 0 = unknown part; None = left empty."""
    r = rng.random()
    if r < nz.dob_missing:
        return None
    r -= nz.dob_missing
    y, m, d = dob.year, dob.month, dob.day
    if r < nz.dob_swap:
        return (y, d, m, False) if d <= 12 and d != m else (y, m, d, False)
    r -= nz.dob_swap
    if r < nz.dob_typo:
        if rng.random() < 0.5:
            return y, m, d + 1 if d < 28 else d - 1, False
        return y + rng.choice((-1, 1, 10, -10)), m, 28 if (m, d) == (2, 29) else d, False
    r -= nz.dob_typo
    if r < nz.dob_partial:
        kind = rng.randrange(3)
        return (y, m, 0, False) if kind == 0 else (y, 0, 0, kind == 2)
    r -= nz.dob_partial
    if r < nz.dob_placeholder:
        return y, 1, 1, False
    return y, m, d, False


def fmt_dob(parts: tuple[int, int, int, bool] | None, style: str) -> str:
    """A written date of birth in a system's style (unknown parts as 00)."""
    if parts is None:
        return ""
    y, m, d, year_only = parts
    if year_only and style != "mrz":
        return f"{y:04d}"
    if style == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if style == "compact":
        return f"{y:04d}{m:02d}{d:02d}"
    if style == "us":
        return f"{m:02d}/{d:02d}/{y:04d}"
    if style == "eu":
        return f"{d:02d}.{m:02d}.{y:04d}"
    return f"{y % 100:02d}{m:02d}{d:02d}"  # mrz: YYMMDD


def fmt_date(day: dt.date | None, style: str) -> str:
    """An event date in a system's style (always a full date)."""
    return _fmt_day(day, style) if day else ""


@functools.lru_cache(maxsize=1 << 16)
def _fmt_day(day: dt.date, style: str) -> str:
    return fmt_dob((day.year, day.month, day.day, False), style)


# --- identifiers, phones, countries ------------------------------------------------------
def transpose(rng: random.Random, nz: NoiseProfile, ident: str) -> str:
    """Sometimes two adjacent different digits swapped (a keying slip)."""
    if len(ident) < 4 or rng.random() >= nz.id_transpose:
        return ident
    spots = [
        i
        for i in range(len(ident) - 1)
        if ident[i].isdigit() and ident[i + 1].isdigit() and ident[i] != ident[i + 1]
    ]
    if not spots:
        return ident
    i = rng.choice(spots)
    return ident[:i] + ident[i + 1] + ident[i] + ident[i + 2 :]


def a_number_style(rng: random.Random, nz: NoiseProfile, a_number: str) -> str:
    """``A012345678``, ``012345678`` or ``12345678``: systems differ, clerks slip."""
    a_number = transpose(rng, nz, a_number)
    r = rng.random()
    if r < nz.a_number_short:
        return a_number[1:].lstrip("0") or "0"
    if r < nz.a_number_bare:
        return a_number[1:]
    return a_number


def phone_style(rng: random.Random, e164: str) -> str:
    """One of the ways the seized phones and agents' systems write a number."""
    if e164.startswith("+1"):
        n = e164[2:]
        style = rng.randrange(6)
        if style == 0:
            return f"({n[:3]}) {n[3:6]}-{n[6:]}"
        if style == 1:
            return f"{n[:3]}-{n[3:6]}-{n[6:]}"
        if style == 2:
            return "1" + n
        if style == 3:
            return n
        return e164
    r = rng.random()
    if r < 0.5:
        return e164
    if r < 0.7:
        return "011" + e164[1:]
    if r < 0.85:
        return e164[1:]
    cc = next((c for c in (e164[1:4], e164[1:3], e164[1:2]) if _is_dial(c)), e164[1:3])
    rest = e164[1 + len(cc) :]
    half = len(rest) // 2
    return f"+{cc} {rest[:half]} {rest[half:]}"


@functools.lru_cache(maxsize=512)
def _is_dial(code: str) -> bool:
    from tessera.synth.countries import COUNTRIES

    return any(c.dial == code for c in COUNTRIES.values())


def country_name(rng: random.Random, code: str) -> str:
    """A country as a clerk writes it: one of several English names, or the code."""
    if rng.random() < 0.06:
        return code
    return rng.choice(country(code).names)
