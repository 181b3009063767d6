"""Person search: retrieval by the published index, then scoring (as yente separates them).

Retrieval reads the postings of the query's keys in two statements (``people_probes``):
the name keys and identifiers, then the narrower keys of the name keys too common to
read. Candidates are ranked by the rarity of the keys they share (inverse document
frequency, the best key per query word, a pair key counting for both its words, and a
bonus for the date of birth a key shows), and the best ``SHORTLIST`` are read. Their
recorded dates of birth then rank them again (a rare name's postings say nothing of the
date: a query with a typo in the family name meets every holder of its given name
alike), and the best ``SCORED`` are scored on their published profile
(``people_score``): each query word against the person's name words, the date of birth
with the slips clerks make, sex, and identifiers exactly. (Scoring the names is the
costly part of a query: a dated pre-rank spends it on the few worth it.)
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tessera.publish.keys import COMMON_MARK, max_postings
from tessera.service.people_probes import Probe, first_probes, narrower_probes
from tessera.service.people_query import Birth, ReadQuery
from tessera.service.people_score import (
    SAME_DATE,
    SAME_YEAR,
    SLIPPED_DATE,
    YEAR_APART,
    Scored,
    score_person,
)
from tessera.store.operational.published_view import PublishedView

SHORTLIST = 100
"""Candidates retrieval reads."""

SCORED = 40
"""Of those, the best by name and date of birth, scored in full."""

BIRTH_WEIGHT = 6.0
"""A recorded date of birth that is the asked one is worth this much in the pre-rank,
as much as a date key is in retrieval (``people_probes.DATE_BONUS``); a slip or the year
alone, their share of it (``birth_worth``)."""

IDENTIFIER_WEIGHT = 30.0
"""A shared identifier outranks any name."""


@dataclass(frozen=True)
class Retrieved:
    """The shortlist, best first, and the identifiers each shortlisted person shares."""

    people: list[str]
    identifiers: dict[str, list[tuple[str, str]]]
    undated: dict[str, float]
    """Each shortlisted person's retrieval score without the date of birth evidence."""


def _credit(slot: dict[str, float], people: Iterable[str], worth: float) -> None:
    """Give each of ``people`` at least ``worth`` in ``slot`` (a query word, or the date)."""
    for person in people:
        if slot.get(person, 0.0) < worth:
            slot[person] = worth


def _rank(found: Mapping[str, list[str]], wanted: Sequence[Probe], people: int) -> Retrieved:
    """Per query word its best key, weighed by rarity, and the best date of birth
    evidence once; identifiers outrank any name. (Thousands of postings per query on a
    million people: plain dictionaries per word, and only the best ``SHORTLIST`` sorted.)"""
    cap = max_postings(people)
    words: dict[int, dict[str, float]] = defaultdict(dict)
    dated: dict[str, float] = {}
    shared: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for probe in wanted:
        posting = found.get(probe.key, [])
        if not posting or posting == [COMMON_MARK] or len(posting) > cap:
            continue  # too common: its narrower keys speak for it
        if not probe.words:
            kind, value = probe.key.split(":", 2)[1:]
            for person in posting:
                shared[person].append((kind, value))
            continue
        weight = probe.factor * math.log(1 + people / len(posting))
        for word in probe.words:
            _credit(words[word], posting, weight)
        if probe.dob_bonus:
            _credit(dated, posting, probe.dob_bonus)
    ranked: dict[str, float] = defaultdict(float)
    for slot in (*words.values(), dated):
        for person, worth in slot.items():
            ranked[person] += worth
    for person, shares in shared.items():
        ranked[person] += IDENTIFIER_WEIGHT * len(shares)
    order = heapq.nsmallest(SHORTLIST, ranked.items(), key=lambda item: (-item[1], item[0]))
    chosen = [person for person, _ in order]
    undated = {person: worth - dated.get(person, 0.0) for person, worth in order}
    return Retrieved(chosen, {p: shared[p] for p in chosen if p in shared}, undated)


def retrieve(view: PublishedView, query: ReadQuery) -> Retrieved:
    """The people most worth scoring, best first, from two reads of the index."""
    people = max(view.publication.counts.get("people", 1), 1)
    cap = max_postings(people)
    wanted = first_probes(query)
    found = view.postings([p.key for p in wanted], cap)
    common = [p for p in wanted if found.get(p.key) == [COMMON_MARK]]
    narrower = narrower_probes(common, query.birth)
    if narrower:
        found.update(view.postings([p.key for p in narrower], cap))
    return _rank(found, [*wanted, *narrower], people)


def birth_worth(birth: Birth, dates: Sequence[str]) -> float:
    """How far a person's recorded ``dates`` (``YYYY-MM-DD``, ``??`` for unknown parts)
    bear out the asked ``birth``, coarsely and fast (the pre-rank weighs a hundred
    candidates a query), on ``people_score.dob_score``'s scale: the date 1; day and
    month swapped, or two of its three parts and one digit of the third, 0.75 (a
    clerk's slip); the year 0.45; a year one off 0.15."""
    year, month, day = f"{birth.year:04d}", f"{birth.month or 0:02d}", f"{birth.day or 0:02d}"
    full = birth.full is not None
    near = {f"{birth.year - 1:04d}", f"{birth.year + 1:04d}"}
    best = 0.0
    for date in dates:
        y, m, d = date[:4], date[5:7], date[8:10]
        if full and (m, d) == (month, day):
            if y == year:
                return SAME_DATE
            if sum(a != b for a, b in zip(y, year, strict=True)) == 1:
                best = max(best, SLIPPED_DATE)  # one digit of the year keyed wrong
        elif y == year:
            slipped = full and (m == month or d == day or (m, d) == (day, month))
            best = max(best, SLIPPED_DATE if slipped else SAME_YEAR)
        elif y in near:
            best = max(best, YEAR_APART)
    return best


def prerank(
    retrieved: Retrieved, births: Mapping[str, Sequence[str]], birth: Birth | None
) -> list[str]:
    """The ``SCORED`` people of the shortlist best by their name keys and recorded dates
    of birth (``births``: the shortlist's, as published; all of them in retrieval's
    order when the query gives no date, and ``births`` is not needed)."""
    if birth is None:
        return retrieved.people[:SCORED]
    found = [p for p in retrieved.people if p in births]
    worth = {p: retrieved.undated[p] + BIRTH_WEIGHT * birth_worth(birth, births[p]) for p in found}
    ranked = sorted(enumerate(found), key=lambda item: (-worth[item[1]], item[0]))
    return [person for _, person in ranked[:SCORED]]


def search(view: PublishedView, query: ReadQuery, limit: int) -> list[Scored]:
    """The ``limit`` best-scored people for ``query`` in the pinned publication."""
    retrieved = retrieve(view, query)
    # The dates are read only when the query gives one to rank them by.
    births = view.birth_dates_of(retrieved.people) if query.birth is not None else {}
    chosen = prerank(retrieved, births, query.birth)
    people = view.people(chosen)
    position = {p: i for i, p in enumerate(retrieved.people)}
    scored = [
        score_person(query, people[p], retrieved.identifiers.get(p, ()))
        for p in chosen
        if p in people
    ]
    scored.sort(key=lambda s: (-s.confidence, position[s.person.person_id]))
    return scored[:limit]
