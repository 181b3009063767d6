"""Name variants no library knows: one spelling per group of romanisations.

Transliteration libraries turn any script into Latin, but they cannot know that
MOHAMMED, MUHAMMAD and MOHAMED are the same name written by three systems, or that
LEE, YI and RHEE are one Korean surname. These groups are that domain knowledge; the
first spelling of each group is its canonical form. Sources: ICAO Doc 9303 part 3
(transliteration of Cyrillic and Arabic), the BGN/PCGN and Revised/McCune-Reischauer
romanisations of Korean, and common Arabic, Persian and Slavic name spellings.
"""

from __future__ import annotations

from functools import lru_cache

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


def variant_rows() -> list[tuple[str, str]]:
    """(spelling, canonical) for every spelling of every group, for SQL joins."""
    return sorted(_canonical().items())
