"""Analysts' identity judgements, as recorded: never deleted, only revoked (with who, when
and why), so the store always says what was decided and what still holds.

Callers see frozen dataclasses, never ORM rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from tessera.store.operational.schema import (
    JUDGEMENT_KINDS,
    JUDGEMENT_SIDES,
    JudgedRecordRow,
    JudgementRow,
)
from tessera.store.operational.timestamps import as_utc


@dataclass(frozen=True, order=True)
class JudgedRecord:
    """A record a judgement concerns, its side (``a`` or ``b``), and the person id the
    analyst named for it."""

    side: str
    person_id: str
    record_key: str


@dataclass(frozen=True)
class RecordedJudgement:
    id: int
    kind: str
    analyst: str
    reason: str
    made_at: dt.datetime
    records: tuple[JudgedRecord, ...]
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def side(self, side: str) -> tuple[str, ...]:
        """The record keys of one side."""
        return tuple(r.record_key for r in self.records if r.side == side)

    def person_ids(self, side: str) -> tuple[str, ...]:
        """The person ids the analyst named on one side."""
        return tuple(dict.fromkeys(r.person_id for r in self.records if r.side == side))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise ValueError(f"a judgement needs {what}")
    return value.strip()


def _check(kind: str, records: Sequence[JudgedRecord]) -> None:
    if kind not in JUDGEMENT_KINDS:
        raise ValueError(f"unknown judgement kind {kind!r} (known: {', '.join(JUDGEMENT_KINDS)})")
    if {r.side for r in records} != set(JUDGEMENT_SIDES):
        raise ValueError("a judgement concerns records on two sides, a and b")
    keys = [r.record_key for r in records]
    if len(keys) != len(set(keys)):
        raise ValueError("a record appears twice in one judgement")


def record(
    engine: Engine, kind: str, analyst: str, reason: str, records: Sequence[JudgedRecord]
) -> RecordedJudgement:
    """Store a new judgement; returns it as stored."""
    _check(kind, records)
    with Session(engine) as session, session.begin():
        row = JudgementRow(
            kind=kind,
            analyst=_required(analyst, "an analyst's name"),
            reason=_required(reason, "a reason"),
            made_at=_now(),
            records=[
                JudgedRecordRow(record_key=r.record_key, side=r.side, person_id=r.person_id)
                for r in records
            ],
        )
        session.add(row)
        session.flush()
        return _judgement(row)


def revoke(engine: Engine, judgement_id: int, analyst: str, reason: str) -> RecordedJudgement:
    """Revoke an active judgement: later runs stop honouring it; it stays on record."""
    with Session(engine) as session, session.begin():
        row = session.get(JudgementRow, judgement_id, options=[selectinload(JudgementRow.records)])
        if row is None:
            raise LookupError(f"no judgement with id {judgement_id}")
        if row.revoked_at is not None:
            raise ValueError(
                f"judgement {judgement_id} was already revoked by {row.revoked_by} "
                f"on {as_utc(row.revoked_at):%Y-%m-%d}"
            )
        row.revoked_by = _required(analyst, "the name of who revokes it")
        row.revoke_reason = _required(reason, "a reason to revoke it")
        row.revoked_at = _now()
        session.flush()
        return _judgement(row)


def listed(
    engine: Engine, *, active_only: bool = False, ids: Iterable[int] | None = None
) -> list[RecordedJudgement]:
    """Judgements, oldest first; only active ones, or only ``ids``, when asked."""
    query = select(JudgementRow).options(selectinload(JudgementRow.records))
    if active_only:
        query = query.where(JudgementRow.revoked_at.is_(None))
    if ids is not None:
        query = query.where(JudgementRow.id.in_(list(ids)))
    with Session(engine) as session:
        return [_judgement(row) for row in session.scalars(query.order_by(JudgementRow.id))]


def concerning(engine: Engine, record_keys: Iterable[str]) -> list[RecordedJudgement]:
    """Every judgement (revoked ones too) that names any of ``record_keys``, oldest first."""
    keys = list(record_keys)
    with Session(engine) as session:
        found = session.scalars(
            select(JudgedRecordRow.judgement_id)
            .where(JudgedRecordRow.record_key.in_(keys))
            .distinct()
        ).all()
    return listed(engine, ids=found) if found else []


def _judgement(row: JudgementRow) -> RecordedJudgement:
    return RecordedJudgement(
        id=row.id,
        kind=row.kind,
        analyst=row.analyst,
        reason=row.reason,
        made_at=as_utc(row.made_at),
        records=tuple(sorted(JudgedRecord(r.side, r.person_id, r.record_key) for r in row.records)),
        revoked_at=None if row.revoked_at is None else as_utc(row.revoked_at),
        revoked_by=row.revoked_by,
        revoke_reason=row.revoke_reason,
    )
