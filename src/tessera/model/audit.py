"""What the audit log holds: one entry per access to Tessera's records, hash-chained.

The types live in the model because three layers share them: the operational store keeps
them, ``tessera.security.audit_chain`` seals and checks them, the service writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditEvent:
    """One access as it happened: who, in which role, did what, to whom, why, and how the
    access decision came out. ``at`` is timezone-aware UTC."""

    at: dt.datetime
    actor: str
    actor_role: str | None
    action: str
    outcome: str
    reason: str
    person_id: str | None = None
    target: str | None = None
    purpose_kind: str | None = None
    purpose_ref: str | None = None
    purpose_text: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """An event as stored: its place in the chain, the previous entry's hash and its own."""

    seq: int
    event: AuditEvent
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True)
class AuditHead:
    """The newest entry's sequence number and hash, kept beside the log so that cutting
    entries off its end is as visible as changing one in the middle."""

    seq: int
    entry_hash: str


@dataclass(frozen=True)
class AuditQuery:
    """What an auditor asks the log for; every filter is optional, ``until`` exclusive."""

    actor: str | None = None
    person_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 100
    before_seq: int | None = None
    """For paging backwards: only entries older than this one."""
    action: str | None = None
    outcome: str | None = None
