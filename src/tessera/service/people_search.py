"""Person search: retrieval by the published index, then scoring (as yente separates them).

Retrieval reads the postings of the query's keys (``publish.keys``) in one statement;
a name key too common to read (it posts only to a marker) is then read through its
year-combined keys, in a second statement: the asked year, the years a clerk's slip
would give (one or ten off), and no year known. Candidates are ranked by the rarity of
the keys they share (inverse document frequency, best key per query word), and the best
``SHORTLIST`` are scored on their published profile (``people_score``): each query word
against the person's name words, the date of birth with the slips clerks make, sex, and
identifiers exactly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tessera.publish.keys import (
    COMMON_MARK,
    identifier_key,
    max_postings,
    name_key,
    sound_key,
    with_year,
    word_keys,
)
from tessera.service.people_query import Birth, ReadQuery
from tessera.service.people_score import Scored, score_person
from tessera.store.operational.published_view import PublishedView

SHORTLIST = 100
"""Candidates retrieval hands to scoring."""

SOUND_WEIGHT = 0.8
"""A shared sound says less than a shared key."""

YEAR_SLIPS = (0, -1, 1, -10, 10)
"""The years a year-combined key is tried with: the asked year, and a digit slipped."""

SLIPPED_YEAR = 0.9
"""A year-combined key found in a slipped year says a little less than the asked one."""

NO_YEAR = 0.7
"""A person with no year of birth on record, found by a common name alone."""

IDENTIFIER_WEIGHT = 30.0
"""A shared identifier outranks any name."""


@dataclass(frozen=True)
class Probe:
    """A key to look up, which query word it stands for (``None``: an identifier), and
    how much a hit on it is worth relative to its rarity."""

    key: str
    word: int | None
    factor: float


def _years(birth: Birth | None) -> list[tuple[int | None, float]]:
    """The years a common key is tried with, and what a hit in each is worth."""
    if birth is None:
        return []
    tried: list[tuple[int | None, float]] = [
        (birth.year + d, 1.0 if d == 0 else SLIPPED_YEAR) for d in YEAR_SLIPS
    ]
    return [*tried, (None, NO_YEAR)]


def name_probes(query: ReadQuery) -> list[Probe]:
    """The name keys of every query word (``n:`` and ``s:``) and the identifiers."""
    found = [
        Probe(key, index, factor)
        for index, word in enumerate(query.words)
        for part in word_keys(word)
        for key, factor in ((name_key(part.key), 1.0), (sound_key(part.sound), SOUND_WEIGHT))
    ]
    found += [Probe(identifier_key(k, v), None, 1.0) for k, v in query.identifiers]
    return found


def year_probes(common: Iterable[Probe], birth: Birth | None) -> list[Probe]:
    """For each common name key, its year keys: the asked year, its slips, and none."""
    return [
        Probe(with_year(p.key, year), p.word, p.factor * worth)
        for p in common
        for year, worth in _years(birth)
    ]


@dataclass(frozen=True)
class Retrieved:
    """The shortlist, best first, and the identifiers each shortlisted person shares."""

    people: list[str]
    identifiers: dict[str, list[tuple[str, str]]]


def _rank(found: Mapping[str, list[str]], wanted: Iterable[Probe], people: int) -> Retrieved:
    """Per query word its best key, weighed by rarity; identifiers outrank any name."""
    cap = max_postings(people)
    best: dict[tuple[str, int], float] = defaultdict(float)
    ranked: dict[str, float] = defaultdict(float)
    shared: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for probe in wanted:
        posting = found.get(probe.key, [])
        if not posting or posting == [COMMON_MARK] or len(posting) > cap:
            continue  # too common: its year-combined keys speak for it
        weight = probe.factor * math.log(1 + people / len(posting))
        for person in posting:
            if probe.word is None:
                ranked[person] += IDENTIFIER_WEIGHT
                kind, value = probe.key.split(":", 2)[1:]
                shared[person].append((kind, value))
            else:
                slot = (person, probe.word)
                best[slot] = max(best[slot], weight)
    for (person, _word), weight in best.items():
        ranked[person] += weight
    order = sorted(ranked.items(), key=lambda item: (-item[1], item[0]))[:SHORTLIST]
    chosen = [person for person, _ in order]
    return Retrieved(chosen, {p: shared[p] for p in chosen if p in shared})


def retrieve(view: PublishedView, query: ReadQuery) -> Retrieved:
    """The people most worth scoring, best first, from two reads of the index: the name
    keys and identifiers, then the year keys of the name keys that proved common."""
    people = max(view.publication.counts.get("people", 1), 1)
    cap = max_postings(people)
    wanted = name_probes(query)
    found = view.postings([p.key for p in wanted], cap)
    common = [p for p in wanted if found.get(p.key) == [COMMON_MARK]]
    years = year_probes(common, query.birth)
    if years:
        found.update(view.postings([p.key for p in years], cap))
    return _rank(found, [*wanted, *years], people)


def search(view: PublishedView, query: ReadQuery, limit: int) -> list[Scored]:
    """The ``limit`` best-scored people for ``query`` in the pinned publication."""
    retrieved = retrieve(view, query)
    people = view.people(retrieved.people)
    position = {p: i for i, p in enumerate(retrieved.people)}
    scored = [
        score_person(query, people[p], retrieved.identifiers.get(p, ()))
        for p in retrieved.people
        if p in people
    ]
    scored.sort(key=lambda s: (-s.confidence, position[s.person.person_id]))
    return scored[:limit]
