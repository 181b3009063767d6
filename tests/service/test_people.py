"""The analysts' person use cases on the published sample: search with its audit entry and
need-to-know, the dossier (statements with their sources, findings with their rule, the
explanation of the ties), redirects, 8 U.S.C. 1367 and partner jurisdictions."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tessera.identity.explain import explain_person
from tessera.identity.person_ids import person_id
from tessera.model.access import PurposeKind, Role
from tessera.publish import publish_results
from tessera.security import Partner, Principal, Purpose
from tessera.service.access import AccessDeniedError, utc_today
from tessera.service.identity import trained_model
from tessera.service.people import (
    BadQueryError,
    PersonQuery,
    UnknownPersonError,
    dossier,
    facts_for,
    find_candidates,
    search_people,
    status_summary,
    subject_facts,
)
from tessera.settings import Settings
from tessera.status.query import Answer
from tessera.store.operational import OperationalStore

LEAD = Purpose(PurposeKind.lead, "L-1", "checking a lead")
CASE = Purpose(PurposeKind.case, "C-1", "trafficking case")
ANALYST = Principal(1, "ana", Role.analyst)
INVESTIGATOR = Principal(2, "ivan", Role.investigator)


def _partner(state: str) -> Principal:
    agreement = Partner("XX0000000", "A Sheriff", frozenset({state}), utc_today())
    return Principal(3, f"deputy-{state.lower()}", Role.partner_officer, partner=agreement)


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None, sql
    return row[0] if len(row) == 1 else row


@pytest.fixture(scope="module")
def workspace(sample_pipeline: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(sample_pipeline.workspace_path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def people_store(
    workspace: duckdb.DuckDBPyConnection, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OperationalStore]:
    """The sample published into a store of its own (tests add audit entries to it)."""
    store = OperationalStore(f"sqlite:///{tmp_path_factory.mktemp('people') / 's.sqlite3'}")
    store.migrate()
    publish_results(workspace, store, run_id=None)
    yield store
    store.dispose()


def _entries(store: OperationalStore, actor: str) -> list[tuple[str, str, str | None]]:
    head = store.audit.head()
    assert head is not None
    return [
        (e.event.action, e.event.outcome, e.event.person_id)
        for e in store.audit.walk(head.seq)
        if e.event.actor == actor
    ]


def _someone(workspace: duckdb.DuckDBPyConnection) -> tuple[str, str, str]:
    """A noncitizen with findings, several records and a full date of birth."""
    return _one(
        workspace,
        "SELECT p.entity_id, r.given || ' ' || r.family, strftime(r.dob, '%Y-%m-%d') "
        "FROM status_people p JOIN record_entities e USING (entity_id) "
        "JOIN person_records r USING (feed, record_id) "
        "WHERE p.standing = 'NONCITIZEN' AND r.dob IS NOT NULL AND r.family IS NOT NULL "
        "AND p.entity_id IN (SELECT entity_id FROM findings) "
        "AND p.entity_id IN "
        "(SELECT entity_id FROM record_entities GROUP BY 1 HAVING count(*) >= 3) "
        "AND p.entity_id NOT IN (SELECT entity_id FROM status_filings WHERE form IN "
        "('I-914', 'I-918')) ORDER BY p.entity_id LIMIT 1",
    )


def test_a_person_is_found_by_name_in_any_order_and_by_identifier(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    pid, name, dob = _someone(workspace)
    given, family = name.split(" ", 1)
    [best, *_] = find_candidates(people_store, PersonQuery(f"{family} {given}", dob))
    assert best.person_id == pid and best.confidence >= 0.9
    assert {r.part for r in best.reasons} >= {"name", "dob"}
    slipped = f"{int(dob[:4]) + 1}{dob[4:]}"  # a year off by one
    found = find_candidates(people_store, PersonQuery(f"{given} {family}", slipped))
    assert pid in [c.person_id for c in found]
    a_number = _one(
        workspace,
        "SELECT a_number FROM person_records WHERE a_number IS NOT NULL ORDER BY a_number LIMIT 1",
    )
    owner = _one(
        workspace,
        f"SELECT e.entity_id FROM person_records p JOIN record_entities e "
        f"USING (feed, record_id) WHERE p.a_number = '{a_number}' LIMIT 1",
    )
    bare = a_number.removeprefix("A")  # as some systems write it
    [hit] = find_candidates(people_store, PersonQuery(identifiers={"a_number": bare}))
    assert hit.person_id == owner and hit.confidence >= 0.9


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (PersonQuery(), "a name or an identifier"),
        (PersonQuery("ANA", "1985-13-01"), "no month"),
        (PersonQuery("ANA", "85-01-01"), "YYYY-MM-DD"),
        (PersonQuery("ANA", sex="Q"), "sex"),
        (PersonQuery(identifiers={"shoe_size": "9"}), "identifier kind"),
        (PersonQuery(identifiers={"ssn": "12"}), "cannot be such an identifier"),
        (PersonQuery("ANA BEA CLAUDIA DORA EVA FLOR GINA HELENA IRIS"), "9 words"),
    ],
)
def test_a_search_that_cannot_run_says_why(
    people_store: OperationalStore, query: PersonQuery, error: str
) -> None:
    with pytest.raises(BadQueryError, match=error):
        find_candidates(people_store, query)


def test_particles_do_not_count_against_the_length_of_a_name(
    people_store: OperationalStore,
) -> None:
    # Nine words, six that key anything: a name, not an abuse of the search.
    find_candidates(people_store, PersonQuery("DE LA CRUZ CAMPOS, MARIA DEL CARMEN ROSA MARIA"))


def test_a_search_is_audited_and_hides_1367_from_those_who_may_not_see(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    victim, name, dob = _one(
        workspace,
        "SELECT e.entity_id, r.given || ' ' || r.family, strftime(r.dob, '%Y-%m-%d') "
        "FROM status_filings f JOIN record_entities e USING (entity_id) "
        "JOIN person_records r USING (feed, record_id) WHERE f.form IN ('I-914', 'I-918') "
        "AND r.family IS NOT NULL AND r.dob IS NOT NULL ORDER BY 1 LIMIT 1",
    )
    query = PersonQuery(name, dob)
    assert victim in [c.person_id for c in find_candidates(people_store, query)]
    assert victim not in [c.person_id for c in search_people(people_store, ANALYST, LEAD, query)]
    assert victim in [c.person_id for c in search_people(people_store, INVESTIGATOR, CASE, query)]
    assert _entries(people_store, "ana")[-1] == ("person:search", "allowed", None)
    with pytest.raises(AccessDeniedError, match="may not act for an oversight purpose"):
        search_people(people_store, INVESTIGATOR, Purpose(PurposeKind.oversight, "O", "x"), query)


def test_a_partner_officer_finds_only_people_with_a_record_in_their_jurisdiction(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    pid, name, dob = _someone(workspace)
    facts = subject_facts(people_store, pid)
    assert facts is not None and facts.jurisdictions
    state = sorted(facts.jurisdictions)[0]
    elsewhere = "WY" if "WY" not in facts.jurisdictions else "VT"
    query = PersonQuery(name, dob)
    case = Purpose(PurposeKind.case, "K-1", "a booking")
    assert pid in [c.person_id for c in search_people(people_store, _partner(state), case, query)]
    shown = search_people(people_store, _partner(elsewhere), case, query)
    assert pid not in [c.person_id for c in shown]
    with pytest.raises(AccessDeniedError, match="jurisdiction"):
        dossier(people_store, _partner(elsewhere), case, pid)


def test_the_dossier_shows_every_value_with_its_sources_and_each_finding_with_its_rule(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    pid, _name, _dob = _someone(workspace)
    found = dossier(people_store, ANALYST, LEAD, pid)
    records = {
        str(r[0])
        for r in workspace.execute(
            f"SELECT feed || ':' || record_id FROM record_entities WHERE entity_id = '{pid}'"
        ).fetchall()
    }
    assert {s for c in found.claims for s in c.sources} == records
    names = [c for c in found.claims if c.property == "name"]
    assert names and all(c.sources and c.first_recorded for c in names)
    assert found.findings and all(f.rule_text and f.legal_basis for f in found.findings)
    assert found.timeline and found.standing == "NONCITIZEN" and found.protection == ()
    assert {r.key for r in found.links.records} == records
    assert ("person:read", "allowed", pid) in _entries(people_store, "ana")


def test_the_explanation_is_the_maximum_spanning_tree_of_the_ties(
    workspace: duckdb.DuckDBPyConnection,
    people_store: OperationalStore,
    sample_pipeline: Settings,
) -> None:
    trained = trained_model(sample_pipeline)
    assert trained is not None
    many = [
        str(r[0])
        for r in workspace.execute(
            "SELECT entity_id FROM record_entities GROUP BY 1 HAVING count(*) BETWEEN 3 AND 6 "
            "ORDER BY 1 LIMIT 25"
        ).fetchall()
    ]
    for pid in many:
        built = dossier(people_store, ANALYST, LEAD, pid).links
        expected = explain_person(workspace, trained, pid)
        weight = sum(t.pair.match_weight for t in expected.ties if t.pair)
        assert sum(t.match_weight or 0 for t in built.ties) == pytest.approx(weight, abs=0.01)
        for tie in built.ties:
            assert tie.prior is not None and tie.features
            total = tie.prior + sum(f.weight + f.tf_adjustment for f in tie.features)
            assert total == pytest.approx(tie.match_weight, abs=0.01)
            assert all(not f.level.startswith("level ") for f in tie.features)


def test_1367_hides_the_dossier_like_an_unknown_person_and_the_log_keeps_why(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    victim = _one(
        workspace,
        "SELECT entity_id FROM status_filings WHERE form IN ('I-914', 'I-918') ORDER BY 1 LIMIT 1",
    )
    analyst = Principal(4, "analyst-1367", Role.analyst)
    with pytest.raises(UnknownPersonError, match=f"no person {victim}"):
        dossier(people_store, analyst, LEAD, victim)
    assert _entries(people_store, "analyst-1367") == [("person:read", "denied", victim)]
    seen = dossier(people_store, INVESTIGATOR, CASE, victim)
    assert seen.protected_1367 and any("1367" in note for note in seen.protection)


def test_an_unknown_or_malformed_id_is_not_found(people_store: OperationalStore) -> None:
    never = person_id(900_000)
    with pytest.raises(UnknownPersonError, match=never):
        dossier(people_store, ANALYST, LEAD, never)
    with pytest.raises(UnknownPersonError):
        dossier(people_store, ANALYST, LEAD, "P-NOT-AN-ID")
    assert subject_facts(people_store, never) is None
    assert status_summary(people_store, never, dt.date(2026, 1, 1)) is None


def test_a_citizens_dossier_says_why_nothing_can_be_done(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    citizen = _one(
        workspace, "SELECT entity_id FROM status_people WHERE standing = 'CITIZEN' ORDER BY 1"
    )
    seen = dossier(people_store, ANALYST, LEAD, citizen)
    assert seen.standing == "CITIZEN" and "citizenship" in seen.protection[0]
    summary = status_summary(people_store, citizen, dt.date(2026, 6, 30))
    assert summary is not None and summary.citizen_keys
    assert set(summary.citizen_keys) <= set(summary.evidence)


def test_the_status_summary_shows_the_periods_covering_a_day_with_their_records(
    workspace: duckdb.DuckDBPyConnection, people_store: OperationalStore
) -> None:
    resident, since, key = _one(
        workspace,
        "SELECT entity_id, valid_from, key FROM status_periods "
        "WHERE kind = 'PERMANENT_RESIDENCE' AND valid_to IS NULL ORDER BY 1 LIMIT 1",
    )
    shown = status_summary(people_store, resident, since + dt.timedelta(days=1))
    assert shown is not None and shown.answer is Answer.SHOWN and shown.can_show_status
    assert key in [p.key for p in shown.periods] and key in shown.evidence
    before = status_summary(people_store, resident, dt.date(1900, 1, 1))
    assert before is not None and before.answer is not Answer.SHOWN
    unknown = _one(
        workspace,
        "SELECT entity_id FROM status_people WHERE standing = 'UNKNOWN' AND entity_id NOT IN "
        "(SELECT entity_id FROM status_periods) ORDER BY 1",
    )
    cannot = status_summary(people_store, unknown, dt.date(2026, 6, 30))
    assert cannot is not None and cannot.answer is Answer.CANNOT_BE_SHOWN
    assert not cannot.can_show_status


def test_an_old_id_leads_to_the_person_who_holds_its_records_and_says_so(
    sample_pipeline: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "workspace.duckdb"
    shutil.copy(sample_pipeline.workspace_path, copy)
    con = duckdb.connect(str(copy))
    live = _one(con, "SELECT entity_id FROM status_people ORDER BY 1")
    merged, gone = person_id(800_001), person_id(800_002)
    con.execute(
        "INSERT INTO person_redirects VALUES "
        "(?, ?, 'merged', now()), (?, NULL, 'withdrawn', now())",
        [merged, live, gone],
    )
    store = OperationalStore(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.migrate()
    publish_results(con, store, run_id=None)
    con.close()
    shown = dossier(store, ANALYST, LEAD, merged)
    assert shown.person_id == live and shown.asked_for == merged
    assert shown.redirected == f"asked for {merged}, merged into {live}"
    facts = subject_facts(store, merged)
    assert facts is not None and facts.person_id == live
    with pytest.raises(UnknownPersonError):
        dossier(store, ANALYST, LEAD, gone)
    store.dispose()


def test_facts_for_many_people_are_the_facts_of_each(
    people_store: OperationalStore, workspace: duckdb.DuckDBPyConnection
) -> None:
    rows = workspace.execute("SELECT entity_id FROM status_people ORDER BY 1 LIMIT 300").fetchall()
    ids = [str(r[0]) for r in rows]
    protected = workspace.execute(
        "SELECT DISTINCT entity_id FROM status_filings WHERE form IN ('I-914', 'I-918') LIMIT 5"
    ).fetchall()
    ids += [str(r[0]) for r in protected]
    bulk = facts_for(people_store, [*ids, "P9999999", "not an id"])
    for asked in [*ids, "P9999999", "not an id"]:
        assert bulk(asked) == subject_facts(people_store, asked), asked
    assert any(f is not None and f.protected_1367 for f in map(bulk, ids))
