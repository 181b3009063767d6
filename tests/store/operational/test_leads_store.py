"""The leads tables on SQLite and PostgreSQL: one open lead per key, locked once closed,
queues in order, history appended, the migration up and down."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tessera.model.leads import Disposition, EventKind, LeadKey, LeadQuery, LeadState, Unit
from tessera.store.operational import OperationalStore
from tessera.store.operational.lead_sync import (
    AutoClose,
    FindingUpdate,
    NewLead,
    PersonMove,
    SyncPlan,
)
from tessera.store.operational.leads import ClosedLeadError, UnknownLeadError
from tessera.store.operational.migrate import alembic_config
from tests.leadkit import finding

T0 = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)


def later(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def open_leads(store: OperationalStore, *sources: NewLead, at: dt.datetime = T0) -> list[int]:
    return list(store.leads.apply(SyncPlan(creates=sources), "tessera:run-1", 1, at).created)


def new(
    person: str = "P1", code: str = "OVERSTAY", unit: str = "compliance", **kw: object
) -> NewLead:
    source = finding(person, code, **kw)  # type: ignore[arg-type]
    return NewLead(source, unit, None, f"opened from finding {source.finding_id}")


def test_a_new_lead_keeps_its_finding_and_says_how_it_was_opened(store: OperationalStore) -> None:
    [lead_id] = open_leads(store, new())
    lead = store.leads.get(lead_id)
    assert lead is not None
    assert (lead.person_id, lead.code, lead.role, lead.unit) == (
        "P1",
        "OVERSTAY",
        "SUBJECT",
        "compliance",
    )
    assert (lead.state, lead.assignee, lead.disposition) == (LeadState.open, None, None)
    assert lead.evidence == ("arrivals:E1",)
    assert (lead.subject_on, lead.tier, lead.confidence) == (dt.date(2025, 1, 31), "P2", 0.95)
    assert (lead.opened_at, lead.opened_in_run, lead.updated_at) == (T0, 1, T0)
    [event] = store.leads.history(lead_id)
    assert (event.kind, event.actor, event.run_id, event.at) == (
        EventKind.created,
        "tessera:run-1",
        1,
        T0,
    )
    assert event.text.startswith("opened from finding F-P1-OVERSTAY")


def test_only_one_lead_per_person_code_and_role_is_open_at_a_time(store: OperationalStore) -> None:
    [first] = open_leads(store, new())
    with pytest.raises(IntegrityError):
        open_leads(store, new())
    open_leads(store, new(code="FUGITIVE", unit="removal"))  # another code is another lead
    store.leads.dispose(
        first, Disposition.closed_error, "wrong person linked", None, "alice", later(1)
    )
    [again] = open_leads(store, new())  # a closed lead is history: the key is free again
    assert again != first
    key = LeadKey("P1", "OVERSTAY", "SUBJECT")
    assert {k: v.lead_id for k, v in store.leads.last_closed([key]).items()} == {key: first}


def test_assign_note_and_dispose_are_recorded_and_a_closed_lead_is_locked(
    store: OperationalStore,
) -> None:
    [lead_id] = open_leads(store, new())
    assigned = store.leads.assign(lead_id, "bob", "sam", later(1))
    assert (assigned.state, assigned.assignee, assigned.updated_at) == (
        LeadState.assigned,
        "bob",
        later(1),
    )
    store.leads.assign(lead_id, "carol", "sam", later(2))
    store.leads.note(lead_id, "carol", "address confirmed with the school", later(3))
    closed = store.leads.dispose(
        lead_id,
        Disposition.confirmed_referred,
        "departure never recorded",
        "ERO Houston",
        "carol",
        later(4),
    )
    assert (closed.state, closed.disposition, closed.referred_to) == (
        LeadState.closed,
        Disposition.confirmed_referred,
        "ERO Houston",
    )
    assert (closed.closed_at, closed.closed_by, closed.disposition_reason) == (
        later(4),
        "carol",
        "departure never recorded",
    )
    history = [(e.kind, e.actor, e.text) for e in store.leads.history(lead_id)]
    assert history[1:] == [
        (EventKind.assigned, "sam", "to bob"),
        (EventKind.assigned, "sam", "to carol (was bob)"),
        (EventKind.note, "carol", "address confirmed with the school"),
        (
            EventKind.disposition,
            "carol",
            "confirmed_referred to ERO Houston: departure never recorded",
        ),
    ]
    for write in (
        lambda: store.leads.assign(lead_id, "bob", "sam", later(5)),
        lambda: store.leads.note(lead_id, "bob", "one more thing", later(5)),
        lambda: store.leads.dispose(
            lead_id, Disposition.closed_error, "oops", None, "bob", later(5)
        ),
    ):
        with pytest.raises(ClosedLeadError, match=r"closed on 2026-07-01 by carol .*locked"):
            write()
    assert len(store.leads.history(lead_id)) == 5
    assert store.leads.get(lead_id) == closed


def test_writes_to_an_unknown_lead_say_so(store: OperationalStore) -> None:
    with pytest.raises(UnknownLeadError, match="no lead 404"):
        store.leads.note(404, "bob", "hello", T0)
    assert store.leads.get(404) is None


def test_the_database_refuses_a_closed_lead_without_its_disposition(
    store: OperationalStore,
) -> None:
    [lead_id] = open_leads(store, new())
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("UPDATE leads SET state = 'closed' WHERE id = :i"), {"i": lead_id})
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE leads SET state = 'closed', disposition = 'confirmed_referred', "
                "disposition_reason = 'r', closed_at = updated_at, closed_by = 'x' WHERE id = :i"
            ),
            {"i": lead_id},
        )  # a referral names to whom
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("UPDATE leads SET unit = 'parking' WHERE id = :i"), {"i": lead_id})


def test_a_queue_is_most_severe_first_then_by_tier_then_oldest(store: OperationalStore) -> None:
    ids = {}
    for minute, (person, severity, tier) in enumerate(
        [("P1", "low", "P1"), ("P2", "high", None), ("P3", "high", "P3"), ("P4", "high", "P1"),
         ("P5", "medium", "P1"), ("P6", "high", "P1")]
    ):  # fmt: skip
        [ids[person]] = open_leads(
            store, new(person, severity=severity, tier=tier), at=later(minute)
        )
    order = [lead.person_id for lead in store.leads.find(LeadQuery())]
    assert order == ["P4", "P6", "P3", "P2", "P5", "P1"]
    page = store.leads.find(LeadQuery(offset=1, limit=2))
    assert [lead.person_id for lead in page] == ["P6", "P3"]


def test_queue_filters(store: OperationalStore) -> None:
    open_leads(
        store,
        new("P1"),
        new("P2", "FUGITIVE", "removal", severity="high", tier="P1"),
        new("P3", "UNAUTHORIZED_EMPLOYMENT", "worksite"),
    )
    [p1] = [lead.lead_id for lead in store.leads.find(LeadQuery(person_id="P1"))]
    store.leads.assign(p1, "bob", "sam", later(1))

    def people(**kw: object) -> list[str]:
        return sorted(lead.person_id for lead in store.leads.find(LeadQuery(**kw)))  # type: ignore[arg-type]

    assert people() == ["P1", "P2", "P3"]
    assert people(units=(Unit.removal, Unit.worksite)) == ["P2", "P3"]
    assert people(states=(LeadState.assigned,)) == ["P1"]
    assert people(assignee="bob") == ["P1"]
    assert people(codes=("FUGITIVE",)) == ["P2"]
    assert people(severities=("high",)) == ["P2"]
    assert people(tiers=("P1",)) == ["P2"]
    store.leads.dispose(p1, Disposition.closed_no_action, "departed", None, "bob", later(2))
    assert people() == ["P2", "P3"]
    assert people(states=(LeadState.closed,)) == ["P1"]


def test_a_sync_plan_moves_updates_and_closes_only_live_leads(store: OperationalStore) -> None:
    a, b, c = open_leads(store, new("P1"), new("P2"), new("P3"))
    store.leads.dispose(c, Disposition.closed_error, "duplicate record", None, "bob", later(1))
    updated = finding("P9", evidence=("arrivals:E1", "arrivals:E2"))
    plan = SyncPlan(
        moves=(PersonMove(a, "P9", "person P1 is now P9"),),
        closes=(AutoClose(b, "finding no longer produced by run 2"),),
        updates=(
            FindingUpdate(a, updated, "evidence +arrivals:E2"),
            FindingUpdate(c, updated, "x"),
        ),
    )
    done = store.leads.apply(plan, "tessera:run-2", 2, later(2))
    assert (done.moved, done.closed, done.updated, done.skipped) == ((a,), (b,), (a,), (c,))
    moved = store.leads.get(a)
    assert moved is not None
    assert (moved.person_id, moved.evidence, moved.finding_id) == (
        "P9",
        ("arrivals:E1", "arrivals:E2"),
        updated.finding_id,
    )
    auto = store.leads.get(b)
    assert auto is not None
    assert (auto.state, auto.disposition, auto.closed_by) == (
        LeadState.closed,
        Disposition.closed_auto,
        "tessera:run-2",
    )
    assert [e.kind for e in store.leads.history(a)] == [
        EventKind.created,
        EventKind.person_redirected,
        EventKind.finding_updated,
    ]
    assert [e.kind for e in store.leads.history(c)][-1] == EventKind.disposition  # untouched


def test_going_below_0005_drops_the_lead_tables_and_up_restores_them(
    store: OperationalStore,
) -> None:
    assert {"leads", "lead_events"} <= set(inspect(store.engine).get_table_names())
    command.downgrade(alembic_config(store.engine), "0004")
    assert not {"leads", "lead_events"} & set(inspect(store.engine).get_table_names())
    store.migrate()
    assert open_leads(store, new()) == [1]
