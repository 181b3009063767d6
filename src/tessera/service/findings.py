"""Use cases around findings: judge the workspace, list findings, show one person.

``assess`` re-runs the status and rules stages on what the workspace holds (a new
priority policy, a new rule version) without ingesting or resolving again, and publishes
the result, so the service never reads findings the workspace no longer holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import duckdb

from tessera.identity.people import find_person
from tessera.publish import PublishReport
from tessera.rules import RulesRun, run_rules
from tessera.rules.query import Finding, FindingFilter, select_findings
from tessera.service.publishing import publish_workspace
from tessera.settings import Settings
from tessera.status import StatusBuild, build_status
from tessera.status.query import Event, Period, Standing, StatusOn, standing, status_on, timeline
from tessera.status.query import periods as person_periods
from tessera.store.workspace import open_workspace


@dataclass(frozen=True)
class Assessment:
    status: StatusBuild
    rules: RulesRun
    published: PublishReport | None = None


@dataclass(frozen=True)
class PersonView:
    standing: Standing
    timeline: list[Event]
    periods: list[Period]
    findings: list[Finding]
    status_on: StatusOn | None
    asked_for: str = ""
    """The id the caller gave, when it was redirected (a merge or split) to this person."""


class UnknownPersonError(LookupError):
    pass


class NotJudgedError(RuntimeError):
    """The workspace holds no findings yet (nothing ingested, or never judged)."""


@contextmanager
def _judged(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The workspace, read-only, with a plain error if no run has judged it yet."""
    if not settings.workspace_path.is_file():
        raise NotJudgedError(f"no workspace at {settings.workspace_path}: run `tessera run DROP`")
    con = open_workspace(settings, read_only=True)
    try:
        yield con
    except duckdb.CatalogException as exc:
        raise NotJudgedError(
            f"no findings in the workspace yet ({exc}): run `tessera assess`"
        ) from exc
    finally:
        con.close()


def assess_workspace(con: duckdb.DuckDBPyConnection, settings: Settings) -> Assessment:
    """Build the status tables and judge every person, on an open workspace."""
    status = build_status(con)
    return Assessment(status, run_rules(con, status.as_of, settings.priority_policy))


def assess(settings: Settings, *, publish: bool = True) -> Assessment:
    """Judge the workspace anew and republish it (``publish=False``: judge only, and
    ``publish`` later; the benchmark times the two apart)."""
    con = open_workspace(settings)
    try:
        judged = assess_workspace(con, settings)
        if not publish:
            return judged
        return replace(judged, published=publish_workspace(settings, con))
    finally:
        con.close()


def publish(settings: Settings) -> PublishReport:
    """Publish what the workspace holds now (after ``assess(publish=False)``)."""
    con = open_workspace(settings)
    try:
        return publish_workspace(settings, con)
    finally:
        con.close()


def list_findings(settings: Settings, query: FindingFilter) -> list[Finding]:
    with _judged(settings) as con:
        return select_findings(con, query)


def person_view(settings: Settings, entity_id: str, on: dt.date | None = None) -> PersonView:
    """Everything the records show about one person: timeline, periods, findings."""
    with _judged(settings) as con:
        live = find_person(con, entity_id).person_id or entity_id
        shown = standing(con, live)
        if shown is None:
            raise UnknownPersonError(f"no person {entity_id!r} in the workspace")
        return PersonView(
            shown,
            timeline(con, live),
            person_periods(con, live),
            select_findings(con, FindingFilter(entity_id=live)),
            status_on(con, live, on) if on else None,
            entity_id if live != entity_id else "",
        )
