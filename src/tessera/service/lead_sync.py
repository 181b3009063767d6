"""Leads follow the findings: after each pipeline run, ``sync_leads`` compares the run's
findings with the leads not yet closed and changes only what differs.

- a finding with no lead (person, code, role) opens one in its unit's queue; if a closed
  lead had that key, the new one names it (closed leads never reopen). A finding that a
  person disposed of and that has not changed since opens nothing: it has not come back,
  it never went;
- a lead whose finding changed (evidence, severity, tier...) takes the new finding and
  says what changed;
- a lead on a person id that disappeared (merge or split) moves to the id that took its
  records; two leads landing on one key are one piece of work: the later one is closed,
  naming the one that carries on;
- a lead whose finding is gone is closed by Tessera with the reason, so a record
  correction reaches the queues on the next run.

Run twice on the same findings, it changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tessera.model.findings import SHARED_IDENTIFIER
from tessera.model.leads import SEVERITY_ORDER, Disposition, LeadKey, LeadSource, route
from tessera.security import SubjectFacts
from tessera.service.access import utc_now
from tessera.store.operational import OperationalStore
from tessera.store.operational.lead_sync import (
    FINDING_FIELDS,
    AutoClose,
    FindingUpdate,
    NewLead,
    PersonMove,
    SyncPlan,
)
from tessera.store.operational.leads import LeadRecord

Facts = Callable[[str], SubjectFacts | None]
"""What the policy knows about a person (``service.people.subject_facts`` bound to a store)."""


@dataclass(frozen=True)
class LeadSync:
    """What one sync changed, and what it refused to turn into leads."""

    created: int = 0
    updated: int = 0
    moved: int = 0
    closed: int = 0
    unchanged: int = 0
    already_disposed: int = 0
    """Findings a person already disposed of, unchanged since: no new lead."""
    refused_protected: int = 0
    """Findings (other than a shared identifier) on a person protected by 8 U.S.C. 1367."""
    unrouted: int = 0
    """Findings of a code no unit works."""
    skipped: int = 0
    """Leads someone closed while the run was compared; left closed."""


@dataclass(frozen=True)
class _Sources:
    by_key: dict[LeadKey, LeadSource]
    refused: frozenset[LeadKey]
    refused_count: int
    unrouted: int


def _rank(s: LeadSource) -> tuple[int, bool, str, float, str]:
    severity = SEVERITY_ORDER.index(s.severity) if s.severity in SEVERITY_ORDER else 99
    return (severity, s.tier is None, s.tier or "", -s.confidence, s.finding_id)


def combine(findings: Sequence[LeadSource]) -> LeadSource:
    """Several findings with one key make one lead: the most urgent finding leads, the
    evidence and details of all of them are kept, and the earliest date counts."""
    ordered = sorted(findings, key=_rank)
    first = ordered[0]
    dates = [f.subject_on for f in ordered if f.subject_on is not None]
    evidence = sorted({key for f in ordered for key in f.evidence})
    details = "; ".join(dict.fromkeys(f.detail for f in ordered if f.detail))
    return replace(
        first, evidence=tuple(evidence), detail=details, subject_on=min(dates, default=None)
    )


def _protected(source: LeadSource, facts: Facts, known: dict[str, bool]) -> bool:
    # The rules never name a protected person but for a shared identifier; a lead must
    # not rest on that alone.
    if source.code == SHARED_IDENTIFIER:
        return False
    if source.person_id not in known:
        found = facts(source.person_id)
        known[source.person_id] = found is not None and found.protected_1367
    return known[source.person_id]


def _sources(findings: Sequence[LeadSource], facts: Facts) -> _Sources:
    grouped: dict[LeadKey, list[LeadSource]] = defaultdict(list)
    refused: set[LeadKey] = set()
    refused_count = unrouted = 0
    protected: dict[str, bool] = {}  # one look-up per person, however many findings
    for finding in findings:
        if route(finding.code, finding.role) is None:
            unrouted += 1
        elif _protected(finding, facts, protected):
            refused.add(finding.key)
            refused_count += 1
        else:
            grouped[finding.key].append(finding)
    by_key = {key: combine(group) for key, group in grouped.items()}
    return _Sources(by_key, frozenset(refused), refused_count, unrouted)


def resolver(redirects: Mapping[str, str]) -> Callable[[str], str]:
    """Follow a person id through every redirect to the id that holds its records now."""

    def resolve(person_id: str) -> str:
        seen = {person_id}
        while person_id in redirects:
            person_id = redirects[person_id]
            if person_id in seen:  # a cycle is a broken registry; stop where it closes
                break
            seen.add(person_id)
        return person_id

    return resolve


def _changes(lead: LeadRecord, source: LeadSource) -> list[str]:
    """What differs between a lead's finding and the run's, in words (empty: nothing)."""
    said: list[str] = []
    for name in FINDING_FIELDS:
        old, new = getattr(lead, name), getattr(source, name)
        if old == new:
            continue
        if name == "evidence":
            added, gone = sorted(set(new) - set(old)), sorted(set(old) - set(new))
            parts = [f"+{k}" for k in added] + [f"-{k}" for k in gone]
            said.append("evidence " + " ".join(parts))
        elif name not in ("detail", "legal_basis"):
            said.append(f"{name.replace('_', ' ')} {old} -> {new}")
        else:
            said.append(f"{name.replace('_', ' ')} changed")
    return said


def _run(run_id: int | None) -> str:
    return f"run {run_id}" if run_id is not None else "the latest run"


@dataclass
class _Planner:
    sources: _Sources
    run_id: int | None
    moves: list[PersonMove] = field(default_factory=list)
    closes: list[AutoClose] = field(default_factory=list)
    updates: list[FindingUpdate] = field(default_factory=list)
    unchanged: int = 0

    def lead_group(self, key: LeadKey, leads: list[LeadRecord]) -> None:
        keeper = next((x for x in leads if x.person_id == key.person_id), min(leads, key=_id))
        for other in leads:
            if other is not keeper:
                self.closes.append(AutoClose(other.lead_id, self._merged(other, keeper, key)))
        if keeper.person_id != key.person_id:
            text = (
                f"person {keeper.person_id} is now {key.person_id}: {_run(self.run_id)} "
                "regrouped the records (a merge or split)"
            )
            self.moves.append(PersonMove(keeper.lead_id, key.person_id, text))
        self._follow(keeper, key)

    def _merged(self, lead: LeadRecord, keeper: LeadRecord, key: LeadKey) -> str:
        return (
            f"person {lead.person_id} is now {key.person_id} ({_run(self.run_id)}), "
            f"who has lead {keeper.lead_id} for the same finding: that lead carries on"
        )

    def _follow(self, lead: LeadRecord, key: LeadKey) -> None:
        source = self.sources.by_key.get(key)
        if source is None:
            self.closes.append(AutoClose(lead.lead_id, self._gone(key)))
            return
        changed = _changes(lead, source)
        if not changed:
            self.unchanged += 1
            return
        text = f"{_run(self.run_id)}: " + "; ".join(changed)
        self.updates.append(FindingUpdate(lead.lead_id, source, text))

    def _gone(self, key: LeadKey) -> str:
        if key in self.sources.refused:
            return (
                f"{key.person_id} is protected by 8 U.S.C. 1367: no enforcement lead stands "
                f"({_run(self.run_id)})"
            )
        return (
            f"finding no longer produced by {_run(self.run_id)}: the records that "
            "supported it changed"
        )


def _id(lead: LeadRecord) -> int:
    return lead.lead_id


def _opening(source: LeadSource, run_id: int | None, previous: LeadRecord | None) -> str:
    text = f"opened from finding {source.finding_id} of {_run(run_id)}"
    if previous is not None:
        text += f"; the finding came back after lead {previous.lead_id} was closed"
    return text


def _disposed(previous: LeadRecord | None, source: LeadSource) -> bool:
    """Whether a person already disposed of exactly this finding: it has not come back,
    it never went (a new lead opens only for a finding that went or changed)."""
    return (
        previous is not None
        and previous.disposition is not Disposition.closed_auto
        and previous.finding_id == source.finding_id
    )


def _previous_keys(key: LeadKey, inverse: Mapping[str, list[str]]) -> list[LeadKey]:
    """The key, and the keys it had under person ids that now redirect to its person."""
    olds = inverse.get(key.person_id, [])
    return [key, *(LeadKey(old, key.code, key.role) for old in olds)]


def _last_closed(
    store: OperationalStore, keys: list[LeadKey], redirects: Mapping[str, str]
) -> dict[LeadKey, LeadRecord]:
    """For each key, the newest closed lead it had, under its person id or an older one."""
    resolve = resolver(redirects)
    inverse: dict[str, list[str]] = defaultdict(list)
    for old in redirects:
        inverse[resolve(old)].append(old)
    candidates = {k: _previous_keys(k, inverse) for k in keys}
    closed = store.leads.last_closed(c for group in candidates.values() for c in group)
    newest: dict[LeadKey, LeadRecord] = {}
    for key, group in candidates.items():
        found = [closed[c] for c in group if c in closed]
        if found:
            newest[key] = max(found, key=_id)
    return newest


def _creates(
    store: OperationalStore,
    keys: Iterable[LeadKey],
    sources: _Sources,
    redirects: Mapping[str, str],
    run_id: int | None,
) -> tuple[list[NewLead], int]:
    """New leads for ``keys``; and how many findings were left as already disposed of."""
    wanted = sorted(keys)
    closed = _last_closed(store, wanted, redirects)
    made: list[NewLead] = []
    for key in wanted:
        source, previous = sources.by_key[key], closed.get(key)
        if _disposed(previous, source):
            continue
        routing = route(source.code, source.role)
        assert routing is not None  # unrouted findings were set aside
        previous_id = previous.lead_id if previous else None
        made.append(
            NewLead(source, routing.unit.value, previous_id, _opening(source, run_id, previous))
        )
    return made, len(wanted) - len(made)


def _plan(
    store: OperationalStore,
    sources: _Sources,
    redirects: Mapping[str, str],
    run_id: int | None,
) -> tuple[SyncPlan, int, int]:
    """The changes that bring the leads in line with ``sources``; how many leads already
    were; how many findings a person had already disposed of."""
    resolve = resolver(redirects)
    groups: dict[LeadKey, list[LeadRecord]] = defaultdict(list)
    for lead in store.leads.live():
        groups[LeadKey(resolve(lead.person_id), lead.code, lead.role)].append(lead)
    planner = _Planner(sources, run_id)
    for key in sorted(groups):
        planner.lead_group(key, groups[key])
    creates, disposed = _creates(
        store, set(sources.by_key) - set(groups), sources, redirects, run_id
    )
    plan = SyncPlan(
        tuple(planner.moves), tuple(planner.closes), tuple(planner.updates), tuple(creates)
    )
    return plan, planner.unchanged, disposed


def sync_leads(
    store: OperationalStore,
    findings: Sequence[LeadSource],
    redirects: Mapping[str, str],
    run_id: int | None,
    *,
    facts: Facts,
    at: dt.datetime | None = None,
) -> LeadSync:
    """Bring the leads in line with a run's full set of current ``findings``.

    ``redirects`` maps person ids that disappeared to the ids that took their records;
    ``facts`` says who is protected (findings on them, but for a shared identifier, are
    refused and counted).
    """
    sources = _sources(findings, facts)
    plan, unchanged, disposed = _plan(store, sources, redirects, run_id)
    actor = f"tessera:run-{run_id}" if run_id is not None else "tessera"
    done = store.leads.apply(plan, actor, run_id, at or utc_now())
    return LeadSync(
        created=len(done.created),
        updated=len(done.updated),
        moved=len(done.moved),
        closed=len(done.closed),
        unchanged=unchanged,
        already_disposed=disposed,
        refused_protected=sources.refused_count,
        unrouted=sources.unrouted,
        skipped=len(done.skipped),
    )
