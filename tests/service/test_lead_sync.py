"""``sync_leads``: leads follow each run's findings -- opened, updated, moved with their
person, closed when the finding goes, never reopened -- and a second run on the same
findings changes nothing."""

from __future__ import annotations

from collections.abc import Sequence

from tessera.model.leads import Disposition, EventKind, LeadQuery, LeadSource, LeadState
from tessera.security import SubjectFacts
from tessera.service.leads import Lead, LeadSync, sync_leads
from tessera.store.operational import OperationalStore
from tests.leadkit import finding


def unprotected(person_id: str) -> SubjectFacts | None:
    return None


def sync(
    store: OperationalStore,
    findings: Sequence[LeadSource],
    run_id: int = 1,
    redirects: dict[str, str] | None = None,
) -> LeadSync:
    return sync_leads(store, findings, redirects or {}, run_id, facts=unprotected)


def live(store: OperationalStore) -> dict[tuple[str, str, str], Lead]:
    return {(x.person_id, x.code, x.role): x for x in store.leads.find(LeadQuery())}


def kinds(store: OperationalStore, lead: Lead) -> list[EventKind]:
    return [e.kind for e in store.leads.history(lead.lead_id)]


RUN_ONE = [
    finding("P1"),
    finding("P2", "FUGITIVE", severity="high", tier="P1", evidence=("court:C1",)),
    finding("P3", "SHARED_IDENTIFIER", "USER", evidence=("employment:I1",)),
    finding("P4", "SHARED_IDENTIFIER", "OWNER", severity="victim", tier=None),
    finding("P5", "STATUS_UNVERIFIED", severity="info", tier=None),
    finding("P6", "SOME_FUTURE_CODE"),
]


def test_findings_open_leads_in_the_unit_that_works_them(access_store: OperationalStore) -> None:
    result = sync(access_store, RUN_ONE)
    assert (result.created, result.unrouted) == (5, 1)
    units = {key: lead.unit for key, lead in live(access_store).items()}
    assert units == {
        ("P1", "OVERSTAY", "SUBJECT"): "compliance",
        ("P2", "FUGITIVE", "SUBJECT"): "removal",
        ("P3", "SHARED_IDENTIFIER", "USER"): "fraud",
        ("P4", "SHARED_IDENTIFIER", "OWNER"): "victims",
        ("P5", "STATUS_UNVERIFIED", "SUBJECT"): "compliance",
    }
    lead = live(access_store)[("P2", "FUGITIVE", "SUBJECT")]
    assert (lead.state, lead.opened_in_run, lead.evidence) == (LeadState.open, 1, ("court:C1",))


def test_the_same_findings_twice_change_nothing(access_store: OperationalStore) -> None:
    sync(access_store, RUN_ONE)
    before = live(access_store)
    events = {k: kinds(access_store, x) for k, x in before.items()}
    again = sync(access_store, RUN_ONE, run_id=2)
    assert again == LeadSync(unchanged=5, unrouted=1)
    assert live(access_store) == before
    assert {k: kinds(access_store, x) for k, x in before.items()} == events


def test_several_findings_of_one_key_make_one_lead_led_by_the_most_urgent(
    access_store: OperationalStore,
) -> None:
    first = finding("P1", evidence=("arrivals:E1",), severity="medium", detail="first stay")
    second = finding("P1", evidence=("arrivals:E7",), severity="high", detail="second stay")
    assert sync(access_store, [first, second]).created == 1
    lead = live(access_store)[("P1", "OVERSTAY", "SUBJECT")]
    assert (lead.finding_id, lead.severity) == (second.finding_id, "high")
    assert lead.evidence == ("arrivals:E1", "arrivals:E7")
    assert lead.detail == "second stay; first stay"
    assert sync(access_store, [second, first]).unchanged == 1  # order of findings is no change


def test_a_changed_finding_updates_its_lead_and_says_what_changed(
    access_store: OperationalStore,
) -> None:
    sync(access_store, [finding("P1")])
    grown = finding("P1", evidence=("arrivals:E1", "arrivals:E2"), tier="P1")
    assert sync(access_store, [grown], run_id=2).updated == 1
    lead = live(access_store)[("P1", "OVERSTAY", "SUBJECT")]
    assert (lead.finding_id, lead.evidence, lead.tier) == (
        grown.finding_id,
        ("arrivals:E1", "arrivals:E2"),
        "P1",
    )
    last = access_store.leads.history(lead.lead_id)[-1]
    assert (last.kind, last.run_id, last.actor) == (EventKind.finding_updated, 2, "tessera:run-2")
    assert "evidence +arrivals:E2" in last.text and "tier P2 -> P1" in last.text


def test_a_lead_follows_its_person_through_a_redirect(access_store: OperationalStore) -> None:
    sync(access_store, [finding("P1", finding_id="F1")])
    result = sync(access_store, [finding("P9", finding_id="F1")], 2, {"P1": "P8", "P8": "P9"})
    assert (result.moved, result.created, result.updated, result.closed) == (1, 0, 0, 0)
    [(key, lead)] = live(access_store).items()
    assert key == ("P9", "OVERSTAY", "SUBJECT")
    last = access_store.leads.history(lead.lead_id)[-1]
    assert last.kind is EventKind.person_redirected
    assert last.text.startswith("person P1 is now P9: run 2 regrouped the records")


def test_two_leads_merged_into_one_person_become_one(access_store: OperationalStore) -> None:
    sync(access_store, [finding("P1", finding_id="F1"), finding("P2", finding_id="F2")])
    before = live(access_store)
    kept, dropped = before[("P2", "OVERSTAY", "SUBJECT")], before[("P1", "OVERSTAY", "SUBJECT")]
    result = sync(access_store, [finding("P2", finding_id="F2")], 2, {"P1": "P2"})
    assert (result.closed, result.unchanged, result.moved) == (1, 1, 0)
    assert list(live(access_store).values()) == [kept]
    closed = access_store.leads.get(dropped.lead_id)
    assert closed is not None and closed.disposition is Disposition.closed_auto
    assert closed.disposition_reason == (
        f"person P1 is now P2 (run 2), who has lead {kept.lead_id} for the same finding: "
        "that lead carries on"
    )


def test_a_finding_that_disappears_closes_its_lead_with_the_reason(
    access_store: OperationalStore,
) -> None:
    sync(access_store, [finding("P1"), finding("P2")])
    lead = live(access_store)[("P1", "OVERSTAY", "SUBJECT")]
    access_store.leads.assign(lead.lead_id, "bob", "sam", lead.updated_at)
    result = sync(access_store, [finding("P2")], run_id=12)
    assert (result.closed, result.unchanged) == (1, 1)
    closed = access_store.leads.get(lead.lead_id)
    assert closed is not None
    assert (closed.state, closed.disposition, closed.closed_by) == (
        LeadState.closed,
        Disposition.closed_auto,
        "tessera:run-12",
    )
    assert closed.disposition_reason == (
        "finding no longer produced by run 12: the records that supported it changed"
    )
    assert kinds(access_store, closed)[-1] is EventKind.auto_closed
    assert sync(access_store, [finding("P2")], run_id=13) == LeadSync(unchanged=1)


def test_a_returning_finding_opens_a_new_lead_that_names_the_closed_one(
    access_store: OperationalStore,
) -> None:
    sync(access_store, [finding("P1")])
    old = live(access_store)[("P1", "OVERSTAY", "SUBJECT")]
    sync(access_store, [], run_id=2)
    assert sync(access_store, [finding("P1")], run_id=3).created == 1
    new = live(access_store)[("P1", "OVERSTAY", "SUBJECT")]
    assert new.lead_id != old.lead_id and new.previous_lead_id == old.lead_id
    [created] = access_store.leads.history(new.lead_id)
    assert created.text.endswith(f"the finding came back after lead {old.lead_id} was closed")
    reopened = access_store.leads.get(old.lead_id)
    assert reopened is not None and reopened.state is LeadState.closed  # locked for good


def test_a_finding_a_person_disposed_of_opens_nothing_until_it_changes(
    access_store: OperationalStore,
) -> None:
    sync(access_store, [finding("P1")])
    lead = live(access_store)[("P1", "OVERSTAY", "SUBJECT")]
    access_store.leads.dispose(
        lead.lead_id, Disposition.closed_no_action, "departed by land", None, "bob", lead.opened_at
    )
    assert sync(access_store, [finding("P1")], run_id=2) == LeadSync(already_disposed=1)
    assert live(access_store) == {}
    changed = finding("P1", evidence=("arrivals:E1", "arrivals:E5"))
    assert sync(access_store, [changed], run_id=3).created == 1
    assert live(access_store)[("P1", "OVERSTAY", "SUBJECT")].previous_lead_id == lead.lead_id


def test_no_enforcement_lead_on_a_protected_person_whatever_the_findings_say(
    access_store: OperationalStore,
) -> None:
    sync(access_store, [finding("P7")])

    def facts(person_id: str) -> SubjectFacts:
        return SubjectFacts(person_id, protected_1367=person_id == "P7")

    victim = finding("P7", "SHARED_IDENTIFIER", "OWNER", severity="victim", tier=None)
    result = sync_leads(access_store, [finding("P7"), victim], {}, 2, facts=facts)
    assert (result.refused_protected, result.created, result.closed) == (1, 1, 1)
    assert set(live(access_store)) == {("P7", "SHARED_IDENTIFIER", "OWNER")}
    [closed] = access_store.leads.find(LeadQuery(states=(LeadState.closed,)))
    assert closed.disposition_reason == (
        "P7 is protected by 8 U.S.C. 1367: no enforcement lead stands (run 2)"
    )
