"""The audit log's storage: appends that never fork the chain, and reads for auditors.

Appends are serialised by the head row. The first statement of every append is an
``UPDATE`` of that row: on PostgreSQL it takes the row's lock (as ``SELECT ... FOR
UPDATE`` would) and waits for any other append to commit, then sees its result; on SQLite
it takes the database's write lock before anything is read. Only then is the previous
hash read, the entry sealed and inserted, and the head moved -- all in one transaction,
so two appends can never both follow the same entry.

How an entry is sealed is not this module's business: the caller passes ``seal`` (the
service passes ``tessera.security.audit_chain.seal``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.orm import Session

from tessera.model.audit import AuditEntry, AuditEvent, AuditHead, AuditQuery
from tessera.store.operational.schema_access import AuditEntryRow, AuditHeadRow
from tessera.store.operational.timestamps import as_utc

Sealer = Callable[[int, AuditEvent, str], str]
"""``seal(seq, event, prev_hash) -> entry_hash``."""

MAX_PAGE = 1000


class AuditHeadMissingError(RuntimeError):
    """The head row is gone: the log was tampered with, and nothing more is appended."""


def _entry(row: AuditEntryRow) -> AuditEntry:
    event = AuditEvent(
        at=as_utc(row.at),
        actor=row.actor,
        actor_role=row.actor_role,
        action=row.action,
        outcome=row.outcome,
        reason=row.reason,
        person_id=row.person_id,
        target=row.target,
        purpose_kind=row.purpose_kind,
        purpose_ref=row.purpose_ref,
        purpose_text=row.purpose_text,
    )
    return AuditEntry(row.seq, event, row.prev_hash, row.entry_hash)


def _values(seq: int, event: AuditEvent, prev_hash: str, entry_hash: str) -> dict[str, object]:
    return {
        "seq": seq,
        "at": event.at.astimezone(dt.UTC),  # SQLite keeps no offset: store UTC, read back UTC
        "actor": event.actor,
        "actor_role": event.actor_role,
        "action": event.action,
        "outcome": event.outcome,
        "reason": event.reason,
        "person_id": event.person_id,
        "target": event.target,
        "purpose_kind": event.purpose_kind,
        "purpose_ref": event.purpose_ref,
        "purpose_text": event.purpose_text,
        "prev_hash": prev_hash,
        "entry_hash": entry_hash,
    }


def append_in(
    connection: Connection, events: Sequence[AuditEvent], seal: Sealer
) -> list[AuditEntry]:
    """Add ``events`` to the chain inside ``connection``'s open transaction, whatever else
    it writes (a status query files its answer and the entries of what it disclosed in
    one commit). Call it before the transaction's other writes: its first statement takes
    the head row's lock, so the transaction holds the chain's order from the start.

    Plain statements, no ORM unit of work: every read of a person appends here, so this
    is the busiest write in the service."""
    if not events:
        return []
    claimed = connection.execute(
        update(AuditHeadRow)
        .where(AuditHeadRow.id == 1)
        .values(seq=AuditHeadRow.seq + len(events))
        .returning(AuditHeadRow.seq, AuditHeadRow.entry_hash)
    ).first()
    if claimed is None:
        raise AuditHeadMissingError("the audit log's head row is missing")
    # The head now counts the whole batch but still holds the hash of the entry before
    # it: the batch chains on from there.
    seq, previous = claimed.seq - len(events), claimed.entry_hash
    entries = []
    for event in events:
        seq += 1
        entries.append(AuditEntry(seq, event, previous, seal(seq, event, previous)))
        previous = entries[-1].entry_hash
    connection.execute(
        insert(AuditEntryRow), [_values(e.seq, e.event, e.prev_hash, e.entry_hash) for e in entries]
    )
    connection.execute(update(AuditHeadRow).where(AuditHeadRow.id == 1).values(entry_hash=previous))
    return entries


class AuditLog:
    """The audit log of one operational store."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def append(self, event: AuditEvent, seal: Sealer) -> AuditEntry:
        """Add ``event`` as the newest entry, sealed after the current newest one."""
        return self.append_all([event], seal)[0]

    def append_all(self, events: Sequence[AuditEvent], seal: Sealer) -> list[AuditEntry]:
        """Add ``events`` in order, in one transaction: one use case that touches several
        people (a status query disclosing its candidates) leaves all its entries or none."""
        if not events:
            return []
        with self._engine.begin() as connection:
            return append_in(connection, events, seal)

    def head(self) -> AuditHead | None:
        with Session(self._engine) as session:
            row = session.get(AuditHeadRow, 1)
            return None if row is None else AuditHead(row.seq, row.entry_hash)

    def walk(self, through: int, batch: int = 5000) -> Iterator[AuditEntry]:
        """Every entry up to ``through``, oldest first, read in batches (the log is big)."""
        after = 0
        while True:
            with Session(self._engine) as session:
                rows = session.scalars(
                    select(AuditEntryRow)
                    .where(AuditEntryRow.seq > after, AuditEntryRow.seq <= through)
                    .order_by(AuditEntryRow.seq)
                    .limit(batch)
                ).all()
                entries = [_entry(r) for r in rows]
            yield from entries
            if len(entries) < batch:
                return
            after = entries[-1].seq

    def find(self, query: AuditQuery) -> list[AuditEntry]:
        """Entries matching ``query``, newest first, at most ``query.limit`` of them."""
        if not 1 <= query.limit <= MAX_PAGE:
            raise ValueError(f"limit must be 1 to {MAX_PAGE}, not {query.limit}")
        statement = select(AuditEntryRow)
        if query.actor is not None:
            statement = statement.where(AuditEntryRow.actor == query.actor)
        if query.person_id is not None:
            statement = statement.where(AuditEntryRow.person_id == query.person_id)
        if query.action is not None:
            statement = statement.where(AuditEntryRow.action == query.action)
        if query.outcome is not None:
            statement = statement.where(AuditEntryRow.outcome == query.outcome)
        if query.since is not None:
            statement = statement.where(AuditEntryRow.at >= query.since.astimezone(dt.UTC))
        if query.until is not None:
            statement = statement.where(AuditEntryRow.at < query.until.astimezone(dt.UTC))
        if query.before_seq is not None:
            statement = statement.where(AuditEntryRow.seq < query.before_seq)
        statement = statement.order_by(AuditEntryRow.seq.desc()).limit(query.limit)
        with Session(self._engine) as session:
            return [_entry(r) for r in session.scalars(statement)]
