"""The search keys a query looks up (``publish.keys``), each with the query words it
stands for and what a hit on it is worth beside its rarity.

First read: every query word's name key and sound, and the identifiers. A key too common
to read whole (it posts only to ``COMMON_MARK``) is then read through the narrower keys
the publication made for it: with the asked year of birth and the years a slipped digit
gives, with no year (people no record dates), with the asked date and its day/month swap,
and paired with another common word of the query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tessera.publish.keys import (
    date_key,
    identifier_key,
    name_key,
    pair_key,
    sound_key,
    with_year,
    word_keys,
)
from tessera.service.people_query import Birth, ReadQuery

SOUND_WEIGHT = 0.8
"""A shared sound says less than a shared key."""

YEAR_SLIPS = (0, -1, 1, -10, 10)
"""The years a year-combined key is tried with: the asked year, and a digit slipped."""

SLIPPED = 0.9
"""A key found in a slipped year, or with day and month swapped, says a little less."""

NO_YEAR = 0.7
"""A person with no year of birth on record, found by a common name."""

DATE_BONUS = 6.0
YEAR_BONUS = 3.0
"""Added once per candidate for the best date of birth evidence a key hit carries (the
date, else the year): among namesakes a name key ranks alike, the date tells them apart.
Scaled as a rare key's weight (log of a million is 13.8), slips at ``SLIPPED`` of it."""


@dataclass(frozen=True)
class Probe:
    """A key to look up, the query words a hit on it stands for (none: an identifier),
    and how much a hit is worth relative to the key's rarity."""

    key: str
    words: tuple[int, ...]
    factor: float
    dob_bonus: float = 0.0


def first_probes(query: ReadQuery) -> list[Probe]:
    """Every query word's name key and sound (``n:``, ``s:``), and the identifiers."""
    found = [
        Probe(key, (index,), factor)
        for index, word in enumerate(query.words)
        for part in word_keys(word)
        for key, factor in ((name_key(part.key), 1.0), (sound_key(part.sound), SOUND_WEIGHT))
    ]
    found += [Probe(identifier_key(k, v), (), 1.0) for k, v in query.identifiers]
    return found


def _years(birth: Birth) -> list[tuple[int | None, float]]:
    tried: list[tuple[int | None, float]] = [
        (birth.year + d, 1.0 if d == 0 else SLIPPED) for d in YEAR_SLIPS
    ]
    return [*tried, (None, NO_YEAR)]


def _dates(birth: Birth) -> list[tuple[tuple[int, int, int], float]]:
    """The asked date, and its day and month swapped when that is a date too."""
    if birth.full is None:
        return []
    year, month, day = birth.full
    found = [((year, month, day), 1.0)]
    if day != month and day <= 12:
        try:
            dt.date(year, day, month)
            found.append(((year, day, month), SLIPPED))
        except ValueError:
            pass
    return found


def _dated(common: Sequence[Probe], birth: Birth | None) -> list[Probe]:
    if birth is None:
        return []
    found = [
        Probe(
            with_year(p.key, year),
            p.words,
            p.factor * worth,
            YEAR_BONUS * worth if year is not None else 0.0,
        )
        for p in common
        for year, worth in _years(birth)
    ]
    found += [
        Probe(date_key(p.key[2:], *day), p.words, worth, DATE_BONUS * worth)
        for p in common
        if p.key.startswith("n:")
        for day, worth in _dates(birth)
    ]
    return found


def _paired(common: Sequence[Probe]) -> list[Probe]:
    names = [p for p in common if p.key.startswith("n:")]
    return [
        Probe(pair_key(a.key[2:], b.key[2:]), (*a.words, *b.words), 1.0)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if a.words != b.words
    ]


def narrower_probes(common: Sequence[Probe], birth: Birth | None) -> list[Probe]:
    """For the name keys that proved common: their year, date and pair keys."""
    return [*_dated(common, birth), *_paired(common)]
