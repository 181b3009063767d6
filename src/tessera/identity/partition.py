"""Greedy constrained partition of one component: union-find that refuses forbidden unions.

Connected components chain records (A~B, B~C puts A with C even when A and C hold two
fingerprint enrolments). For the few components where that happens, records are joined
again one tie at a time: analysts' merges first, then the model's ties strongest first,
and a union is refused when it would put into one person two records that may never be
one: two conflicting *profiles* (the values the never-the-same rule reads, so that a
thousand records sharing one date of birth are one profile, not a thousand), or two
records an analyst has kept apart. Analysts' merges may override the model's conflicts
(an analyst has looked at the evidence); nothing overrides an analyst's "apart".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import jellyfish

from tessera.identity.model import Birth, births_slip

_slip = cache(births_slip)
"""``births_slip``, remembered: a component's few distinct dates meet again and again."""


class _Groups:
    """Union-find whose groups remember their records, profiles and what they refuse."""

    def __init__(
        self,
        profiles: Mapping[str, int],
        conflicting: Iterable[tuple[int, int]],
        apart: Iterable[tuple[str, str]],
    ) -> None:
        conflicts: defaultdict[int, set[int]] = defaultdict(set)
        for p, q in conflicting:
            conflicts[p].add(q)
            conflicts[q].add(p)
        kept_apart: defaultdict[str, set[str]] = defaultdict(set)
        for a, b in apart:
            kept_apart[a].add(b)
            kept_apart[b].add(a)
        self._root = {r: r for r in profiles}
        self.members = {r: {r} for r in profiles}
        self._profiles = {r: {p} for r, p in profiles.items()}
        self._refused_profiles = {r: set(conflicts.get(p, ())) for r, p in profiles.items()}
        self._refused_records = {r: set(kept_apart.get(r, ())) for r in profiles}
        self._births: dict[str, Counter[Birth]] | None = None
        self._consensus_of: dict[str, Birth | None] = {}
        """Each group's consensus date, until the group changes."""
        self._ids: dict[str, set[str]] = {r: set() for r in profiles}
        self._own: dict[str, set[str]] = {}
        self._borrowed: dict[str, set[str]] = {}

    def hold_numbers(self, numbers: Mapping[str, Number]) -> None:
        """Refuse unions of a number of one's own with a number in other hands (far
        apart), unless the two groups share a strong identifier (``numbers_clash``)."""
        self._own = {r: set() for r in self._root}
        self._borrowed = {r: set() for r in self._root}
        for record, (number, elsewhere) in numbers.items():
            (self._borrowed if elsewhere else self._own)[record].add(number)

    def numbers_clash(self, ra: str, rb: str) -> bool:
        """Whether one group works on an SSN no one else uses and the other on a
        different one (not one keystroke from it) that is in other hands too."""
        if not self._own or not self._ids[ra].isdisjoint(self._ids[rb]):
            return False
        return _far_apart(self._own[ra], self._borrowed[rb]) or _far_apart(
            self._own[rb], self._borrowed[ra]
        )

    def hold_births(self, births: Mapping[str, Birth], ids: Mapping[str, Iterable[str]]) -> None:
        """Refuse unions whose consensus dates of birth no slip explains, unless the two
        groups share a strong identifier (FIN, A-number, FBI number)."""
        self._births = {r: Counter([births[r]] if r in births else []) for r in self._root}
        self._ids = {r: set(ids.get(r, ())) for r in self._root}

    def _consensus(self, root: str) -> Birth | None:
        if root in self._consensus_of:
            return self._consensus_of[root]
        assert self._births is not None
        dates = self._births[root]
        # The most frequent date; among equals the earliest, so the answer never depends
        # on the order records arrived in.
        found = min(dates, key=lambda d: (-dates[d], d)) if dates else None
        self._consensus_of[root] = found
        return found

    def _births_agree(self, ra: str, rb: str) -> bool:
        if self._births is None or not self._ids[ra].isdisjoint(self._ids[rb]):
            return True
        a, b = self._consensus(ra), self._consensus(rb)
        return a is None or b is None or _slip(a, b)

    def find(self, record: str) -> str:
        root = self._root[record]
        while root != self._root[root]:
            self._root[root] = self._root[self._root[root]]  # path halving
            root = self._root[root]
        return root

    def allowed(self, ra: str, rb: str, *, model_rules: bool = True) -> bool:
        """Whether the groups rooted at ``ra`` and ``rb`` may be one person."""
        # Both relations are symmetric, so checking one side against the other suffices.
        if not self._refused_records[ra].isdisjoint(self.members[rb]):
            return False
        if not model_rules:
            return True
        if not self._refused_profiles[ra].isdisjoint(self._profiles[rb]):
            return False
        return self._births_agree(ra, rb) and not self.numbers_clash(ra, rb)

    def join(self, a: str, b: str, *, model_rules: bool) -> bool:
        """Put ``a`` and ``b`` in one group unless a rule forbids it; say whether they are."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.allowed(ra, rb, model_rules=model_rules):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self._root[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self._profiles[ra] |= self._profiles.pop(rb)
        self._refused_profiles[ra] |= self._refused_profiles.pop(rb)
        self._refused_records[ra] |= self._refused_records.pop(rb)
        self._ids[ra] |= self._ids.pop(rb)
        if self._own:
            self._own[ra] |= self._own.pop(rb)
            self._borrowed[ra] |= self._borrowed.pop(rb)
        if self._births is not None:
            self._births[ra] += self._births.pop(rb)
            self._consensus_of.pop(ra, None)
            self._consensus_of.pop(rb, None)
        return True


Number = tuple[str, bool]
"""A record's SSN, and whether records of another component carry it too."""


def _far_apart(own: set[str], borrowed: set[str]) -> bool:
    return any(jellyfish.damerau_levenshtein_distance(a, b) > 1 for a in own for b in borrowed)


Tie = tuple[str, str, float]
"""Two records the model ties, and the tie's match weight (bits)."""

RIVAL_MARGIN = 10.0
"""A group tied to two groups that refuse each other joins the stronger only if that
tie outweighs the other by this many bits (about a thousand to one); closer than that,
the records cannot say which of two namesakes it belongs to, and it joins neither."""


class _Rivals:
    """Who else a group is tied to: to tell a decided tie from a guess between two people.

    Each group's neighbours are kept by group, with the strongest tie to each, and merged
    smaller into larger when two groups join; a neighbour that has since joined another
    group is found again only when read. Reading a group's neighbours then costs what it
    has, not what all its records have (a component of thousands of namesakes made the
    record-by-record way quadratic)."""

    def __init__(self, groups: _Groups, ties: Iterable[Tie]) -> None:
        self._groups = groups
        self._near: defaultdict[str, dict[str, float]] = defaultdict(dict)
        for a, b, weight in ties:
            ra, rb = groups.find(a), groups.find(b)
            if ra != rb:
                self._tie(ra, rb, weight)
                self._tie(rb, ra, weight)

    def _tie(self, root: str, other: str, weight: float) -> None:
        near = self._near[root]
        if weight > near.get(other, -math.inf):
            near[other] = weight

    def joined(self, root: str, gone: str) -> None:
        """``gone``'s group is now part of ``root``'s."""
        absorbed = self._near.pop(gone, {})
        if len(absorbed) > len(self._near[root]):
            absorbed, self._near[root] = self._near[root], absorbed
        for other, weight in absorbed.items():
            self._tie(root, other, weight)

    def _tied(self, root: str) -> dict[str, float]:
        """The groups tied to ``root``'s records, each with its strongest tie."""
        found: dict[str, float] = {}
        for other, weight in self._near[root].items():
            r = self._groups.find(other)
            if r != root and weight > found.get(r, -math.inf):
                found[r] = weight
        self._near[root] = found
        return found

    def take_sides(self, ra: str, rb: str, weight: float) -> bool:
        """Whether joining ``ra`` and ``rb`` on a tie of ``weight`` would guess: one of
        them is also tied, nearly as strongly, to a third group the other refuses."""
        groups = self._groups
        for near, far in ((ra, rb), (rb, ra)):
            for rival, rival_weight in self._tied(near).items():
                if rival == far or rival_weight < weight - RIVAL_MARGIN:
                    continue
                if groups.allowed(near, rival) and not groups.allowed(far, rival):
                    return True
        return False


class _TiesByRecord:
    """The model's ties (in order, strongest first) looked up by the records they tie."""

    def __init__(self, ties: Sequence[tuple[str, str]]) -> None:
        self._ties = ties
        self._of: defaultdict[str, list[int]] = defaultdict(list)
        for n, (a, b) in enumerate(ties):
            self._of[a].append(n)
            self._of[b].append(n)

    def among(self, records: set[str]) -> list[tuple[str, str]]:
        """The ties between two of ``records``, in order."""
        found = {n for r in records for n in self._of.get(r, ())}
        return [self._ties[n] for n in sorted(found) if {*self._ties[n]} <= records]


def _merge_group(groups: _Groups, records: Sequence[str], ties: _TiesByRecord) -> None:
    """Join every record of one merge judgement that can be joined. Where an analyst's
    "apart" contradicts the merge, the model's ties among the merged records decide who
    stays with whom (strongest first); then each record tries every partial group of the
    merge, so one record kept apart does not break the rest of it."""
    for a, b in ties.among(set(records)):
        groups.join(a, b, model_rules=False)
    anchors: list[str] = []
    for record in records:
        if not any(groups.join(anchor, record, model_rules=False) for anchor in anchors):
            anchors.append(record)


def partition(
    profiles: Mapping[str, int],
    ties: Iterable[tuple[str, str]],
    *,
    loose: Iterable[Tie] = (),
    conflicting: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[str, str]] = (),
    together: Iterable[Sequence[str]] = (),
    births: Mapping[str, Birth] | None = None,
    ids: Mapping[str, Iterable[str]] | None = None,
    numbers: Mapping[str, Number] | None = None,
    undecided: list[Tie] | None = None,
) -> list[list[str]]:
    """Group the records of ``profiles`` (record -> profile number).

    ``together``: analysts' merges, applied first; ``ties``: the model's ties resting on
    a shared identifier, strongest first; ``loose``: its ties resting on names and dates
    alone, strongest first, applied last and only where they decide between no two
    people (``RIVAL_MARGIN``); ``conflicting``: profile pairs never one person;
    ``apart``: record pairs never one person; ``births`` (full dates of birth) and
    ``ids`` (strong identifiers): when given, groups whose consensus dates conflict are
    never joined (``conflicting`` should then leave dates out). ``numbers`` (SSNs, each
    with whether another component holds it too): a group working on a number of its own
    never joins one working on another number in other hands (two citizenship claims on
    two numbers are two people, one of them working on a borrowed number), and a record
    on a borrowed number is tied to records with no number before any other loose tie
    (the number says its holder is not the owner, so it goes with the records that
    carry no claim; the group with a number of its own is then held apart, for an
    analyst, instead of deciding between two namesakes). Returns the groups, each
    sorted, ordered by their first record. ``undecided``, when given, receives the loose
    ties left unjoined because they would have taken sides (the strongest per pair of
    final groups): pairs the records cannot decide, for an analyst to judge.
    """
    groups = _Groups(profiles, conflicting, apart)
    if births is not None:
        groups.hold_births(births, ids or {})
    if numbers:
        groups.hold_numbers(numbers)
    ordered = list(ties)
    by_name = list(loose)
    every_tie = _TiesByRecord(ordered + [(a, b) for a, b, _ in by_name])
    for records in together:
        _merge_group(groups, [r for r in records if r in profiles], every_tie)
    for a, b in ordered:
        groups.join(a, b, model_rules=True)
    borrowed, by_name = _borrowed_first(by_name, numbers or {})
    for a, b, _ in borrowed:
        groups.join(a, b, model_rules=True)
    rivals = _Rivals(groups, by_name)
    guesses: list[Tie] = []
    for a, b, weight in by_name:
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb:
            continue
        # Two numbers in one person: held apart like a guess, for an analyst to settle.
        if groups.numbers_clash(ra, rb) or rivals.take_sides(ra, rb, weight):
            guesses.append((a, b, weight))
        elif groups.join(a, b, model_rules=True):
            root = groups.find(a)
            rivals.joined(root, rb if root == ra else ra)
    if undecided is not None:
        undecided.extend(_between_groups(groups, guesses))
    return sorted(sorted(members) for members in groups.members.values())


def _borrowed_first(ties: list[Tie], numbers: Mapping[str, Number]) -> tuple[list[Tie], list[Tie]]:
    """The loose ties between a record on a borrowed number and a record with none, and
    the rest (each in their order)."""
    first: list[Tie] = []
    rest: list[Tie] = []
    for tie in ties:
        a, b = numbers.get(tie[0]), numbers.get(tie[1])
        on_loan = (a is not None and a[1] and b is None) or (b is not None and b[1] and a is None)
        (first if on_loan else rest).append(tie)
    return first, rest


def _between_groups(groups: _Groups, ties: Sequence[Tie]) -> list[Tie]:
    """The strongest of ``ties`` between each two final groups (ties come strongest
    first); ties whose records ended up in one group anyway are dropped."""
    seen: set[frozenset[str]] = set()
    kept: list[Tie] = []
    for a, b, weight in ties:
        pair = frozenset((groups.find(a), groups.find(b)))
        if len(pair) == 2 and pair not in seen:
            seen.add(pair)
            kept.append((a, b, weight))
    return kept
