"""The audit log for auditors: queries by user, person and date, and a verification that
names the first entry edited, deleted or reordered directly in the database (SQLite and
PostgreSQL), through the service and through ``tessera audit verify``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from typer.testing import CliRunner

from tessera.cli.app import app
from tessera.model.access import PurposeKind, Role
from tessera.model.audit import AuditQuery
from tessera.security import Action, Principal, Purpose, SubjectFacts
from tessera.security.audit_chain import seal
from tessera.service.access import AccessDeniedError, authorize, local_operator
from tessera.service.audit import find_entries, verify_log
from tessera.store.operational import OperationalStore
from tests.accounts import OVERSIGHT

AUDITOR = Principal(3, "auditor", Role.auditor)
LEAD = Purpose(PurposeKind.lead, "L-1", "checking address")


def fill(store: OperationalStore, entries: int = 6) -> None:
    """``entries`` accesses by two analysts to three people."""
    for i in range(entries):
        analyst = Principal(1 + i % 2, f"analyst{i % 2}", Role.analyst)
        subject = SubjectFacts(f"P-{i % 3}")
        authorize(store, analyst, Action.person_read, LEAD, subject)


def test_an_auditor_finds_entries_by_user_and_person(access_store: OperationalStore) -> None:
    fill(access_store)
    start = dt.datetime.now(dt.UTC)
    by_user = find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(actor="analyst1"))
    assert [e.seq for e in by_user] == [6, 4, 2]
    by_person = find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(person_id="P-0"))
    assert [(e.seq, e.event.actor) for e in by_person] == [(4, "analyst1"), (1, "analyst0")]
    later = find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(since=start))
    # The two reads above, and this one: it is logged before it runs, so it sees itself.
    assert [(e.seq, e.event.action) for e in later] == [
        (9, "audit:read"),
        (8, "audit:read"),
        (7, "audit:read"),
    ]
    until = find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(until=start, limit=2))
    assert [e.seq for e in until] == [6, 5]


def test_an_auditor_finds_entries_by_action_and_outcome(access_store: OperationalStore) -> None:
    fill(access_store, 4)
    partner_less = Principal(9, "admin", Role.admin)
    with pytest.raises(AccessDeniedError):
        authorize(access_store, partner_less, Action.person_read, LEAD, SubjectFacts("P-0"))
    denied = find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(outcome="denied"))
    assert [(e.seq, e.event.actor) for e in denied] == [(5, "admin")]
    reads = AuditQuery(action="person:read", outcome="allowed")
    assert [e.seq for e in find_entries(access_store, AUDITOR, OVERSIGHT, reads)] == [4, 3, 2, 1]
    head = access_store.audit.head()
    assert head is not None
    last = list(access_store.audit.walk(head.seq))[-1].event
    assert last.action == "audit:read" and last.target is not None
    assert "action=person:read outcome=allowed" in last.target  # the read says what it sought


def test_reading_the_log_is_itself_logged(access_store: OperationalStore) -> None:
    fill(access_store, 1)
    find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(person_id="P-0", limit=5))
    read = next(e for e in access_store.audit.walk(2) if e.seq == 2)
    assert (read.event.action, read.event.target) == (
        "audit:read",
        "audit query person=P-0 limit=5",
    )
    assert (read.event.purpose_kind, read.event.purpose_text) == (
        "oversight",
        "monthly access review",
    )


@pytest.mark.parametrize(
    ("who", "purpose", "why"),
    [
        (Principal(1, "alice", Role.analyst), OVERSIGHT, "an analyst may not read the audit log"),
        (Principal(2, "root", Role.admin), OVERSIGHT, "an admin may not read the audit log"),
        (AUDITOR, LEAD, "an auditor may not act for a lead purpose"),
    ],
)
def test_only_auditors_read_the_log_and_only_for_oversight(
    access_store: OperationalStore, who: Principal, purpose: Purpose, why: str
) -> None:
    with pytest.raises(AccessDeniedError, match=why):
        find_entries(access_store, who, purpose, AuditQuery())
    [refusal] = access_store.audit.walk(1)
    assert (refusal.event.actor, refusal.event.outcome) == (who.username, "denied")


def test_an_untouched_log_verifies_and_the_check_is_logged(access_store: OperationalStore) -> None:
    fill(access_store)
    result = verify_log(access_store, AUDITOR, OVERSIGHT)
    assert (result.entries, result.problem) == (6, None)
    assert result.head is not None and result.head.seq == 6
    again = verify_log(access_store, AUDITOR, OVERSIGHT)
    assert (again.entries, again.problem) == (7, None)  # the first check's own entry
    [entry] = find_entries(access_store, AUDITOR, OVERSIGHT, AuditQuery(limit=1, before_seq=9))
    assert (entry.event.action, entry.event.target) == ("audit:verify", "chain whole")


def test_verifying_is_for_auditors_and_admins(access_store: OperationalStore) -> None:
    with pytest.raises(AccessDeniedError):
        verify_log(access_store, Principal(1, "alice", Role.analyst), OVERSIGHT)
    admin = local_operator(Role.admin)
    administration = Purpose(PurposeKind.administration, "T-2", "after restore")
    assert verify_log(access_store, admin, administration).problem is None


def _edit(c: Connection) -> None:
    c.execute(text("UPDATE audit_log SET person_id = 'P-elsewhere' WHERE seq = 3"))


def _edit_time(c: Connection) -> None:
    c.execute(text("UPDATE audit_log SET at = :at WHERE seq = 3"), {"at": dt.datetime(2020, 1, 1)})


def _edit_purpose(c: Connection) -> None:
    c.execute(text("UPDATE audit_log SET purpose_text = 'routine' WHERE seq = 5"))


def _delete(c: Connection) -> None:
    c.execute(text("DELETE FROM audit_log WHERE seq = 3"))


def _reorder(c: Connection) -> None:
    c.execute(text("UPDATE audit_log SET seq = -1 WHERE seq = 3"))
    c.execute(text("UPDATE audit_log SET seq = 3 WHERE seq = 4"))
    c.execute(text("UPDATE audit_log SET seq = 4 WHERE seq = -1"))


def _cut_tail(c: Connection) -> None:
    c.execute(text("DELETE FROM audit_log WHERE seq > 4"))


def _delete_head(c: Connection) -> None:
    c.execute(text("DELETE FROM audit_head"))


TAMPERING: list[tuple[Callable[[Connection], None], int, str]] = [
    (_edit, 3, "audit entry 3: was altered"),
    (_edit_time, 3, "audit entry 3: was altered"),
    (_edit_purpose, 5, "audit entry 5: was altered"),
    (_delete, 3, "audit entry 3: is missing (the next entry stored is 4)"),
    (_reorder, 3, "audit entry 3: does not follow entry 2"),
    (_cut_tail, 5, "audit entry 5: is missing: the log ends at entry 4 but its head is at 6"),
    (_delete_head, 0, "audit entry 0: the log's head row is missing"),
]


@pytest.mark.parametrize(
    ("tamper", "seq", "message"), TAMPERING, ids=lambda x: getattr(x, "__name__", x)
)
def test_tampering_in_the_database_is_named_at_the_first_bad_entry(
    access_store: OperationalStore,
    tamper: Callable[[Connection], None],
    seq: int,
    message: str,
) -> None:
    fill(access_store)
    with access_store.engine.begin() as connection:
        tamper(connection)
    result = verify_log(access_store, AUDITOR, OVERSIGHT)
    assert result.problem is not None
    assert result.problem.seq == seq
    assert str(result.problem).startswith(message)
    assert result.entries == max(seq - 1, 0)  # the entries before it are still vouched for


def test_an_edit_with_a_recomputed_hash_is_named_at_the_next_entry(
    access_store: OperationalStore,
) -> None:
    fill(access_store)
    [third] = [e for e in access_store.audit.walk(3) if e.seq == 3]
    forged = third.event.__class__(**{**third.event.__dict__, "person_id": "P-elsewhere"})
    forged_hash = seal(3, forged, third.prev_hash)
    with access_store.engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_log SET person_id = 'P-elsewhere', entry_hash = :h WHERE seq = 3"),
            {"h": forged_hash},
        )
    problem = verify_log(access_store, AUDITOR, OVERSIGHT).problem
    assert problem is not None and problem.seq == 4
    assert "does not follow entry 3" in problem.message


def test_tessera_audit_verify_exits_non_zero_naming_the_first_bad_entry(
    access_store: OperationalStore, store_url: str, tmp_path: Path
) -> None:
    fill(access_store)
    runner = CliRunner()
    args = ["audit", "verify", "--data-dir", str(tmp_path)]
    env = {"TESSERA_STORE_URL": store_url}
    whole = runner.invoke(app, args, env=env)
    assert whole.exit_code == 0, whole.output
    assert "audit log whole: 6 entries verified; head 6" in whole.output
    with access_store.engine.begin() as connection:
        _edit(connection)
    broken = runner.invoke(app, args, env=env)
    assert broken.exit_code == 1
    assert "audit log BROKEN: audit entry 3: was altered" in broken.output
