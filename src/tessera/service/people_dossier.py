"""A person's dossier, assembled from one publication: every value with the systems that
say it, the timeline, the periods of status, the findings with their rule and basis, the
explanation of why the records are one person, and -- for a citizen or a protected
person -- why nothing can be done against them.

The explanation is rebuilt here from the published ties: a maximum spanning tree
(Kruskal over the ties, strongest first), then analysts' merges where the ties do not
reach, as ``identity.explain`` builds it from the workspace.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tessera.publish.keys import IDENTIFIER_KINDS
from tessera.publish.statements import PROPERTIES
from tessera.store.operational.published_rows import (
    Link,
    PeriodEntry,
    Publication,
    PublishedFinding,
    PublishedPerson,
    PublishedRedirect,
    Statement,
    TimelineEntry,
)
from tessera.store.operational.published_view import PublishedView

PROPERTY_ORDER = ("name", "alias", *PROPERTIES[1:])
"""Claims in the order of the published properties, a name's aliases after it."""
IDENTIFIERS = tuple(p for p in PROPERTIES if p in IDENTIFIER_KINDS)


@dataclass(frozen=True)
class Claim:
    """One value of one property, and every record (``feed:record_id``) that gives it."""

    property: str
    value: str
    sources: tuple[str, ...]
    first_recorded: dt.date | None
    last_recorded: dt.date | None


@dataclass(frozen=True)
class TieFeature:
    comparison: str
    level: str
    weight: float
    tf_adjustment: float


@dataclass(frozen=True)
class Tie:
    """An edge of the explanation: a model tie (with its waterfall) or an analyst's merge."""

    record_l: str
    record_r: str
    match_weight: float | None
    match_probability: float | None
    prior: float | None
    """The model's prior weight: with the features' weights it adds up to the match weight."""
    features: tuple[TieFeature, ...]
    judgement_id: int | None


@dataclass(frozen=True)
class RecordLine:
    key: str
    name: str
    dob: str
    identifiers: tuple[str, ...]
    recorded_on: dt.date | None


@dataclass(frozen=True)
class LinkExplanation:
    records: tuple[RecordLine, ...]
    ties: tuple[Tie, ...]
    untied: tuple[str, ...]
    """Records neither a kept tie nor a merge reaches (held by a shared FIN, or by a tie
    beyond the ones kept per record)."""


@dataclass(frozen=True)
class Dossier:
    person_id: str
    asked_for: str | None
    """The id the caller gave, when it led here through redirects."""
    redirected: str | None
    """In words: ``asked for X, merged into Y``."""
    display_name: str
    birth_date: str | None
    sex: str | None
    standing: str
    protected_1367: bool
    jurisdictions: tuple[str, ...]
    claims: tuple[Claim, ...]
    timeline: tuple[TimelineEntry, ...]
    periods: tuple[PeriodEntry, ...]
    findings: tuple[PublishedFinding, ...]
    links: LinkExplanation
    protection: tuple[str, ...]
    """Why no enforcement may rest on these records (empty when nothing stops it)."""
    publication: Publication


def claims(statements: Iterable[Statement]) -> tuple[Claim, ...]:
    grouped: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        grouped[s.property, s.value].append(s)
    rank = {p: i for i, p in enumerate(PROPERTY_ORDER)}
    found = []
    for (prop, value), said in grouped.items():
        dates = [s.recorded_on for s in said if s.recorded_on is not None]
        sources = tuple(sorted({s.source for s in said}))
        found.append(
            Claim(prop, value, sources, min(dates, default=None), max(dates, default=None))
        )
    found.sort(key=lambda c: (rank.get(c.property, len(rank)), -len(c.sources), c.value))
    return tuple(found)


def record_lines(statements: Iterable[Statement]) -> tuple[RecordLine, ...]:
    by_record: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    dated: dict[str, dt.date | None] = {}
    for s in statements:
        by_record[s.source][s.property].append(s.value)
        dated[s.source] = s.recorded_on
    return tuple(
        RecordLine(
            key,
            (props.get("name") or [""])[0],
            (props.get("dob") or [""])[0],
            tuple(f"{kind} {v}" for kind in IDENTIFIERS for v in props.get(kind, [])),
            dated[key],
        )
        for key, props in sorted(by_record.items())
    )


class _Forest:
    """Union-find over record keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._root = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self._root[key] != key:
            self._root[key] = self._root[self._root[key]]
            key = self._root[key]
        return key

    def join(self, a: str, b: str) -> bool:
        if a not in self._root or b not in self._root:
            return False
        ra, rb = self.find(a), self.find(b)
        self._root[ra] = rb
        return ra != rb


def _model_tie(link: Link, levels: Mapping[tuple[str, int], str]) -> Tie:
    features = tuple(
        TieFeature(
            f.comparison,
            levels.get((f.comparison, f.gamma), f"level {f.gamma}"),
            f.weight,
            f.tf_adjustment,
        )
        for f in link.features
    )
    prior = link.match_weight - sum(f.weight + f.tf_adjustment for f in features)
    return Tie(
        link.record_l,
        link.record_r,
        link.match_weight,
        link.match_probability,
        round(prior, 4),
        features,
        None,
    )


def explanation(
    records: tuple[RecordLine, ...],
    links: Sequence[Link],
    levels: Mapping[tuple[str, int], str],
    merges: Sequence[tuple[str, str, int]],
) -> LinkExplanation:
    """A maximum spanning tree of the ties (``links`` come strongest first), then the
    analysts' ``merges`` (record, record, judgement id) where the ties do not reach."""
    forest = _Forest(r.key for r in records)
    ties = [_model_tie(link, levels) for link in links if forest.join(link.record_l, link.record_r)]
    ties += [Tie(a, b, None, None, None, (), j) for a, b, j in merges if forest.join(a, b)]
    groups: dict[str, list[str]] = defaultdict(list)
    for r in records:
        groups[forest.find(r.key)].append(r.key)
    largest = max(groups.values(), key=len, default=[])
    untied = tuple(sorted(k for g in groups.values() if g is not largest for k in g))
    return LinkExplanation(records, tuple(ties), untied)


def protection(person: PublishedPerson) -> tuple[str, ...]:
    """Why nothing can be done against ``person`` on these records, in words."""
    notes = []
    if person.standing == "CITIZEN":
        notes.append(
            "The records show U.S. citizenship (" + ", ".join(person.citizen_keys) + "): no "
            "finding but SHARED_IDENTIFIER may name a citizen, and no enforcement action may "
            "rest on these records."
        )
    if person.standing == "PROTECTED":
        notes.append(
            "A pending or approved asylum, T or U filing ("
            + ", ".join(person.protection_keys)
            + ") protects this person from every enforcement finding (INA 208; "
            "INA 101(a)(15)(T), (U))."
        )
    if person.protected_1367:
        notes.append(
            "8 U.S.C. 1367: this person has a T, U or VAWA filing. What the records hold may "
            "not be disclosed beyond those with a need to know, and no adverse determination "
            "may rest on information from an abuser (1367(a)(1), (a)(2))."
        )
    return tuple(notes)


def redirected(asked: str, via: Sequence[PublishedRedirect], person_id: str) -> str | None:
    if asked == person_id or not via:
        return None
    steps = ", then ".join(f"{r.reason} into {r.new_id}" for r in via)
    return f"asked for {asked}, {steps}"


def assemble(
    view: PublishedView,
    person: PublishedPerson,
    statements: Sequence[Statement],
    asked: str,
    via: Sequence[PublishedRedirect],
    merges: Sequence[tuple[str, str, int]],
) -> Dossier:
    """The dossier of ``person`` from ``view``; ``statements`` are the person's, already
    read (their sources are what the merges were looked up by)."""
    records = record_lines(statements)
    links = explanation(records, view.links(person.person_id), view.link_levels(), merges)
    return Dossier(
        person_id=person.person_id,
        asked_for=asked if asked != person.person_id else None,
        redirected=redirected(asked, via, person.person_id),
        display_name=person.display_name,
        birth_date=person.birth_date,
        sex=person.sex,
        standing=person.standing,
        protected_1367=person.protected_1367,
        jurisdictions=person.jurisdictions,
        claims=claims(statements),
        timeline=tuple(view.timeline(person.person_id)),
        periods=tuple(view.periods(person.person_id)),
        findings=tuple(view.findings(person.person_id)),
        links=links,
        protection=protection(person),
        publication=view.publication,
    )
