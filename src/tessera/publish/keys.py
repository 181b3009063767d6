"""Search keys: how a name, a year of birth or an identifier is looked up.

One set of functions serves both sides of person search: the publish stage runs them
once per distinct name word of the workspace to build ``pub_search_keys``, and the
service runs them on each query. A test holds the two to the same keys on the sample.

A name word becomes its canonical key (variant groups, particles dropped:
``identity.variants``) and that key's Metaphone sound (as ``identity.linkage_input``
computes it), so MUHAMMAD finds MOHAMMED and a misspelling that sounds the same still
meets its word. A key that posts to very many people (GARCIA, MARIA) is only of use
combined with the year of birth; identifiers are looked up exactly, in the feeds'
canonical spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from anyascii import anyascii

from tessera.identity.variants import name_parts, name_sound

MIN_KEY_LENGTH: Final = 2
"""Initials (``J``) say too little to look anyone up by."""

COMMON_SHARE: Final = 3000
"""A name key is common when it posts to more than one person in this many: it then
also gets year-combined keys (GARCIA, MARIA: a few hundred people each in a million)."""

MIN_COMMON: Final = 25
"""...and never below this many people, however small the world."""

IDENTIFIER_KINDS: Final = ("a_number", "fin", "fbi_number", "ssn", "passport", "sevis_id")
"""Identifiers the records carry, by the name person records give them."""

_NOT_NAME = re.compile(r"[^A-Z0-9'\- ]+")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_DIGITS = re.compile(r"[^0-9]")


def common_postings(people: int) -> int:
    """How many people a name key may post to before it counts as common (and gets
    year-combined keys), in a publication of ``people``."""
    return max(MIN_COMMON, people // COMMON_SHARE)


def max_postings(people: int) -> int:
    """At most this many people are read for one key at query time: a bound in case a
    key is more common than its publication said (a name key is never: common ones post
    only to ``COMMON_MARK``; an identifier may be, shared by a ring of identity thieves)."""
    return 2 * common_postings(people)


@dataclass(frozen=True)
class WordKey:
    """One part of a name word: its canonical key and its sound."""

    key: str
    sound: str


def normalise_name(text: str) -> str:
    """A name as the feeds store it: ASCII (anyascii), upper case, letters, digits,
    hyphens, apostrophes and single spaces (``feeds.normalize.name_text``)."""
    cleaned = _NOT_NAME.sub(" ", anyascii(text).upper())
    return " ".join(cleaned.split())


def name_words(text: str) -> list[str]:
    """The words of a name, normalised as the feeds store ``name_tokens``."""
    return normalise_name(text).split()


@lru_cache(maxsize=262_144)
def word_keys(word: str) -> tuple[WordKey, ...]:
    """The keys of one stored name word (hyphenated words give one per part; particles
    none; initials none)."""
    found = []
    for part in name_parts(word):
        if len(part) >= MIN_KEY_LENGTH:
            found.append(WordKey(part, name_sound(part)))
    return tuple(found)


def name_key(key: str) -> str:
    return f"n:{key}"


def sound_key(sound: str) -> str:
    return f"s:{sound}"


COMMON_MARK: Final = "*"
"""The one person a common name key posts to: look up its year-combined keys instead."""

UNKNOWN_YEAR: Final = "?"
"""The year part of a year-combined key for a person no record gives a year of birth:
such a person must stay findable by a common name when the query gives a date."""


def with_year(key: str, year: int | None) -> str:
    """A name or sound key combined with a year of birth (``n:GARCIA`` -> ``ny:GARCIA:1985``;
    no year known: ``ny:GARCIA:?``)."""
    kind, _, value = key.partition(":")
    return f"{kind}y:{value}:{UNKNOWN_YEAR if year is None else format(year, '04d')}"


def pair_key(a: str, b: str) -> str:
    """Two common name keys of one person (``GARCIA``, ``MARIA`` -> ``np:GARCIA|MARIA``):
    together they name few people, whatever the date of birth says."""
    first, second = sorted((a, b))
    return f"np:{first}|{second}"


def date_key(key: str, year: int, month: int, day: int) -> str:
    """A common name key with a full date of birth (``nd:GARCIA:1985-03-12``)."""
    return f"nd:{key}:{year:04d}-{month:02d}-{day:02d}"


def identifier_key(kind: str, value: str) -> str:
    return f"id:{kind}:{value}"


def canonical_identifier(kind: str, value: str) -> str | None:
    """``value`` as the feeds store an identifier of ``kind``; ``None`` if it cannot be
    one (``feeds.normalize.identifier``)."""
    text = value.strip().upper()
    if kind == "a_number":
        digits = _DIGITS.sub("", text)
        shaped = re.fullmatch(r"A?[\s-]*[0-9][0-9\s-]{0,10}", text) is not None
        return "A" + digits.zfill(9) if shaped and 7 <= len(digits) <= 9 else None
    if kind == "ssn":
        digits = _DIGITS.sub("", text)
        shaped = re.fullmatch(r"[0-9\s-]+", text) is not None
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if shaped and len(digits) == 9 else None
    return _NOT_ALNUM.sub("", text) or None
