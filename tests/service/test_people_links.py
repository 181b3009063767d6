"""The dossier screen's own use cases on the published sample: the explanation of two of a
person's records (its weights add up; audited; no door to other people's records), the
link chart (identifiers, employers, and the people who share an identifier -- only
those the reader may see), and search results with their standing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tessera.model.access import PurposeKind, Role
from tessera.security import Partner, Principal, Purpose
from tessera.security.jurisdiction import within
from tessera.service.access import AccessDeniedError, utc_today
from tessera.service.errors import InvalidRequestError
from tessera.service.operational import operational_store
from tessera.service.people import PersonQuery, dossier, subject_facts
from tessera.service.people_links import explain_records, link_chart, search_with_standing
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.store.workspace import open_workspace

CASE = Purpose(PurposeKind.case, "C-9", "identity review")
ANALYST = Principal(1, "ana", Role.analyst)


@dataclass(frozen=True)
class Sample:
    settings: Settings
    store: OperationalStore


@pytest.fixture
def sample(sample_pipeline: Settings, tmp_path: Path) -> Iterator[Sample]:
    """A private copy of the published sample (the pair explanation opens the workspace
    for writing, and every use case appends to the audit log)."""
    shutil.copytree(sample_pipeline.data_dir, tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data")
    with operational_store(settings) as store:
        yield Sample(settings, store)


def _rows(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    con = open_workspace(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _last_entry(store: OperationalStore) -> tuple[str, str, str | None, str | None, str | None]:
    head = store.audit.head()
    assert head is not None
    event = list(store.audit.walk(head.seq))[-1].event
    return event.action, event.outcome, event.person_id, event.target, event.purpose_ref


def _partner(jurisdiction: str) -> Principal:
    agreement = Partner("XX0000000", "A Sheriff", frozenset({jurisdiction}), utc_today())
    return Principal(3, "deputy", Role.partner_officer, partner=agreement)


def _with_records(settings: Settings, at_least: int) -> tuple[str, list[str]]:
    [(person, keys)] = _rows(
        settings,
        "SELECT entity_id, list(feed || ':' || record_id ORDER BY feed, record_id) "
        "FROM record_entities GROUP BY 1 HAVING count(*) >= "
        f"{int(at_least)} ORDER BY 1 LIMIT 1",
    )
    assert isinstance(keys, list)
    return str(person), [str(k) for k in keys]


def test_two_records_are_explained_feature_by_feature_and_the_read_is_audited(
    sample: Sample,
) -> None:
    person, keys = _with_records(sample.settings, 3)
    view = explain_records(
        sample.settings, sample.store, ANALYST, CASE, person, (keys[0], keys[-1])
    )
    pair = view.pair
    assert {pair.record_l, pair.record_r} == {keys[0], keys[-1]}
    assert pair.features
    assert pair.prior + sum(f.total for f in pair.features) == pytest.approx(
        pair.match_weight, abs=0.01
    )
    assert view.person_l == view.person_r == person
    assert _last_entry(sample.store) == (
        "person:read",
        "allowed",
        person,
        f"pair {keys[0]} {keys[-1]}",
        "C-9",
    )


def test_a_record_the_person_does_not_hold_is_refused_after_the_audit_entry(
    sample: Sample,
) -> None:
    person, keys = _with_records(sample.settings, 2)
    [(stranger,)] = _rows(
        sample.settings,
        "SELECT feed || ':' || record_id FROM record_entities "
        f"WHERE entity_id <> '{person}' ORDER BY 1 LIMIT 1",
    )
    with pytest.raises(InvalidRequestError, match="is not one of"):
        explain_records(
            sample.settings, sample.store, ANALYST, CASE, person, (keys[0], str(stranger))
        )
    assert _last_entry(sample.store)[:3] == ("person:read", "allowed", person)
    with pytest.raises(InvalidRequestError, match="two different records"):
        explain_records(sample.settings, sample.store, ANALYST, CASE, person, (keys[0], keys[0]))


def test_a_partner_outside_the_persons_jurisdictions_is_refused_the_pair(sample: Sample) -> None:
    person, keys = _with_records(sample.settings, 2)
    facts = subject_facts(sample.store, person)
    assert facts is not None
    elsewhere = next(j for j in ("WY", "VT", "ND", "AK") if not within({j}, facts.jurisdictions))
    with pytest.raises(AccessDeniedError, match="jurisdiction"):
        explain_records(
            sample.settings, sample.store, _partner(elsewhere), CASE, person, (keys[0], keys[1])
        )
    assert _last_entry(sample.store)[:3] == ("person:read", "denied", person)


@dataclass(frozen=True)
class SharedPair:
    holder: str
    other: str
    key: str
    """The identifier's node id (its search key, ``id:KIND:VALUE``)."""
    jurisdiction: str
    """One of the holder's jurisdictions that the other has no record in."""


def _shared_pair(sample: Sample) -> SharedPair:
    """Two people the records give the same SSN or passport, the first with a record in
    a jurisdiction where the second has none (neither under 8 U.S.C. 1367)."""
    rows = _rows(
        sample.settings,
        "SELECT kind, value, list(DISTINCT entity_id ORDER BY entity_id) FROM ("
        "SELECT 'ssn' AS kind, ssn AS value, entity_id FROM person_records "
        "JOIN record_entities USING (feed, record_id) WHERE ssn IS NOT NULL UNION ALL "
        "SELECT 'passport', passport, entity_id FROM person_records "
        "JOIN record_entities USING (feed, record_id) WHERE passport IS NOT NULL) "
        "GROUP BY 1, 2 HAVING count(DISTINCT entity_id) = 2 ORDER BY 1, 2",
    )
    for kind, value, people in rows:
        assert isinstance(people, list)
        for a, b in (people, reversed(people)):
            fa, fb = subject_facts(sample.store, a), subject_facts(sample.store, b)
            if fa is None or fb is None or fa.protected_1367 or fb.protected_1367:
                continue
            only_a = [j for j in sorted(fa.jurisdictions) if not within({j}, fb.jurisdictions)]
            if only_a:
                return SharedPair(a, b, f"id:{kind}:{value}", only_a[0])
    raise AssertionError("the sample has no two people sharing an identifier apart")


def test_the_link_chart_shows_who_shares_an_identifier_only_to_whom_may_see_them(
    sample: Sample,
) -> None:
    shared = _shared_pair(sample)
    chart = link_chart(sample.store, ANALYST, CASE, shared.holder)
    kinds = {n.id: n.kind for n in chart.nodes}
    assert kinds[shared.holder] == "person" and kinds[shared.key] == "document"
    assert kinds.get(shared.other) == "other"
    assert (shared.other, shared.key) in {(e.source, e.target) for e in chart.edges}
    held = {
        f"id:{c.property}:{c.value}"
        for c in dossier(sample.store, ANALYST, CASE, shared.holder).claims
        if c.property in ("a_number", "fin", "fbi_number", "ssn", "passport", "sevis_id")
    }
    assert held == {n.id for n in chart.nodes if n.kind == "document"}
    assert _last_entry(sample.store)[:3] == ("person:read", "allowed", shared.holder)

    partner = _partner(shared.jurisdiction)
    seen_by_partner = link_chart(sample.store, partner, CASE, shared.holder)
    assert shared.other not in {n.id for n in seen_by_partner.nodes}
    assert shared.key in {n.id for n in seen_by_partner.nodes}


def test_the_link_chart_names_employers_from_the_hires(sample: Sample) -> None:
    [(person, employer)] = _rows(
        sample.settings,
        "SELECT entity_id, regexp_extract(summary, '^hired by (.+?)(, attests .*)?$', 1) "
        "FROM status_timeline WHERE kind = 'HIRE' ORDER BY 1, 2 LIMIT 1",
    )
    chart = link_chart(sample.store, ANALYST, CASE, str(person))
    employers = {n.label: n for n in chart.nodes if n.kind == "employer"}
    assert str(employer) in employers
    assert all(":" in source for source in employers[str(employer)].sources)
    assert chart.missing  # says what the publication cannot show


def test_search_results_carry_the_published_standing(sample: Sample) -> None:
    [(person, given, family, dob)] = _rows(
        sample.settings,
        "SELECT p.entity_id, r.given, r.family, strftime(r.dob, '%Y-%m-%d') FROM status_people p "
        "JOIN record_entities USING (entity_id) JOIN person_records r USING (feed, record_id) "
        "WHERE p.standing = 'CITIZEN' AND r.given IS NOT NULL AND r.dob IS NOT NULL "
        "ORDER BY 1 LIMIT 1",
    )
    query = PersonQuery(name=f"{given} {family}", dob=str(dob))
    found = search_with_standing(sample.store, ANALYST, CASE, query)
    standing = {f.candidate.person_id: f.standing for f in found}
    assert standing[str(person)] == "CITIZEN"
    for f in found[:3]:
        assert f.standing == dossier(sample.store, ANALYST, CASE, f.candidate.person_id).standing
