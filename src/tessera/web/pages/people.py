"""``/ui/people/{id}``: the person dossier, and ``/ui/people/{id}/pair``: the explanation
of any two of the person's records.

Everything comes from the service with the page's purpose: the dossier
(``service.people.dossier``), the link chart and the pair's waterfall
(``service.people_links``), each authorized and audited as a read of the person, so a
partner officer meets the same refusal here as through the API. The page shapes what
the service returns for the template and for the two islands (timeline, link chart),
whose data travel as JSON blocks (the CSP allows no inline script).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from tessera.api.deps import StoreDep
from tessera.model.findings import IDENTITY_VERIFICATION_BELOW
from tessera.security import Action, Principal
from tessera.security.policy import ROLES
from tessera.service.people import Dossier, dossier
from tessera.service.people_dossier import Claim
from tessera.service.people_links import LinkChart, explain_records, link_chart
from tessera.store.operational.published_rows import PeriodEntry, TimelineEntry
from tessera.web.deps import PagePurpose, PageUser
from tessera.web.render import render

router = APIRouter()

PersonId = Annotated[str, Path(max_length=32, description="A person id, e.g. P0000012")]
RecordKey = Annotated[str, Query(max_length=160)]


# --- the timeline island -----------------------------------------------------------------


def _period_item(index: int, period: PeriodEntry, start: dt.date, end: dt.date) -> dict[str, Any]:
    open_ended = period.valid_to is None
    until = period.valid_to.isoformat() if period.valid_to else "no end shown"
    label = period.kind.replace("_", " ").lower()
    return {
        "id": f"period-{index}",
        "group": "periods",
        "type": "range",
        "content": label,
        "title": f"{label}: {start.isoformat()} to {until} — {period.basis} [{period.key}]",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "className": f"period {period.kind.lower()}" + (" open" if open_ended else ""),
    }


def _event_item(index: int, event: TimelineEntry) -> dict[str, Any]:
    assert event.on_date is not None
    return {
        "id": f"event-{index}",
        "group": "events",
        "type": "point",
        "content": event.kind.replace("_", " ").lower(),
        "title": f"{event.on_date.isoformat()} {event.summary} [{event.key}]",
        "start": event.on_date.isoformat(),
        "className": f"event {event.kind.lower()}" + (" identity" if event.identity_only else ""),
    }


def timeline_data(d: Dossier, today: dt.date) -> dict[str, Any]:
    """vis-timeline's items: periods as ranges (an open one runs to the records' cut-off),
    dated events as points. Undated entries are left to the table below the chart."""
    cut = d.publication.as_of or today
    dated = [e.on_date for e in d.timeline if e.on_date] + [
        day for p in d.periods for day in (p.valid_from, p.valid_to) if day
    ]
    earliest = min(dated, default=cut)
    items = [
        _period_item(i, p, p.valid_from or earliest, p.valid_to or cut)
        for i, p in enumerate(d.periods)
    ]
    items += [_event_item(i, e) for i, e in enumerate(d.timeline) if e.on_date]
    return {
        "items": items,
        "groups": [
            {"id": "periods", "content": "Status"},
            {"id": "events", "content": "Events"},
        ],
        "asOf": cut.isoformat(),
    }


@dataclass(frozen=True)
class TimelineRow:
    """One line of the table under the chart: a period or an event."""

    start: dt.date | None
    end: str
    kind: str
    what: str
    key: str
    is_period: bool


def timeline_rows(d: Dossier) -> list[TimelineRow]:
    rows = [
        TimelineRow(
            p.valid_from,
            p.valid_to.isoformat() if p.valid_to else "no end shown",
            p.kind,
            p.basis,
            p.key,
            True,
        )
        for p in d.periods
    ]
    rows += [TimelineRow(e.on_date, "", e.kind, e.summary, e.key, False) for e in d.timeline]
    return sorted(rows, key=lambda r: (r.start is None, r.start or dt.date.min, not r.is_period))


# --- the link chart island ---------------------------------------------------------------


def chart_data(chart: LinkChart) -> dict[str, Any]:
    """Cytoscape's elements: nodes by kind (styled by class), edges labelled."""
    nodes = [
        {
            "data": {"id": n.id, "label": n.label, "sources": ", ".join(n.sources)},
            "classes": n.kind,
        }
        for n in chart.nodes
    ]
    edges = [
        {"data": {"id": f"e{i}", "source": e.source, "target": e.target, "label": e.label}}
        for i, e in enumerate(chart.edges)
    ]
    return {"elements": nodes + edges, "center": chart.person_id}


# --- claims, evidence, findings ----------------------------------------------------------


def claims_by_property(claims: Sequence[Claim]) -> list[tuple[str, list[Claim]]]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        grouped[c.property].append(c)
    return list(grouped.items())


def systems(sources: Sequence[str]) -> list[tuple[str, list[str]]]:
    """``feed:record_id`` keys grouped by the system (feed) that holds them."""
    by_feed: dict[str, list[str]] = defaultdict(list)
    for key in sources:
        feed, _, record = key.partition(":")
        by_feed[feed].append(record)
    return sorted(by_feed.items())


def evidence_lines(d: Dossier) -> dict[str, str]:
    """What each record says on the timeline, to show beside a finding's evidence key."""
    said: dict[str, list[str]] = defaultdict(list)
    for e in d.timeline:
        when = e.on_date.isoformat() if e.on_date else "undated"
        said[e.key].append(f"{when} {e.summary}")
    for p in d.periods:
        said[p.key].append(f"{p.kind.replace('_', ' ').lower()}: {p.basis}")
    return {key: "; ".join(lines) for key, lines in said.items()}


def may_judge(user: Principal) -> bool:
    return Action.identity_judge in ROLES[user.role].permissions


# --- routes ------------------------------------------------------------------------------


@router.get("/ui/people/{person_id}")
def person_page(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    person_id: PersonId,
) -> Response:
    found = dossier(store, user, purpose, person_id)
    chart = link_chart(store, user, purpose, found.person_id)
    today = dt.datetime.now(dt.UTC).date()
    records = found.links.records
    context = {
        "d": found,
        "claims": claims_by_property(found.claims),
        "systems": systems,
        "evidence": evidence_lines(found),
        "weak_below": IDENTITY_VERIFICATION_BELOW,
        "weak_findings": [f for f in found.findings if f.identity_check],
        "timeline": timeline_data(found, today),
        "rows": timeline_rows(found),
        "chart": chart_data(chart),
        "chart_missing": chart.missing,
        "may_judge": may_judge(user),
        "pair_a": records[0].key if records else "",
        "pair_b": records[1].key if len(records) > 1 else "",
    }
    return render(request, "person.html", context, user=user)


@router.get("/ui/people/{person_id}/pair")
def pair_page(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    person_id: PersonId,
    a: RecordKey,
    b: RecordKey,
) -> Response:
    settings = request.app.state.settings
    explained = explain_records(settings, store, user, purpose, person_id, (a, b))
    largest = max((abs(f.total) for f in explained.pair.features), default=1.0) or 1.0
    context = {"person_id": person_id, "view": explained, "p": explained.pair, "scale": largest}
    return render(request, "person/pair_page.html", context, user=user)
