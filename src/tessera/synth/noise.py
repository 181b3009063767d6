"""How each system gets a person wrong: spelling, order, dates, identifiers, styles.

Every function takes the world's random generator and the noise profile, so a drop is
deterministic by seed and ``noise="heavy"`` raises every rate at once.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, fields, replace

from anyascii import anyascii

from tessera.synth.names import VARIANTS


@dataclass(frozen=True)
class NoiseProfile:
    variant: float = 0.25  # another system's romanisation of a name part
    typo: float = 0.03  # one keystroke wrong in a name part
    swap_names: float = 0.04  # family and given written in each other's place
    drop_second_surname: float = 0.35  # GARCIA LOPEZ -> GARCIA, when there are two
    drop_middle: float = 0.3  # middle name left out
    dob_swap: float = 0.02  # day and month swapped (when both <= 12)
    dob_typo: float = 0.015  # a digit off
    dob_partial: float = 0.02  # 00 for an unknown day/month, or the year alone
    id_transpose: float = 0.01  # two adjacent digits of an identifier swapped
    broken_row: float = 0.007  # a row the ingest must quarantine

    def scaled(self, factor: float) -> NoiseProfile:
        return replace(
            self, **{f.name: min(0.9, getattr(self, f.name) * factor) for f in fields(self)}
        )


PROFILES = {"standard": NoiseProfile(), "heavy": NoiseProfile().scaled(2.0)}


def mrz(text: str) -> str:
    """Upper-case Latin only, as a passport's machine readable zone reads."""
    out = anyascii(text).upper().replace("-", " ").replace("'", "")
    return " ".join(out.split())


def plain(text: str) -> str:
    return " ".join(anyascii(text).upper().split())


def mixed(text: str) -> str:
    """As a clerk types it: Title Case, accents kept."""
    return " ".join(
        w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-"))
        for w in text.split()
    )


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def spell(rng: random.Random, noise: NoiseProfile, part: str) -> str:
    """One system's spelling of a name part (each word varied independently)."""
    words = []
    for word in part.split():
        variants = VARIANTS.get(word)
        if variants and rng.random() < noise.variant:
            word = rng.choice(variants)
        if rng.random() < noise.typo:
            word = typo(rng, word)
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class WrittenName:
    family: str
    given: str
    middle: str


def written_name(
    rng: random.Random, noise: NoiseProfile, family: str, given: str, middle: str
) -> WrittenName:
    """The name as one system recorded it, before that system's own formatting."""
    fam = spell(rng, noise, family)
    if " " in fam and rng.random() < noise.drop_second_surname:
        fam = fam.split()[0]
    giv = spell(rng, noise, given)
    mid = "" if rng.random() < noise.drop_middle else spell(rng, noise, middle)
    if rng.random() < noise.swap_names:
        fam, giv = giv, fam
    return WrittenName(fam, giv, mid)


@dataclass(frozen=True)
class WrittenDate:
    year: int
    month: int  # 0 = unknown
    day: int  # 0 = unknown
    year_only: bool = False


def written_dob(rng: random.Random, noise: NoiseProfile, dob: dt.date) -> WrittenDate:
    r = rng.random()
    if r < noise.dob_swap and dob.day <= 12 and dob.day != dob.month:
        return WrittenDate(dob.year, dob.day, dob.month)
    r -= noise.dob_swap
    if r < noise.dob_typo:
        if rng.random() < 0.5:
            day = dob.day + (1 if dob.day < 28 else -1)
            return WrittenDate(dob.year, dob.month, day)
        year = dob.year + rng.choice((-1, 1))
        day = 28 if (dob.month, dob.day) == (2, 29) else dob.day  # no Feb 29 in that year
        return WrittenDate(year, dob.month, day)
    r -= noise.dob_typo
    if r < noise.dob_partial:
        kind = rng.randrange(3)
        if kind == 0:
            return WrittenDate(dob.year, dob.month, 0)
        if kind == 1:
            return WrittenDate(dob.year, 0, 0)
        return WrittenDate(dob.year, 0, 0, year_only=True)
    return WrittenDate(dob.year, dob.month, dob.day)


def fmt_dob(d: WrittenDate, style: str) -> str:
    """A written date of birth in a feed's own style (partial parts as 00)."""
    if d.year_only and style != "mrz":
        return f"{d.year:04d}"
    y, m, dd = d.year, d.month, d.day
    if style == "iso":
        return f"{y:04d}-{m:02d}-{dd:02d}"
    if style == "compact":
        return f"{y:04d}{m:02d}{dd:02d}"
    if style == "us":
        return f"{m:02d}/{dd:02d}/{y:04d}"
    if style == "eu":
        return f"{dd:02d}.{m:02d}.{y:04d}"
    return f"{y % 100:02d}{m:02d}{dd:02d}"  # mrz


def fmt_date(d: dt.date, style: str) -> str:
    return fmt_dob(WrittenDate(d.year, d.month, d.day), style)


def transpose(rng: random.Random, noise: NoiseProfile, ident: str) -> str:
    if len(ident) < 4 or rng.random() >= noise.id_transpose:
        return ident
    i = rng.randrange(len(ident) - 1)
    if not (ident[i].isdigit() and ident[i + 1].isdigit()) or ident[i] == ident[i + 1]:
        return ident
    return ident[:i] + ident[i + 1] + ident[i] + ident[i + 2 :]


def a_number_style(rng: random.Random, a_number: str) -> str:
    """``A012345678``, ``012345678`` or ``12345678``: systems differ."""
    digits = a_number[1:]
    r = rng.random()
    if r < 0.5:
        return a_number
    if r < 0.8:
        return digits
    return digits.lstrip("0") or "0"


def phone_style(rng: random.Random, e164: str) -> str:
    if not e164.startswith("+1"):
        r = rng.random()
        if r < 0.6:
            return e164
        if r < 0.8:
            return "011" + e164[1:]
        cc_len = 2 if e164[1:3] in ("52", "50", "91", "86", "63", "84", "23", "57", "58") else 3
        return f"+{e164[1 : 1 + cc_len]} {e164[1 + cc_len : 6 + cc_len]} {e164[6 + cc_len :]}"
    n = e164[2:]
    style = rng.randrange(5)
    if style == 0:
        return e164
    if style == 1:
        return f"({n[:3]}) {n[3:6]}-{n[6:]}"
    if style == 2:
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"
    if style == 3:
        return "1" + n
    return n


COUNTRY_SPELLINGS: dict[str, tuple[str, ...]] = {
    "MEX": ("MEXICO", "Mexico", "México", "MEX"),
    "IND": ("INDIA", "India", "Republic of India"),
    "CHN": ("CHINA", "China", "People's Republic of China", "PRC", "CHINA, PEOPLE'S REPUBLIC OF"),
    "PHL": ("PHILIPPINES", "Philippines", "The Philippines"),
    "VEN": ("VENEZUELA", "Venezuela", "Venezuela, Bolivarian Republic of"),
    "VNM": ("VIETNAM", "VIET NAM", "Viet Nam"),
    "KOR": ("KOREA, SOUTH", "South Korea", "Republic of Korea", "KOREA"),
    "RUS": ("RUSSIA", "Russian Federation", "Russia"),
    "IRN": ("IRAN", "Iran", "IRAN, ISLAMIC REPUBLIC OF"),
    "SYR": ("SYRIA", "Syrian Arab Republic"),
    "EGY": ("EGYPT", "Egypt", "Arab Republic of Egypt"),
    "GBR": ("UNITED KINGDOM", "United Kingdom", "ENGLAND", "Great Britain", "UK"),
    "DEU": ("GERMANY", "Germany", "Federal Republic of Germany"),
    "TUR": ("TURKEY", "Turkey", "Türkiye"),
    "BRA": ("BRAZIL", "Brazil"),
    "SLV": ("EL SALVADOR", "El Salvador"),
    "USA": ("UNITED STATES", "USA"),
}


def country_name(rng: random.Random, code: str, english: dict[str, str]) -> str:
    spellings = COUNTRY_SPELLINGS.get(code)
    if spellings:
        return rng.choice(spellings)
    name = english.get(code, code)
    return name.upper() if rng.random() < 0.5 else name
