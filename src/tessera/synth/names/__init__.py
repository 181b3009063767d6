"""Name tables and how a person of each origin is named.

Only common given and family names, combined at random: nobody real is described.
"""

from __future__ import annotations

import random

from tessera.synth.names.americas import BRAZILIAN, FILIPINO, HAITIAN, HISPANIC, US
from tessera.synth.names.asia import (
    CHINESE,
    CHINESE_SYLLABLES,
    INDIAN,
    INDIAN_MIDDLE,
    JAPANESE,
    KOREAN,
    SOUTH_ASIAN_MUSLIM,
    VIETNAMESE,
    VIETNAMESE_MIDDLE_FEMALE,
    VIETNAMESE_MIDDLE_MALE,
)
from tessera.synth.names.europe_africa import (
    BRITISH,
    EAST_AFRICAN,
    FRENCH,
    GERMAN,
    IGBO,
    ITALIAN,
    POLISH,
    RUSSIAN,
    SPANISH,
    UKRAINIAN,
    YORUBA,
)
from tessera.synth.names.middle_east import ARABIC, PERSIAN, TURKISH
from tessera.synth.names.origin import Origin
from tessera.synth.names.variants import pinyin_split, variants

__all__ = ["NATIONALITIES", "Origin", "make_name", "pick_nationality", "split_given", "variants"]

# Nationality -> (naming tradition, weight among the foreign-born). Weights follow the
# rough mix of an immigration agency's records: Mexico and Central America, India and
# China first, then a long tail.
NATIONALITIES: dict[str, tuple[Origin, float]] = {
    "MEX": (HISPANIC, 16.0),
    "GTM": (HISPANIC, 4.5),
    "HND": (HISPANIC, 3.5),
    "SLV": (HISPANIC, 3.5),
    "COL": (HISPANIC, 2.5),
    "VEN": (HISPANIC, 2.5),
    "CUB": (HISPANIC, 2.0),
    "DOM": (HISPANIC, 2.0),
    "ECU": (HISPANIC, 1.2),
    "PER": (HISPANIC, 1.0),
    "NIC": (HISPANIC, 0.8),
    "ESP": (SPANISH, 1.0),
    "BRA": (BRAZILIAN, 3.0),
    "HTI": (HAITIAN, 1.8),
    "PHL": (FILIPINO, 4.0),
    "IND": (INDIAN, 9.0),
    "PAK": (SOUTH_ASIAN_MUSLIM, 1.2),
    "BGD": (SOUTH_ASIAN_MUSLIM, 0.8),
    "CHN": (CHINESE, 7.0),
    "KOR": (KOREAN, 2.5),
    "VNM": (VIETNAMESE, 2.5),
    "JPN": (JAPANESE, 1.0),
    "EGY": (ARABIC, 1.2),
    "SAU": (ARABIC, 1.0),
    "SYR": (ARABIC, 0.6),
    "IRQ": (ARABIC, 0.6),
    "JOR": (ARABIC, 0.4),
    "YEM": (ARABIC, 0.3),
    "MAR": (ARABIC, 0.4),
    "IRN": (PERSIAN, 1.2),
    "AFG": (PERSIAN, 0.8),
    "TUR": (TURKISH, 1.0),
    "RUS": (RUSSIAN, 1.6),
    "UKR": (UKRAINIAN, 1.6),
    "POL": (POLISH, 0.8),
    "DEU": (GERMAN, 1.6),
    "FRA": (FRENCH, 1.2),
    "ITA": (ITALIAN, 0.8),
    "GBR": (BRITISH, 2.2),
    "CAN": (US, 1.5),
    "NGA": (YORUBA, 1.2),
    "NGA_IGBO": (IGBO, 0.8),
    "ETH": (EAST_AFRICAN, 0.5),
    "SOM": (EAST_AFRICAN, 0.4),
}
US_BORN: tuple[tuple[Origin, float], ...] = (
    (US, 72.0),
    (HISPANIC, 17.0),
    (CHINESE, 2.0),
    (VIETNAMESE, 1.5),
    (INDIAN, 1.5),
    (KOREAN, 1.0),
    (FILIPINO, 2.0),
    (POLISH, 1.0),
    (ITALIAN, 1.0),
    (ARABIC, 1.0),
)
_CODES = tuple(NATIONALITIES)
_CUM_WEIGHTS = tuple(sum(NATIONALITIES[c][1] for c in _CODES[: i + 1]) for i in range(len(_CODES)))
_US_ORIGINS = tuple(o for o, _ in US_BORN)
_US_WEIGHTS = tuple(sum(w for _, w in US_BORN[: i + 1]) for i in range(len(US_BORN)))
_SYLLABLES = frozenset(CHINESE_SYLLABLES)
VISA_WAIVER = frozenset(("GBR", "DEU", "FRA", "ITA", "ESP", "JPN", "KOR", "POL"))
"""Countries whose visitors come on the visa waiver (class WT) instead of a B visa."""


def pick_nationality(rng: random.Random) -> tuple[str, Origin]:
    """A foreign nationality and its naming tradition, by the weights above."""
    code = rng.choices(_CODES, cum_weights=_CUM_WEIGHTS)[0]
    origin = NATIONALITIES[code][0]
    return ("NGA" if code == "NGA_IGBO" else code), origin


def pick_us_origin(rng: random.Random) -> Origin:
    return rng.choices(_US_ORIGINS, cum_weights=_US_WEIGHTS)[0]


def origin_of(nationality: str) -> Origin:
    return NATIONALITIES.get(nationality, (US, 0.0))[0]


def make_name(rng: random.Random, origin: Origin, sex: str) -> tuple[str, str, str]:
    """(given, middle, family) built the way the tradition builds them."""
    pool = origin.male if sex == "M" else origin.female
    given = rng.choice(pool)
    family = rng.choice(origin.family)
    middle = ""
    style = origin.style
    if rng.random() < origin.middle_rate:
        if style == "vietnamese":
            middle = rng.choice(VIETNAMESE_MIDDLE_MALE if sex == "M" else VIETNAMESE_MIDDLE_FEMALE)
        elif style == "indian":
            middle = rng.choice(INDIAN_MIDDLE)
        elif style == "filipino":
            middle = rng.choice(origin.family)  # the mother's maiden name
        elif style in ("slavic",):
            middle = _patronymic(rng.choice(origin.male), sex)
        elif style in ("arabic", "african"):
            middle = rng.choice(origin.male)  # the father's name
        else:
            middle = rng.choice(pool)
    if style in ("hispanic", "portuguese") and rng.random() < (
        0.75 if style == "hispanic" else 0.5
    ):
        second = rng.choice(origin.family)
        if second != family:
            family = f"{family} {second}"
    if middle == given or middle in given.split():
        middle = ""
    return given, middle, family


def _patronymic(father: str, sex: str) -> str:
    stem = father.rstrip("IYA")
    if father.endswith(("IY", "Y", "I")):
        return stem + ("EVICH" if sex == "M" else "EVNA")
    return stem + ("OVICH" if sex == "M" else "OVNA")


def split_given(given: str) -> tuple[str, ...]:
    """Syllables of a Chinese given name, for systems that write them apart."""
    return pinyin_split(given, _SYLLABLES)
