"""Name variants no library knows: one spelling per group of romanisations.

Transliteration libraries turn any script into Latin, but they cannot know that
MOHAMMED, MUHAMMAD and MOHAMED are the same name written by three systems, or that
LEE, YI and RHEE are one Korean surname. These groups are that domain knowledge; the
first spelling of each group is its canonical form. Sources: ICAO Doc 9303 part 3
(transliteration of Cyrillic and Arabic), the BGN/PCGN and Revised/McCune-Reischauer
romanisations of Korean, and common Arabic, Persian and Slavic name spellings.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish

VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "MOHAMMED",
        "MUHAMMAD",
        "MOHAMED",
        "MOHAMMAD",
        "MUHAMMED",
        "MOHAMAD",
        "MUHAMED",
        "MOHAMMADI",
        "MOHD",
    ),
    ("AHMED", "AHMAD", "AHMET", "AHMEED"),
    ("HUSSEIN", "HUSSAIN", "HUSAYN", "HOSSEIN", "HOSEIN", "HUSEYIN", "HUSEIN"),
    ("HASSAN", "HASAN"),
    ("YOUSSEF", "YOUSEF", "YUSUF", "YOUSSOUF", "YOUSIF", "YUSEF"),
    ("OMAR", "UMAR"),
    ("OSAMA", "USAMA", "OUSSAMA"),
    ("KHALED", "KHALID"),
    ("MAHMOUD", "MAHMUD", "MAHMOOD"),
    ("MUSTAFA", "MOSTAFA", "MUSTAPHA"),
    ("ABDULLAH", "ABDALLAH", "ABDULLA", "ABDALLA"),
    ("IBRAHIM", "EBRAHIM", "IBRAHEEM"),
    ("HISHAM", "HESHAM"),
    ("TAREK", "TARIQ", "TAREQ"),
    ("ABDEL", "ABDUL", "ABD"),
    ("HASHEMI", "HASHIMI"),
    ("SAYED", "SAYYID", "SAYYED", "SAYID"),
    ("YURIY", "IURII", "YURI", "YURIJ", "JURIJ", "IURI"),
    ("ALEKSANDR", "ALEXANDER", "ALEKSANDER", "ALEXANDR", "OLEKSANDR", "OLEXANDR"),
    ("SERGEY", "SERGEI", "SERGUEI", "SERHIY", "SERHII", "SERGIY"),
    ("DMITRY", "DMITRI", "DMITRIY", "DMYTRO", "DMITRO"),
    ("ANDREY", "ANDREI", "ANDRIY", "ANDRII"),
    ("ALEKSEY", "ALEXEI", "ALEKSEI", "OLEKSIY", "OLEKSII"),
    ("MIKHAIL", "MYKHAILO", "MIKHAILO"),
    ("NIKOLAY", "NIKOLAI", "MYKOLA", "MIKOLA"),
    ("YEVGENY", "EVGENY", "EVGENII", "YEVGENIY", "YEVHEN", "EVHEN"),
    ("OLGA", "OLHA"),
    ("NATALIA", "NATALYA", "NATALIYA", "NATALIIA"),
    ("YELENA", "ELENA", "JELENA", "OLENA"),
    ("TATIANA", "TATYANA", "TATJANA", "TETIANA", "TETYANA"),
    ("YULIA", "IULIIA", "JULIA", "YULIYA"),
    ("YEKATERINA", "EKATERINA", "KATERYNA"),
    ("IRINA", "IRYNA"),
    ("KUZNETSOV", "KUZNETCOV", "KOUZNETSOV"),
    ("VASILIEV", "VASILYEV", "VASSILIEV"),
    ("ALEKSEEV", "ALEXEEV"),
    ("SEMENOV", "SEMYONOV"),
    ("YEGOROV", "EGOROV"),
    ("LEE", "YI", "RHEE", "RI"),
    ("PARK", "PAK", "BAK"),
    ("CHOI", "CHOE"),
    ("JUNG", "JEONG", "CHUNG", "CHEONG"),
    ("KIM", "GIM"),
    ("KANG", "GANG"),
    ("CHO", "JO"),
    ("YOON", "YUN"),
    ("SHIN", "SIN"),
    ("KWON", "GWON"),
    ("ZHANG", "CHANG"),
    ("ZHOU", "CHOU"),
    ("ZHAO", "CHAO"),
    ("XU", "HSU"),
    ("NGUYEN", "NGUYEN"),
    ("HOANG", "HUYNH"),
    ("MUELLER", "MULLER"),
    ("AYSE", "AISHE"),
)

# Prefixes and particles systems keep, join, hyphenate or drop: AL-HASHEMI, AL HASHIMI,
# ALHASHEMI and HASHEMI are one family name.
PARTICLES = (
    "AL",
    "EL",
    "UL",
    "DE",
    "DEL",
    "DELA",
    "LA",
    "DA",
    "DOS",
    "DAS",
    "VAN",
    "VON",
    "BIN",
    "BEN",
    "ABU",
)


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in VARIANT_GROUPS:
        for spelling in group:
            table.setdefault(spelling, group[0])
    return table


def canonical_token(token: str) -> str:
    """The group spelling of a name token (itself when it belongs to no group)."""
    return _canonical().get(token, token)


def name_parts(text: str) -> list[str]:
    """Tokens of a normalised name, particles split off and dropped, hyphens as spaces.

    ``AL-HASHEMI`` -> ``[HASHEMI]``; ``ALHASHEMI`` -> ``[HASHEMI]``; ``DELA CRUZ`` ->
    ``[CRUZ]``; ``MIN-SEOK`` -> ``[MIN, SEOK]``.
    """
    out: list[str] = []
    for token in text.replace("-", " ").replace("'", "").split():
        if token in PARTICLES:
            continue
        for particle in ("AL", "EL"):
            if (
                token.startswith(particle)
                and len(token) > len(particle) + 3
                and token[len(particle) :] in _canonical()
            ):
                token = token[len(particle) :]
        out.append(canonical_token(token))
    return out


# German (DIN 1460, Duden) and Polish spellings of Slavic names, as older European
# documents carry them: DANILTSCHUK is DANILCHUK, EDUARDOWITSCH is EDUARDOVICH, SZEWCZENKO
# is SHEVCHENKO. Only a word with a spelling English romanisation never uses (TSCH, SCH,
# SZ, CZ) is read this way; its CH is then the German/Polish CH (KH), W is V and J is Y.
_GERMAN_OR_POLISH = re.compile("SCH|SZ|CZ")
_SHCH, _CH, _SH = "\x01", "\x02", "\x03"
_FOLDS: tuple[tuple[str, str], ...] = (
    ("SZCZ", _SHCH),
    ("TSCH", _CH),
    ("SCH", _SH),
    ("CZ", _CH),
    ("SZ", _SH),
    ("CH", "KH"),
    ("W", "V"),
    ("J", "Y"),
    (_SHCH, "SHCH"),
    (_CH, "CH"),
    (_SH, "SH"),
)


def english_spelling(key: str) -> str:
    """A name key spelled as English romanisation spells it (itself unless the key is
    spelled the German or Polish way)."""
    if not _GERMAN_OR_POLISH.search(key):
        return key
    for spelling, english in _FOLDS:
        key = key.replace(spelling, english)
    return key


@lru_cache(maxsize=262_144)
def name_sound(key: str) -> str:
    """The phonetic key (Metaphone) of a name key, after ``english_spelling``: one sound
    for the spellings of one name across romanisation systems."""
    spelled = english_spelling(key)
    return jellyfish.metaphone(spelled) or spelled


# Soundex's consonant classes, applied to the first letter too (Soundex keeps that letter
# as it is written, and the first letter is where clerks' swaps happen: VLANCA, GOSUE).
_SOUNDEX_CLASS = {
    **dict.fromkeys("BFPV", "1"),
    **dict.fromkeys("CGJKQSXZ", "2"),
    **dict.fromkeys("DT", "3"),
    "L": "4",
    **dict.fromkeys("MN", "5"),
    "R": "6",
}


@lru_cache(maxsize=262_144)
def name_shape(key: str) -> str | None:
    """A coarse key for blocking only: the name's consonant classes (Soundex, from
    jellyfish, its first letter coded like the rest), after reading LL as Y. Spellings a
    clerk confuses by ear share it (BLANCA/VLANCA, JOSUE/GOSUE, KEVIN/KEBIN,
    CASTILLO/CASTIYO), and so do many unrelated names: it finds candidates, it never
    scores them. None for a name with no consonant to class (HO, YI): such a shape would
    meet every other one."""
    word = key.replace("LL", "Y")
    shape = (_SOUNDEX_CLASS.get(word[:1], "0") + jellyfish.soundex(word)[1:]).rstrip("0")
    return shape or None


def variant_rows() -> list[tuple[str, str]]:
    """(spelling, canonical) for every spelling of every group, for SQL joins."""
    return sorted(_canonical().items())
