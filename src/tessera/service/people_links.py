"""What the search and dossier screens need beyond ``service.people``: the standing of
each person a search found, the explanation of any two of a person's records, and the
link chart of a person (their documents, employers, ports of arrival, and the people
who share an identifier with them).

Each use case authorizes and writes its audit entry before it reads, as ``people.py``
does. The pair explanation reads the workspace (the model's waterfall is not published);
everything else reads one publication of the operational store.

The chart is derived from what the publish stage puts in the store: identifiers from
``pub_statements``, employers and ports from the ``pub_timeline`` summaries (HIRE,
ARRIVAL), people sharing an identifier from the search index's ``id:KIND:VALUE``
postings. Phones, addresses and flights are not published, so the chart cannot show
them; co-travellers would need a read of arrivals by date and port across people.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from tessera.identity import NotResolvedError
from tessera.identity.explain import UnknownRecordError
from tessera.identity.person_ids import PersonIdError, parse_person_id
from tessera.publish.keys import IDENTIFIER_KINDS, identifier_key
from tessera.security import Action, Principal, Purpose, SubjectFacts, may
from tessera.security.policy import PROTECTED_RULE
from tessera.service.access import AccessDeniedError, authorize, utc_today
from tessera.service.errors import InvalidRequestError
from tessera.service.identity import PairExplanationView, explain_pair
from tessera.service.people import (
    Candidate,
    PersonQuery,
    UnknownPersonError,
    facts_of,
    search_people,
    subject_facts,
)
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.store.operational.published_rows import Statement, TimelineEntry
from tessera.store.operational.published_view import PublishedView

T = TypeVar("T")

READ_ATTEMPTS = 3
SHARED_CAP = 12
"""People shown per shared identifier: a number many people hold is itself the finding,
and a chart of fifty strangers explains nothing."""

_HIRED_BY = re.compile(r"^hired by (?P<employer>.+?)(?:, attests .*)?$")
_ADMITTED_AT = re.compile(r" at (?P<port>[A-Z0-9]{3}) \((?P<mode>[A-Z]+)\)")


# --- reading one publication ------------------------------------------------------------


def _consistent(store: OperationalStore, read: Callable[[PublishedView], T]) -> T | None:
    """``read`` on the current publication, again if another became current meanwhile."""
    result: T | None = None
    for _ in range(READ_ATTEMPTS):
        with store.published.view() as view:
            if view is None:
                return None
            result = read(view)
            if view.still_current():
                return result
    return result


def _person_read(
    store: OperationalStore, user: Principal, purpose: Purpose, person_id: str, target: str
) -> SubjectFacts:
    """Authorize reading ``person_id`` (audited); a person the user may not know exists
    (8 U.S.C. 1367) is answered like an unknown one, as the dossier does."""
    try:
        asked = parse_person_id(person_id)
    except PersonIdError as exc:
        raise UnknownPersonError(str(exc)) from None
    facts = subject_facts(store, asked)
    if facts is None:
        raise UnknownPersonError(f"no person {asked} in the published records")
    try:
        authorize(store, user, Action.person_read, purpose, facts, target=target)
    except AccessDeniedError as denied:
        if denied.decision.basis == PROTECTED_RULE.basis:
            raise UnknownPersonError(f"no person {asked}") from None
        raise
    return facts


# --- the search's standing --------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A search candidate and what the records say of their standing."""

    candidate: Candidate
    standing: str
    """CITIZEN, PROTECTED, NONCITIZEN or UNKNOWN; ``?`` if the person went meanwhile."""


def search_with_standing(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    query: PersonQuery,
    limit: int = 10,
) -> list[Found]:
    """``people.search_people`` (authorized, audited, filtered to whom ``user`` may see),
    each candidate with their published standing."""
    found = search_people(store, user, purpose, query, limit)
    ids = [c.person_id for c in found]
    people = _consistent(store, lambda view: view.people(ids)) or {}
    return [Found(c, people[c.person_id].standing if c.person_id in people else "?") for c in found]


# --- any two records --------------------------------------------------------------------


def explain_records(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    person_id: str,
    records: tuple[str, str],
) -> PairExplanationView:
    """The feature-by-feature waterfall of two of ``person_id``'s records (authorized
    and audited as a read of the person). Records the person does not hold are refused:
    this is no door to other people's records."""
    key_a, key_b = (r.strip() for r in records)
    facts = _person_read(store, user, purpose, person_id, f"pair {key_a} {key_b}")
    held = _consistent(store, lambda view: {s.source for s in view.statements(facts.person_id)})
    strangers = [k for k in (key_a, key_b) if k not in (held or set())]
    if strangers:
        raise InvalidRequestError(f"{strangers[0]} is not one of {facts.person_id}'s records")
    if key_a == key_b:
        raise InvalidRequestError("choose two different records")
    try:
        return explain_pair(settings, key_a, key_b)
    except (NotResolvedError, UnknownRecordError) as exc:
        raise InvalidRequestError(str(exc)) from None


# --- the link chart ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChartNode:
    id: str
    label: str
    kind: str
    """person (the subject), other (another person), document, employer, port."""
    sources: tuple[str, ...]
    """The records (``feed:record_id``) that put the node on the chart."""


@dataclass(frozen=True)
class ChartEdge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class LinkChart:
    person_id: str
    nodes: tuple[ChartNode, ...]
    edges: tuple[ChartEdge, ...]
    missing: tuple[str, ...]
    """What the chart cannot show because it is not published, in words."""


NOT_PUBLISHED = (
    "phones, addresses and flight numbers are not published: the chart cannot show them",
    "co-travellers on the same arrival cannot be read across people from the publication",
)


class _Chart:
    """Nodes and edges, each node once, its sources gathered."""

    def __init__(self) -> None:
        self.nodes: dict[str, ChartNode] = {}
        self.edges: dict[tuple[str, str], ChartEdge] = {}

    def add(self, node_id: str, label: str, kind: str, source: str | None) -> None:
        known = self.nodes.get(node_id)
        sources = (*(known.sources if known else ()), *((source,) if source else ()))
        self.nodes[node_id] = ChartNode(node_id, label, kind, tuple(dict.fromkeys(sources)))

    def tie(self, source: str, target: str, label: str) -> None:
        self.edges.setdefault((source, target), ChartEdge(source, target, label))


def _documents(chart: _Chart, person_id: str, statements: Sequence[Statement]) -> list[str]:
    """A node per identifier; the search keys that find who else holds each."""
    keys = []
    for s in statements:
        if s.property not in IDENTIFIER_KINDS:
            continue
        node = identifier_key(s.property, s.value)
        chart.add(node, f"{s.property.replace('_', ' ')} {s.value}", "document", s.source)
        chart.tie(person_id, node, "holds")
        keys.append(node)
    return list(dict.fromkeys(keys))


def _from_timeline(chart: _Chart, person_id: str, timeline: Sequence[TimelineEntry]) -> None:
    """Employers from hires, ports from arrivals (the summaries name them)."""
    for event in timeline:
        if event.kind == "HIRE" and (hired := _HIRED_BY.match(event.summary)):
            employer = hired["employer"]
            chart.add(f"employer:{employer}", employer, "employer", event.key)
            chart.tie(person_id, f"employer:{employer}", "hired by")
        elif event.kind == "ARRIVAL" and (port := _ADMITTED_AT.search(event.summary)):
            node = f"port:{port['port']}"
            chart.add(node, f"{port['port']} ({port['mode'].lower()})", "port", event.key)
            when = event.on_date.isoformat() if event.on_date else "date unknown"
            chart.tie(person_id, node, f"arrived {when}")


def _sharing(
    chart: _Chart,
    view: PublishedView,
    person_id: str,
    keys: Sequence[str],
    visible: Callable[[SubjectFacts], bool],
) -> None:
    """Other people an identifier's search key posts to, those the user may see."""
    postings = view.postings(keys, SHARED_CAP)
    others = {p for key in keys for p in postings.get(key, ()) if p != person_id}
    people = view.people(sorted(others))
    shown = {p.person_id: p for p in people.values() if visible(facts_of(p))}
    for key in keys:
        for other in postings.get(key, ())[:SHARED_CAP]:
            if other in shown:
                chart.add(other, f"{shown[other].display_name} ({other})", "other", None)
                chart.tie(other, key, "also holds")


def link_chart(
    store: OperationalStore, user: Principal, purpose: Purpose, person_id: str
) -> LinkChart:
    """The person in the middle, their documents, employers and ports of arrival, and the
    people who share an identifier with them (only those ``user`` may read). Authorized
    and audited as a read of the person."""
    facts = _person_read(store, user, purpose, person_id, f"link chart {person_id}")
    day = utc_today()

    def visible(other: SubjectFacts) -> bool:
        return may(user, Action.person_read, other, purpose, today=day).allowed

    def read(view: PublishedView) -> LinkChart:
        chart = _Chart()
        subject = view.person(facts.person_id)
        name = subject.display_name if subject else facts.person_id
        chart.add(facts.person_id, name, "person", None)
        keys = _documents(chart, facts.person_id, view.statements(facts.person_id))
        _from_timeline(chart, facts.person_id, view.timeline(facts.person_id))
        _sharing(chart, view, facts.person_id, keys, visible)
        return LinkChart(
            facts.person_id, tuple(chart.nodes.values()), tuple(chart.edges.values()), NOT_PUBLISHED
        )

    chart = _consistent(store, read)
    if chart is None:
        raise UnknownPersonError(f"no person {person_id} in the published records")
    return chart
