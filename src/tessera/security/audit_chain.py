"""The audit log's hash chain: how an entry is sealed, and how the whole log is checked.

Each entry's hash is the SHA-256 of a canonical JSON of its sequence number, its content
and the previous entry's hash (the first entry follows ``GENESIS``). Changing an entry
breaks its own hash; recomputing that hash breaks the next entry's link; removing or
reordering entries breaks the sequence or a link; cutting entries off the end leaves the
stored head (the newest entry's number and hash) pointing past the log. ``first_problem``
names the first entry where any of that shows.

What a chain cannot show: someone able to rewrite every row *and* the head. Against that,
note the head ``tessera audit verify`` prints somewhere else (ADR 0009).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from tessera.model.audit import AuditEntry, AuditEvent, AuditHead

GENESIS = "0" * 64
"""The previous hash of the first entry."""

CHAIN_FORMAT = 1
"""Sealed into every hash, so that a future change of the canonical form is explicit."""


@dataclass(frozen=True)
class ChainProblem:
    """The first entry where the log is not what was written: its number and what is wrong."""

    seq: int
    message: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.message}"


def _instant(at: dt.datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("audit timestamps are timezone-aware")
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(seq: int, event: AuditEvent, prev_hash: str) -> bytes:
    """The bytes an entry's hash covers: sorted keys, no spaces, UTF-8, every field named
    explicitly (a new field is a new ``CHAIN_FORMAT``, never a silent change)."""
    fields = {
        "format": CHAIN_FORMAT,
        "seq": seq,
        "prev_hash": prev_hash,
        "at": _instant(event.at),
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
    }
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def seal(seq: int, event: AuditEvent, prev_hash: str) -> str:
    """The hash of entry ``seq`` holding ``event`` after an entry hashed ``prev_hash``."""
    return hashlib.sha256(canonical(seq, event, prev_hash)).hexdigest()


def _entry_problem(entry: AuditEntry, seq: int, prev_hash: str) -> ChainProblem | None:
    if entry.seq != seq:
        return ChainProblem(seq, f"is missing (the next entry stored is {entry.seq})")
    if entry.prev_hash != prev_hash:
        return ChainProblem(
            seq,
            f"does not follow entry {seq - 1}: the hash it links to is not entry "
            f"{seq - 1}'s (entries were changed, removed or reordered)",
        )
    if seal(entry.seq, entry.event, entry.prev_hash) != entry.entry_hash:
        return ChainProblem(seq, "was altered: its content no longer matches its hash")
    return None


def first_problem(entries: Iterable[AuditEntry], head: AuditHead | None) -> ChainProblem | None:
    """The first place where ``entries`` (in sequence order, up to the head) stop being the
    chain that was written, or ``None`` if every entry and the head check out."""
    if head is None:
        return ChainProblem(0, "the log's head row is missing")
    seq, prev_hash = 0, GENESIS
    for entry in entries:
        problem = _entry_problem(entry, seq + 1, prev_hash)
        if problem is not None:
            return problem
        seq, prev_hash = entry.seq, entry.entry_hash
    if head.seq != seq:
        return ChainProblem(
            seq + 1, f"is missing: the log ends at entry {seq} but its head is at {head.seq}"
        )
    if head.entry_hash != prev_hash:
        return ChainProblem(seq, "does not match the log's head: the newest entry was changed")
    return None
