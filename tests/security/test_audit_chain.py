"""The hash chain on plain entries: every kind of tampering shows at the first bad entry."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tessera.model.audit import AuditEntry, AuditEvent, AuditHead
from tessera.security.audit_chain import GENESIS, canonical, first_problem, seal

T0 = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


def event(i: int) -> AuditEvent:
    return AuditEvent(
        at=T0 + dt.timedelta(seconds=i),
        actor=f"user{i % 3}",
        actor_role="analyst",
        action="person:read",
        outcome="allowed",
        reason="an analyst may read a person's records",
        person_id=f"P-{i}",
        purpose_kind="lead",
        purpose_ref=f"L{i}",
        purpose_text="checking address",
    )


def chain(n: int) -> tuple[list[AuditEntry], AuditHead]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        entry_hash = seal(seq, event(seq), prev)
        entries.append(AuditEntry(seq, event(seq), prev, entry_hash))
        prev = entry_hash
    return entries, AuditHead(n, prev)


def test_an_untouched_chain_has_no_problem() -> None:
    entries, head = chain(6)
    assert first_problem(entries, head) is None
    assert first_problem([], AuditHead(0, GENESIS)) is None


def test_the_hash_covers_every_field_the_sequence_and_the_link() -> None:
    base = seal(3, event(3), "a" * 64)
    for name in (f.name for f in dataclasses.fields(AuditEvent)):
        value = getattr(event(3), name)
        changed = value + dt.timedelta(microseconds=1) if name == "at" else f"{value}x"
        assert seal(3, dataclasses.replace(event(3), **{name: changed}), "a" * 64) != base, name
    assert seal(4, event(3), "a" * 64) != base
    assert seal(3, event(3), "b" * 64) != base


def test_the_canonical_form_is_stable_json_in_utc() -> None:
    shifted = dataclasses.replace(event(1), at=T0.astimezone(dt.timezone(dt.timedelta(hours=5))))
    text = canonical(1, shifted, GENESIS).decode()
    assert '"at":"2026-06-30T12:00:01.000000Z"' not in text  # shifted is T0 itself, not T0+1s
    assert '"at":"2026-06-30T12:00:00.000000Z"' in text
    assert text.startswith('{"action":"person:read","actor":"user1"')
    with pytest.raises(ValueError, match="timezone-aware"):
        canonical(1, dataclasses.replace(event(1), at=T0.replace(tzinfo=None)), GENESIS)


def test_an_edited_entry_is_named() -> None:
    entries, head = chain(6)
    entries[2] = dataclasses.replace(
        entries[2], event=dataclasses.replace(event(3), outcome="denied")
    )
    problem = first_problem(entries, head)
    assert problem is not None and problem.seq == 3
    assert str(problem) == "audit entry 3: was altered: its content no longer matches its hash"


def test_an_edited_and_resealed_entry_breaks_the_next_link() -> None:
    entries, head = chain(6)
    forged = dataclasses.replace(event(3), person_id="P-elsewhere")
    entries[2] = AuditEntry(
        3, forged, entries[1].entry_hash, seal(3, forged, entries[1].entry_hash)
    )
    problem = first_problem(entries, head)
    assert problem is not None and problem.seq == 4
    assert "does not follow entry 3" in problem.message


def test_a_removed_entry_is_named() -> None:
    entries, head = chain(6)
    del entries[3]
    problem = first_problem(entries, head)
    assert problem is not None
    assert str(problem) == "audit entry 4: is missing (the next entry stored is 5)"


def test_reordered_entries_are_named_at_the_first_out_of_place() -> None:
    entries, head = chain(6)
    swapped = [
        *entries[:2],
        dataclasses.replace(entries[3], seq=3),
        dataclasses.replace(entries[2], seq=4),
        *entries[4:],
    ]
    problem = first_problem(swapped, head)
    assert problem is not None and problem.seq == 3


def test_entries_cut_off_the_end_leave_the_head_pointing_past_the_log() -> None:
    entries, head = chain(6)
    problem = first_problem(entries[:4], head)
    assert problem is not None
    assert str(problem) == "audit entry 5: is missing: the log ends at entry 4 but its head is at 6"


def test_a_changed_newest_entry_or_head_is_named() -> None:
    entries, _ = chain(3)
    problem = first_problem(entries, AuditHead(3, "f" * 64))
    assert problem is not None and problem.seq == 3 and "head" in problem.message
    assert first_problem(entries, None) is not None
