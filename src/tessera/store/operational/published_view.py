"""Point reads of one pinned publication.

The statements are built once, with bound parameters, so that a read costs the database
its index look-up and little else: search runs a handful of them per query, under a
latency budget of milliseconds. The one statement whose shape varies (the postings of a
query's keys, one bounded sub-select per key) is written for the driver directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, select

from tessera.store.operational import published_rows as rows
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
from tessera.store.operational.schema_published import (
    pub_findings,
    pub_link_levels,
    pub_links,
    pub_people,
    pub_periods,
    pub_redirects,
    pub_statements,
    pub_timeline,
    publications,
)

_PUB: BindParameter[int] = bindparam("pub")
_PERSON: BindParameter[str] = bindparam("person")

_CURRENT = (
    select(publications)
    .where(publications.c.state == "current")
    .order_by(publications.c.id.desc())
    .limit(1)
)
_PEOPLE = select(pub_people).where(
    pub_people.c.publication_id == _PUB,
    pub_people.c.person_id.in_(bindparam("people", expanding=True)),
)
_BIRTHS = select(pub_people.c.person_id, pub_people.c.birth_dates).where(
    pub_people.c.publication_id == _PUB,
    pub_people.c.person_id.in_(bindparam("people", expanding=True)),
)
_REDIRECT = select(pub_redirects).where(
    pub_redirects.c.publication_id == _PUB, pub_redirects.c.old_id == _PERSON
)
_STATEMENTS = (
    select(
        pub_statements.c.property,
        pub_statements.c.value,
        pub_statements.c.source,
        pub_statements.c.recorded_on,
    )
    .where(pub_statements.c.publication_id == _PUB, pub_statements.c.person_id == _PERSON)
    .order_by(pub_statements.c.property, pub_statements.c.value, pub_statements.c.source)
)
_TIMELINE = (
    select(
        pub_timeline.c.on_date,
        pub_timeline.c.kind,
        pub_timeline.c.summary,
        pub_timeline.c.key,
        pub_timeline.c.identity_only,
    )
    .where(pub_timeline.c.publication_id == _PUB, pub_timeline.c.person_id == _PERSON)
    .order_by(
        pub_timeline.c.on_date.is_(None),
        pub_timeline.c.on_date,
        pub_timeline.c.key,
        pub_timeline.c.kind,
    )
)
_PERIODS = (
    select(
        pub_periods.c.kind,
        pub_periods.c.basis,
        pub_periods.c.valid_from,
        pub_periods.c.valid_to,
        pub_periods.c.key,
    )
    .where(pub_periods.c.publication_id == _PUB, pub_periods.c.person_id == _PERSON)
    .order_by(
        pub_periods.c.valid_from.is_not(None),
        pub_periods.c.valid_from,
        pub_periods.c.kind,
        pub_periods.c.key,
    )
)
_EXPANDING_PEOPLE: BindParameter[list[str]] = bindparam("people", expanding=True)
_PERIODS_OF = (
    select(
        pub_periods.c.person_id,
        pub_periods.c.kind,
        pub_periods.c.basis,
        pub_periods.c.valid_from,
        pub_periods.c.valid_to,
        pub_periods.c.key,
    )
    .where(pub_periods.c.publication_id == _PUB, pub_periods.c.person_id.in_(_EXPANDING_PEOPLE))
    .order_by(
        pub_periods.c.person_id,
        pub_periods.c.valid_from.is_not(None),
        pub_periods.c.valid_from,
        pub_periods.c.kind,
        pub_periods.c.key,
    )
)
_DATED_KEYS_OF = select(pub_timeline.c.person_id, pub_timeline.c.key, pub_timeline.c.on_date).where(
    pub_timeline.c.publication_id == _PUB,
    pub_timeline.c.person_id.in_(_EXPANDING_PEOPLE),
    pub_timeline.c.on_date.is_not(None),
)
_VALUES_OF = (
    select(pub_statements.c.person_id, pub_statements.c.value)
    .where(
        pub_statements.c.publication_id == _PUB,
        pub_statements.c.person_id.in_(_EXPANDING_PEOPLE),
        pub_statements.c.property == bindparam("property"),
    )
    .order_by(pub_statements.c.person_id, pub_statements.c.value)
)
_FINDINGS = (
    select(pub_findings)
    .where(pub_findings.c.publication_id == _PUB, pub_findings.c.person_id == _PERSON)
    .order_by(pub_findings.c.subject_on, pub_findings.c.code, pub_findings.c.finding_id)
)
_FINDING = select(pub_findings).where(
    pub_findings.c.publication_id == _PUB, pub_findings.c.finding_id == bindparam("finding")
)
_LINKS = (
    select(pub_links)
    .where(pub_links.c.publication_id == _PUB, pub_links.c.person_id == _PERSON)
    .order_by(pub_links.c.match_weight.desc(), pub_links.c.record_l, pub_links.c.record_r)
)
_LEVELS = select(
    pub_link_levels.c.comparison, pub_link_levels.c.gamma, pub_link_levels.c.label
).where(pub_link_levels.c.publication_id == _PUB)


def current_publication(connection: Connection) -> Publication | None:
    row = connection.execute(_CURRENT).first()
    return None if row is None else rows.publication(row)


class PublishedView:
    """Point reads of one publication, on one connection."""

    def __init__(self, connection: Connection, publication: Publication) -> None:
        self._connection = connection
        self.publication = publication

    def _rows(self, statement: Any, **params: Any) -> Any:
        return self._connection.execute(statement, {"pub": self.publication.id, **params})

    def still_current(self) -> bool:
        """Whether the pinned publication is still the current one (read after the rest:
        if it is, nothing was deleted under the reads)."""
        now = current_publication(self._connection)
        return now is not None and now.id == self.publication.id

    def person(self, person_id: str) -> PublishedPerson | None:
        return self.people([person_id]).get(person_id)

    def people(self, person_ids: Sequence[str]) -> dict[str, PublishedPerson]:
        if not person_ids:
            return {}
        found = self._rows(_PEOPLE, people=list(person_ids))
        return {r.person_id: rows.person(r) for r in found}

    def birth_dates_of(self, person_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Every date of birth each person's records give (``PublishedPerson.birth_dates``),
        read alone: search ranks a hundred candidates by them before reading the few it
        scores in full."""
        if not person_ids:
            return {}
        found = self._rows(_BIRTHS, people=list(person_ids))
        return {str(person): rows.split(dates) for person, dates in found}

    def redirect(self, old_id: str) -> PublishedRedirect | None:
        row = self._rows(_REDIRECT, person=old_id).first()
        return None if row is None else rows.redirect(row)

    def statements(self, person_id: str) -> list[Statement]:
        return [Statement(*r) for r in self._rows(_STATEMENTS, person=person_id)]

    def timeline(self, person_id: str) -> list[TimelineEntry]:
        found = self._rows(_TIMELINE, person=person_id)
        return [TimelineEntry(r[0], r[1], r[2], r[3], bool(r[4])) for r in found]

    def periods(self, person_id: str) -> list[PeriodEntry]:
        return [PeriodEntry(*r) for r in self._rows(_PERIODS, person=person_id)]

    # Several people at once: the status desk reads what the records show of all of a
    # query's candidates in three statements instead of three per candidate.

    def periods_of(self, person_ids: Sequence[str]) -> dict[str, list[PeriodEntry]]:
        """``periods`` of each of ``person_ids`` (those with none are left out)."""
        found: dict[str, list[PeriodEntry]] = {}
        if person_ids:
            for r in self._rows(_PERIODS_OF, people=list(person_ids)):
                found.setdefault(r[0], []).append(PeriodEntry(*r[1:]))
        return found

    def dated_keys_of(self, person_ids: Sequence[str]) -> dict[str, list[tuple[str, dt.date]]]:
        """The record keys of each person's dated timeline entries, with their dates."""
        found: dict[str, list[tuple[str, dt.date]]] = {}
        if person_ids:
            for r in self._rows(_DATED_KEYS_OF, people=list(person_ids)):
                found.setdefault(r[0], []).append((r[1], r[2]))
        return found

    def values_of(self, person_ids: Sequence[str], prop: str) -> dict[str, list[str]]:
        """The values each person's statements give for ``prop`` (sorted, repeats kept)."""
        found: dict[str, list[str]] = {}
        if person_ids:
            for r in self._rows(_VALUES_OF, people=list(person_ids), property=prop):
                found.setdefault(r[0], []).append(r[1])
        return found

    def findings(self, person_id: str) -> list[PublishedFinding]:
        return [rows.finding(r) for r in self._rows(_FINDINGS, person=person_id)]

    def finding(self, finding_id: str) -> PublishedFinding | None:
        row = self._rows(_FINDING, finding=finding_id).first()
        return None if row is None else rows.finding(row)

    def links(self, person_id: str) -> list[Link]:
        return [rows.link(r) for r in self._rows(_LINKS, person=person_id)]

    def link_levels(self) -> dict[tuple[str, int], str]:
        """(comparison, level number) -> the level's label, for the publication's model."""
        return {(r[0], int(r[1])): r[2] for r in self._rows(_LEVELS)}

    def postings(self, keys: Sequence[str], cap: int) -> dict[str, list[str]]:
        """For each search key, the people it posts to: at most ``cap + 1`` of them, so a
        key with more than ``cap`` is seen to be too common without reading it whole."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        found: dict[str, list[str]] = {}
        for key, person_id in self._driver_rows(*self._postings(wanted, cap)):
            found.setdefault(key, []).append(person_id)
        return found

    def _driver_rows(self, statement: str, params: Any) -> list[Any]:
        """The rows of ``statement`` as the driver's cursor gives them: postings run to
        thousands of rows a query on a million people, and a ``Row`` object for each
        would cost more than the database's reads."""
        cursor = self._connection.connection.cursor()
        try:
            cursor.execute(statement, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def _postings(self, keys: list[str], cap: int) -> tuple[str, Any]:
        """One statement for every key, each read bounded: a lateral join over an array
        on PostgreSQL (one plan, prepared once), a union of small reads on SQLite."""
        pub, limit = int(self.publication.id), int(cap) + 1
        if self._connection.dialect.name == "postgresql":
            return (
                "SELECT k.key, p.person_id FROM unnest(%s::varchar[]) AS k(key) CROSS JOIN "
                "LATERAL (SELECT person_id FROM pub_search_keys WHERE publication_id = "
                f"{pub} AND key = k.key LIMIT {limit}) AS p",
                (keys,),
            )
        one = (
            "SELECT * FROM (SELECT key, person_id FROM pub_search_keys WHERE "
            f"publication_id = {pub} AND key = ? LIMIT {limit})"
        )
        return " UNION ALL ".join(one for _ in keys), tuple(keys)
