"""What a publication holds, as frozen records: the published tables' rows as callers get
them (lists kept as tuples, dates as dates, UTC timestamps)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row

from tessera.store.operational.schema_published import COUNTED
from tessera.store.operational.timestamps import maybe_utc

LIST_SEPARATOR = " "
"""Lists (jurisdictions, evidence keys, name tokens) are stored as one text column: record
keys, codes and name tokens hold no spaces."""


@dataclass(frozen=True)
class Bulk:
    """One published table's rows, in batches (each row in ``columns`` order, the
    publication id first): read once, straight from the workspace."""

    table: str
    columns: tuple[str, ...]
    batches: Iterable[Sequence[tuple[Any, ...]]]


@dataclass(frozen=True)
class Publication:
    id: int
    run_id: int | None
    as_of: dt.date | None
    state: str
    started_at: dt.datetime
    published_at: dt.datetime | None
    counts: Mapping[str, int]


@dataclass(frozen=True)
class PublishedPerson:
    person_id: str
    display_name: str
    birth_date: str | None
    """``YYYY-MM-DD``; unknown parts as ``??`` (``1970-??-??``)."""
    sex: str | None
    standing: str
    protected_1367: bool
    jurisdictions: tuple[str, ...]
    citizen_keys: tuple[str, ...]
    protection_keys: tuple[str, ...]
    noncitizen_keys: tuple[str, ...]
    records: int
    findings: int
    name_tokens: tuple[str, ...]
    """Every name word any of the person's records carries (search scores against them)."""
    birth_dates: tuple[str, ...]
    """Every date of birth any record gives, in ``birth_date``'s form."""


@dataclass(frozen=True)
class Statement:
    property: str
    value: str
    source: str
    recorded_on: dt.date | None


@dataclass(frozen=True)
class TimelineEntry:
    on_date: dt.date | None
    kind: str
    summary: str
    key: str
    """The record the event is read from (``feed:record_id``)."""
    identity_only: bool


@dataclass(frozen=True)
class PeriodEntry:
    kind: str
    basis: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    key: str
    """The record the period rests on (``feed:record_id``): its evidence."""

    def covers(self, day: dt.date) -> bool:
        starts = self.valid_from is None or self.valid_from <= day
        return starts and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class PublishedFinding:
    finding_id: str
    person_id: str
    code: str
    severity: str
    confidence: float
    identity_check: bool
    subject_on: dt.date | None
    evidence: tuple[str, ...]
    detail: str
    role: str
    rule_version: str
    rule_text: str
    legal_basis: str
    tier: str | None
    tier_reason: str | None
    policy: str
    as_of: dt.date


@dataclass(frozen=True)
class LinkFeature:
    comparison: str
    gamma: int
    weight: float
    tf_adjustment: float


@dataclass(frozen=True)
class Link:
    """A scored tie between two of a person's records, with each comparison's weight."""

    record_l: str
    record_r: str
    match_weight: float
    match_probability: float
    features: tuple[LinkFeature, ...]


@dataclass(frozen=True)
class PublishedRedirect:
    old_id: str
    new_id: str | None
    reason: str
    redirected_at: dt.datetime | None


def split(text: str | None) -> tuple[str, ...]:
    return tuple(text.split(LIST_SEPARATOR)) if text else ()


def publication(row: Row[Any]) -> Publication:
    return Publication(
        id=row.id,
        run_id=row.run_id,
        as_of=row.as_of,
        state=row.state,
        started_at=maybe_utc(row.started_at) or dt.datetime.min.replace(tzinfo=dt.UTC),
        published_at=maybe_utc(row.published_at),
        counts={name: int(getattr(row, name)) for name in COUNTED},
    )


def person(row: Row[Any]) -> PublishedPerson:
    return PublishedPerson(
        person_id=row.person_id,
        display_name=row.display_name,
        birth_date=row.birth_date,
        sex=row.sex,
        standing=row.standing,
        protected_1367=bool(row.protected_1367),
        jurisdictions=split(row.jurisdictions),
        citizen_keys=split(row.citizen_keys),
        protection_keys=split(row.protection_keys),
        noncitizen_keys=split(row.noncitizen_keys),
        records=row.records,
        findings=row.findings,
        name_tokens=split(row.name_tokens),
        birth_dates=split(row.birth_dates),
    )


def finding(row: Row[Any]) -> PublishedFinding:
    return PublishedFinding(
        finding_id=row.finding_id,
        person_id=row.person_id,
        code=row.code,
        severity=row.severity,
        confidence=float(row.confidence),
        identity_check=bool(row.identity_check),
        subject_on=row.subject_on,
        evidence=split(row.evidence),
        detail=row.detail,
        role=row.role,
        rule_version=row.rule_version,
        rule_text=row.rule_text,
        legal_basis=row.legal_basis,
        tier=row.tier,
        tier_reason=row.tier_reason,
        policy=row.policy,
        as_of=row.as_of,
    )


def features(text: str) -> tuple[LinkFeature, ...]:
    """``name:6:5123:310;dob:4:...``: comparison, level (gamma), weight and adjustment in
    thousandths of a bit."""
    found = []
    for part in text.split(";") if text else ():
        comparison, gamma, weight, tf = part.rsplit(":", 3)
        found.append(LinkFeature(comparison, int(gamma), int(weight) / 1000, int(tf) / 1000))
    return tuple(found)


def link(row: Row[Any]) -> Link:
    return Link(
        record_l=row.record_l,
        record_r=row.record_r,
        match_weight=float(row.match_weight),
        match_probability=float(row.match_probability),
        features=features(row.features),
    )


def redirect(row: Row[Any]) -> PublishedRedirect:
    return PublishedRedirect(row.old_id, row.new_id, row.reason, maybe_utc(row.redirected_at))
