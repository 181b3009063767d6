"""Scoring one search candidate: how well a published person answers the query, in [0, 1],
with the reasons (which parts agreed, and how).

- **Name**: each query word against the person's name words, whatever their order: the
  same canonical key scores 1 (variants, particles, transliterations: ``identity.variants``),
  else the best Jaro-Winkler similarity, at least 0.9 when the words sound alike. A
  name's score is the mean over the query's words, so a dropped second surname costs
  nothing and a word the person never used costs its share.
- **Date of birth**, against every date any record gives: the same day 1; one clerk's
  slip apart (``identity.model.births_slip``: day and month swapped, one keystroke, a
  part one or ten off, 1 January for unknown) 0.75; agreeing as far as both are known
  0.7; the same year 0.45; a year one off 0.15.
- **Identifiers** shared exactly make a candidate near certain: 0.95 for one that names a
  single person (A-number, FIN, FBI number, SEVIS id), 0.8 for one that may be shared or
  stolen (SSN, passport), each only with a name that does not disagree.
- Without a date of birth on both sides a name alone reaches at most 0.85: namesakes are
  common, and the status desk must not be certain on a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jellyfish

from tessera.identity.model import births_slip
from tessera.publish.keys import word_keys
from tessera.service.people_query import Birth, ReadQuery
from tessera.store.operational.published_rows import PublishedPerson

SAME_DATE = 1.0
SLIPPED_DATE = 0.75
AGREES_AS_KNOWN = 0.7
SAME_YEAR = 0.45
YEAR_APART = 0.15
"""The date of birth's scale (see the module's text); search's pre-rank uses it too."""

NAME_ONLY = 0.85
SOUNDS_ALIKE = 0.9
STRONG_IDENTIFIERS = frozenset({"a_number", "fin", "fbi_number", "sevis_id"})
STRONG_FLOOR = 0.95
WEAK_FLOOR = 0.8
DISAGREEING_FLOOR = 0.6
"""A shared identifier under a name that disagrees: a stolen or shared number, perhaps."""
SEX_DIFFERS = 0.9
"""A different sex on record multiplies the confidence (clerks slip on sex too)."""


@dataclass(frozen=True)
class Reason:
    """One part of the query and how the person answered it."""

    part: str
    """``name``, ``dob``, ``sex`` or an identifier kind."""
    detail: str
    score: float


@dataclass(frozen=True)
class Scored:
    person: PublishedPerson
    confidence: float
    reasons: tuple[Reason, ...]


def _word(word: str, keys: set[str], sounds: set[str]) -> tuple[float, str] | None:
    parts = word_keys(word)
    if not parts:
        return None  # an initial or a particle: says nothing either way
    total, said = 0.0, []
    for part in parts:
        if part.key in keys:
            total += 1.0
            said.append(f"{part.key} (same name)")
            continue
        best, near = max(
            ((jellyfish.jaro_winkler_similarity(part.key, k), k) for k in keys), default=(0.0, "")
        )
        if part.sound in sounds and best < SOUNDS_ALIKE:
            best, near = SOUNDS_ALIKE, f"sound {part.sound}"
        total += best
        said.append(f"{part.key} ~ {near} ({best:.2f})" if near else f"{part.key} (no match)")
    return total / len(parts), ", ".join(said)


def name_score(words: Sequence[str], tokens: Sequence[str]) -> tuple[float | None, list[Reason]]:
    """The mean agreement of the query's ``words`` with a person's name ``tokens``."""
    held = [k for t in tokens for k in word_keys(t)]
    keys, sounds = {k.key for k in held}, {k.sound for k in held}
    reasons, scores = [], []
    for word in words:
        judged = _word(word, keys, sounds)
        if judged is not None:
            scores.append(judged[0])
            reasons.append(Reason("name", judged[1], round(judged[0], 3)))
    return (sum(scores) / len(scores) if scores else None), reasons


def _parts(text: str) -> tuple[int, int | None, int | None] | None:
    year, month, day = [*text.split("-"), "??", "??"][:3]
    if not year.isdigit():
        return None
    return int(year), int(month) if month.isdigit() else None, int(day) if day.isdigit() else None


def _against(birth: Birth, held: tuple[int, int | None, int | None]) -> tuple[float, str]:
    year, month, day = held
    asked = birth.full
    if asked is not None and month is not None and day is not None:
        if asked == (year, month, day):
            return SAME_DATE, "the same date"
        if births_slip(asked, (year, month, day)):
            return SLIPPED_DATE, "one clerk's slip apart"
    elif year == birth.year and (month is None or birth.month is None or month == birth.month):
        return AGREES_AS_KNOWN, "agrees as far as both are known"
    if year == birth.year:
        return SAME_YEAR, "the same year"
    if abs(year - birth.year) == 1:
        return YEAR_APART, "a year apart"
    return 0.0, "different"


def dob_score(birth: Birth | None, dates: Sequence[str]) -> tuple[float | None, list[Reason]]:
    """How the asked ``birth`` meets the best of a person's recorded ``dates``."""
    held = [p for p in (_parts(d) for d in dates) if p is not None]
    if birth is None or not held:
        return None, []
    best = max(((_against(birth, h), h) for h in held), key=lambda x: x[0][0])
    (score, how), (year, month, day) = best
    shown = "-".join(f"{p:02d}" if p is not None else "??" for p in (year, month, day))
    return score, [Reason("dob", f"{shown}: {how}", score)]


def _combined(name: float | None, dob: float | None) -> float:
    if name is not None and dob is not None:
        return 0.5 * name + 0.5 * dob
    if name is not None:
        return NAME_ONLY * name
    return 0.5 * dob if dob is not None else 0.0


def _identifiers(
    matched: Sequence[tuple[str, str]], name: float | None
) -> tuple[float, list[Reason]]:
    floor, reasons = 0.0, []
    for kind, value in matched:
        strong = kind in STRONG_IDENTIFIERS
        agrees = name is None or name >= 0.5
        level = (STRONG_FLOOR if strong else WEAK_FLOOR) if agrees else DISAGREEING_FLOOR
        floor = max(floor, level)
        reasons.append(Reason(kind, f"{value} (the same {kind})", 1.0))
    return floor, reasons


def score_person(
    query: ReadQuery, person: PublishedPerson, matched: Sequence[tuple[str, str]] = ()
) -> Scored:
    """``person`` scored against ``query``; ``matched`` are the identifiers they share."""
    name, reasons = name_score(query.words, person.name_tokens) if query.words else (None, [])
    dob, dob_reasons = dob_score(query.birth, person.birth_dates)
    floor, id_reasons = _identifiers(matched, name)
    confidence = max(_combined(name, dob), floor)
    reasons += dob_reasons + id_reasons
    if query.sex and person.sex and query.sex != person.sex:
        confidence *= SEX_DIFFERS
        reasons.append(Reason("sex", f"{person.sex} on record, {query.sex} asked", 0.0))
    return Scored(person, round(min(max(confidence, 0.0), 1.0), 4), tuple(reasons))
