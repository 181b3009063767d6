"""The analysts' person use cases, on the published results: search, the dossier, the
facts the access policy judges a person on, and what the records show of a person's
status on a day.

Every read pins one publication and checks, once done, that it is still the current one
(else it reads again), so an answer never mixes two publications. ``find_candidates``,
``subject_facts`` and ``status_summary`` are building blocks that write no audit entry:
the use cases that call them authorize first (``search_people``, ``dossier`` here; the
status desk, leads and enforcement elsewhere).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from tessera.identity.person_ids import PersonIdError, parse_person_id
from tessera.security import Action, Principal, Purpose, SubjectFacts, may
from tessera.security.policy import PROTECTED_RULE
from tessera.service.access import AccessDeniedError, authorize, utc_today
from tessera.service.errors import NotFoundError
from tessera.service.people_dossier import Dossier, assemble
from tessera.service.people_query import (
    BadQueryError,
    PersonQuery,
    ReadQuery,
    describe,
    read_query,
)
from tessera.service.people_score import Reason, Scored
from tessera.service.people_search import search
from tessera.status.query import Answer
from tessera.store.operational import OperationalStore
from tessera.store.operational.published_rows import (
    PeriodEntry,
    PublishedPerson,
    PublishedRedirect,
)
from tessera.store.operational.published_view import PublishedView

__all__ = [
    "BadQueryError",
    "Candidate",
    "Dossier",
    "PersonQuery",
    "Reason",
    "StatusSummary",
    "UnknownPersonError",
    "dossier",
    "find_candidates",
    "find_candidates_with_status",
    "search_people",
    "status_summary",
    "subject_facts",
]

T = TypeVar("T")

READ_ATTEMPTS = 3
"""Reads again when a new publication became current meanwhile (rarely more than once)."""

MAX_REDIRECTS = 32
"""Redirect chains are short (a merge, then a split...); a longer one is a loop."""

SEARCH_MARGIN = 3
"""A search reads this many times the asked number of candidates, so that dropping the
ones the user may not see still leaves enough to show."""


class UnknownPersonError(NotFoundError):
    """No live person has this id (never issued, or its records withdrawn), or one the
    caller may not know exists (8 U.S.C. 1367: hidden like an unknown one, ADR 0009)."""


@dataclass(frozen=True)
class Candidate:
    """A person who may be the one searched for."""

    person_id: str
    display_name: str
    birth_date: str | None
    confidence: float
    """How well the person answers the query, from 0 to 1 (``people_score``)."""
    reasons: tuple[Reason, ...]
    facts: SubjectFacts
    """What the access policy judges the person on (callers decide what to show)."""


@dataclass(frozen=True)
class StatusSummary:
    """What the records show of a person's status on one day, and nothing more.

    ``answer``: ``shown`` (periods of status cover the day), ``none shown`` (a noncitizen
    by the records, dated by then, and no period covers the day) or ``cannot be shown``
    (the records show nothing either way: absence of records is no evidence). Nothing
    here says that anyone is removable: that is an officer's determination.
    """

    person_id: str
    asked_for: str | None
    on: dt.date
    as_of: dt.date | None
    """The date the records were cut (the drop's ``as_of``)."""
    standing: str
    """CITIZEN, PROTECTED, NONCITIZEN or UNKNOWN (``tessera.status.standing``)."""
    answer: Answer
    periods: tuple[PeriodEntry, ...]
    """The periods covering ``on``, each with the record it rests on (``key``)."""
    citizen_keys: tuple[str, ...]
    protection_keys: tuple[str, ...]
    noncitizen_keys: tuple[str, ...]
    """Records showing noncitizenship, dated on or before ``on``."""
    protected_1367: bool
    birth_countries: tuple[str, ...]
    """Countries of birth the records give (``USA`` among them stops enforcement)."""

    @property
    def can_show_status(self) -> bool:
        return self.answer is not Answer.CANNOT_BE_SHOWN

    @property
    def evidence(self) -> tuple[str, ...]:
        """Every record the answer rests on, once each."""
        keys = (
            *self.citizen_keys,
            *self.protection_keys,
            *(p.key for p in self.periods),
            *self.noncitizen_keys,
        )
        return tuple(dict.fromkeys(keys))


def _consistent(store: OperationalStore, read: Callable[[PublishedView], T]) -> T | None:
    """``read`` on the current publication, again if another became current meanwhile;
    ``None`` when nothing was ever published."""
    result: T | None = None
    for _ in range(READ_ATTEMPTS):
        with store.published.view() as view:
            if view is None:
                return None
            result = read(view)
            if view.still_current():
                return result
    return result


def _follow(
    view: PublishedView, person_id: str
) -> tuple[PublishedPerson | None, tuple[PublishedRedirect, ...]]:
    """The live person ``person_id`` leads to (through merges and splits), and how."""
    via: list[PublishedRedirect] = []
    current: str | None = person_id
    while current is not None and len(via) <= MAX_REDIRECTS:
        person = view.person(current)
        if person is not None:
            return person, tuple(via)
        step = view.redirect(current)
        if step is None:
            break
        via.append(step)
        current = step.new_id
    return None, tuple(via)


def _canonical(person_id: str) -> str:
    try:
        return parse_person_id(person_id)
    except PersonIdError as exc:
        raise UnknownPersonError(str(exc)) from None


def facts_of(person: PublishedPerson) -> SubjectFacts:
    return SubjectFacts(
        person_id=person.person_id,
        jurisdictions=frozenset(person.jurisdictions),
        protected_1367=person.protected_1367,
    )


def subject_facts(store: OperationalStore, person_id: str) -> SubjectFacts | None:
    """What the access policy needs to know about the live person ``person_id`` leads to
    (``None``: no such person published)."""
    try:
        asked = parse_person_id(person_id)
    except PersonIdError:
        return None
    person = _consistent(store, lambda view: _follow(view, asked)[0])
    return None if person is None else facts_of(person)


FACTS_CHUNK = 10_000
"""People read per statement by ``facts_for``: well under SQLite's 32,766 parameters."""


def facts_for(
    store: OperationalStore, person_ids: Iterable[str]
) -> Callable[[str], SubjectFacts | None]:
    """``subject_facts`` for many people at once: the live ones read in batches from the
    current publication, anyone else (an old id, a redirect) looked up one by one as
    ``subject_facts`` would. The publish stage asks this for every finding's person."""
    wanted = sorted(set(person_ids))
    known: dict[str, SubjectFacts] = {}
    with store.published.view() as view:
        if view is not None:
            for at in range(0, len(wanted), FACTS_CHUNK):
                people = view.people(wanted[at : at + FACTS_CHUNK])
                known.update({pid: facts_of(p) for pid, p in people.items()})

    def facts(person_id: str) -> SubjectFacts | None:
        found = known.get(person_id)
        return found if found is not None else subject_facts(store, person_id)

    return facts


def find_candidates(
    store: OperationalStore, query: PersonQuery, limit: int = 10
) -> list[Candidate]:
    """The ``limit`` people who best answer ``query``, best first (``BadQueryError`` for
    a query that cannot be run). No audit entry: callers authorize the search."""
    return _candidates(store, read_query(query), limit)


def _candidate(scored: Scored) -> Candidate:
    person = scored.person
    return Candidate(
        person.person_id,
        person.display_name,
        person.birth_date,
        scored.confidence,
        scored.reasons,
        facts_of(person),
    )


def _candidates(store: OperationalStore, read: ReadQuery, limit: int) -> list[Candidate]:
    scored = _consistent(store, lambda view: search(view, read, limit)) or []
    return [_candidate(s) for s in scored]


def search_people(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    query: PersonQuery,
    limit: int = 10,
) -> list[Candidate]:
    """Search for people (audited), showing only those ``user`` may read: a 1367-protected
    person is left out for roles that may not see them, a partner officer sees only
    people with a record in their jurisdiction."""
    read = read_query(query)
    authorize(store, user, Action.person_search, purpose, target=describe(read))
    day = utc_today()
    found = _candidates(store, read, limit * SEARCH_MARGIN)
    shown = [c for c in found if may(user, Action.person_read, c.facts, purpose, today=day).allowed]
    return shown[:limit]


def _merges(store: OperationalStore, keys: Sequence[str]) -> list[tuple[str, str, int]]:
    """Active merge judgements between the person's records, as (record, record, id)."""
    held = set(keys)
    ties = []
    for j in store.judgements_concerning(keys):
        if j.kind != "merge" or j.revoked_at is not None:
            continue
        a = [r for r in j.side("a") if r in held]
        b = [r for r in j.side("b") if r in held]
        ties += [(x, y, j.id) for x in a for y in b]
    return ties


def _authorized(
    store: OperationalStore, user: Principal, purpose: Purpose, facts: SubjectFacts, asked: str
) -> None:
    try:
        authorize(store, user, Action.person_read, purpose, facts, target=f"dossier {asked}")
    except AccessDeniedError as denied:
        if denied.decision.basis == PROTECTED_RULE.basis:
            # Hidden like an unknown person: that someone is protected is itself protected.
            raise UnknownPersonError(f"no person {asked}") from None
        raise


def _read_dossier(store: OperationalStore, asked: str) -> Dossier | None:
    def read(view: PublishedView) -> Dossier | None:
        person, via = _follow(view, asked)
        if person is None:
            return None
        statements = view.statements(person.person_id)
        keys = sorted({s.source for s in statements})
        return assemble(view, person, statements, asked, via, _merges(store, keys))

    return _consistent(store, read)


def dossier(store: OperationalStore, user: Principal, purpose: Purpose, person_id: str) -> Dossier:
    """Everything the records show about one person, for ``user`` (audited).
    ``AccessDeniedError`` when the policy refuses (its reason), ``UnknownPersonError``
    for no such person -- and for one hidden from the user by 8 U.S.C. 1367."""
    asked = _canonical(person_id)
    facts = subject_facts(store, asked) or SubjectFacts(asked)
    _authorized(store, user, purpose, facts, asked)
    found = _read_dossier(store, asked)
    if found is None:
        raise UnknownPersonError(f"no person {asked} in the published records")
    now = SubjectFacts(found.person_id, frozenset(found.jurisdictions), found.protected_1367)
    if now != facts:  # a new publication changed what the policy judged: judge again
        _authorized(store, user, purpose, now, asked)
    return found


def _live(
    view: PublishedView, asked: Sequence[str], known: Mapping[str, PublishedPerson]
) -> dict[str, PublishedPerson]:
    """The live person each asked id leads to: ``known`` ones as they are, the others read
    at once, and only those not live followed through their redirects one by one."""
    live = {a: known[a] for a in asked if a in known}
    unknown = [a for a in asked if a not in live]
    read = view.people(unknown)
    for person_id in unknown:
        person = read.get(person_id) or _follow(view, person_id)[0]
        if person is not None:
            live[person_id] = person
    return live


def _summaries(
    view: PublishedView,
    asked: Sequence[str],
    on: dt.date,
    known: Mapping[str, PublishedPerson] | None = None,
) -> dict[str, StatusSummary]:
    """``StatusSummary`` of each asked id that leads to a live person, read for all of
    them at once (``known``: people already read from this view, not read again)."""
    live = _live(view, asked, known or {})
    ids = sorted({p.person_id for p in live.values()})
    periods = view.periods_of(ids)
    # Noncitizen evidence counts only if its record is dated by ``on`` (read only if any).
    dated = view.dated_keys_of(sorted({p.person_id for p in live.values() if p.noncitizen_keys}))
    births = view.values_of(ids, "birth_country")
    return {
        a: _summary(
            view.publication.as_of,
            person,
            a,
            on,
            [p for p in periods.get(person.person_id, []) if p.covers(on)],
            {key for key, day in dated.get(person.person_id, []) if day <= on},
            births.get(person.person_id, []),
        )
        for a, person in live.items()
    }


def _summary(
    as_of: dt.date | None,
    person: PublishedPerson,
    asked: str,
    on: dt.date,
    periods: Sequence[PeriodEntry],
    dated: set[str],
    births: Sequence[str],
) -> StatusSummary:
    noncitizen = tuple(k for k in person.noncitizen_keys if k in dated)
    answer = (
        Answer.SHOWN if periods else Answer.NONE_SHOWN if noncitizen else Answer.CANNOT_BE_SHOWN
    )
    return StatusSummary(
        person_id=person.person_id,
        asked_for=asked if asked != person.person_id else None,
        on=on,
        as_of=as_of,
        standing=person.standing,
        answer=answer,
        periods=tuple(periods),
        citizen_keys=person.citizen_keys,
        protection_keys=person.protection_keys,
        noncitizen_keys=noncitizen,
        protected_1367=person.protected_1367,
        birth_countries=tuple(sorted(set(births))),
    )


def status_summary(store: OperationalStore, person_id: str, on: dt.date) -> StatusSummary | None:
    """What the records show of the status of the person ``person_id`` leads to, on
    ``on``; ``None`` when no such person is published. No audit entry: callers authorize."""
    try:
        asked = parse_person_id(person_id)
    except PersonIdError:
        return None
    return _consistent(store, lambda view: _summaries(view, [asked], on).get(asked))


def status_summaries(
    store: OperationalStore, person_ids: Sequence[str], on: dt.date
) -> dict[str, StatusSummary]:
    """``status_summary`` of several people read from one publication (the status desk
    asks about all of a query's candidates at once); people not published are left out."""
    asked = []
    for person_id in person_ids:
        try:
            asked.append(parse_person_id(person_id))
        except PersonIdError:
            continue
    return _consistent(store, lambda view: _summaries(view, asked, on)) or {}


def find_candidates_with_status(
    store: OperationalStore, query: PersonQuery, on: dt.date, limit: int = 10
) -> list[tuple[Candidate, StatusSummary]]:
    """``find_candidates`` and the ``status_summary`` of each on ``on``, in one read of
    one publication: the status desk's question, asked in one go (the people the search
    read are not read again). No audit entry: callers authorize."""
    read = read_query(query)

    def both(view: PublishedView) -> list[tuple[Candidate, StatusSummary]]:
        scored = search(view, read, limit)
        known = {s.person.person_id: s.person for s in scored}
        summaries = _summaries(view, list(known), on, known)
        return [(_candidate(s), summaries[s.person.person_id]) for s in scored]

    return _consistent(store, both) or []
