"""``/judgements`` over a private copy of the published sample: a merge shows at once in
search and in the dossier (the absorbed id redirects); "not the same" is never overridden
(a later merge answers 409 naming it); a split; a role without ``identity:judge`` gets
403; each judgement is in the audit log with its purpose."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tessera.api import create_app
from tessera.model.access import Role
from tessera.service.operational import open_operational_store
from tessera.service.people import subject_facts
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import PASSWORD, make_account
from tests.api.conftest import SECRET

LEAD = {"X-Tessera-Purpose": "lead:L-41 two records of one traveller"}


@pytest.fixture
def copied(sample_pipeline: Settings, tmp_path: Path) -> Settings:
    """The sample's data directory copied: judgements rewrite the workspace."""
    shutil.copytree(sample_pipeline.data_dir, tmp_path / "data")
    return Settings(data_dir=tmp_path / "data", secret_key=SecretStr(SECRET))


@pytest.fixture
def store(copied: Settings) -> Iterator[OperationalStore]:
    opened = open_operational_store(copied)
    yield opened
    opened.dispose()


@pytest.fixture
def client(copied: Settings, store: OperationalStore) -> Iterator[TestClient]:
    with TestClient(create_app(copied, store), base_url="https://testserver") as test:
        yield test


def sign_in(client: TestClient, store: OperationalStore, name: str, role: Role) -> None:
    make_account(store, name, role)
    answer = client.post("/auth/sign-in", json={"username": name, "password": PASSWORD})
    assert answer.status_code == 200


def two_people(settings: Settings, store: OperationalStore, records: int = 2) -> list[str]:
    """Two noncitizens with ``records`` records each, not protected by 8 U.S.C. 1367."""
    con = duckdb.connect(str(settings.workspace_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT r.person_id FROM person_registry r JOIN status_people s "
            "ON s.entity_id = r.person_id WHERE s.standing = 'NONCITIZEN' "
            "GROUP BY 1 HAVING count(*) = ? ORDER BY 1 DESC",
            [records],
        ).fetchall()
    finally:
        con.close()
    facts = [subject_facts(store, str(person)) for (person,) in rows]
    shown = [f.person_id for f in facts if f is not None and not f.protected_1367]
    assert len(shown) >= 2, "the sample has too few such people"
    return shown[:2]


def test_a_merge_shows_at_once_in_the_dossier_and_the_search(
    client: TestClient, copied: Settings, store: OperationalStore
) -> None:
    sign_in(client, store, "alice", Role.analyst)
    a, b = two_people(copied, store)
    name = client.get(f"/people/{b}", headers=LEAD).json()["display_name"]
    answer = client.post(
        "/judgements/merge",
        json={"person_a": a, "person_b": b, "reason": "one passport, two spellings"},
        headers=LEAD,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    survivor = body["person_id"]
    [gone] = {a, b} - {survivor}
    assert body["people"] == [survivor]
    assert body["redirects"] == [{"old_id": gone, "new_id": survivor}]
    assert body["judgement"]["analyst"] == "alice" and body["judgement"]["kind"] == "merge"
    dossier = client.get(f"/people/{gone}", headers=LEAD).json()
    assert dossier["person_id"] == survivor and dossier["asked_for"] == gone
    search = client.get("/people", params={"name": name}, headers=LEAD).json()
    found = [c["person_id"] for c in search]
    assert survivor in found and gone not in found
    listed = client.get("/judgements", headers=LEAD).json()
    assert [j["judgement_id"] for j in listed] == [body["judgement"]["judgement_id"]]


def test_not_the_same_is_never_overridden_and_a_merge_then_answers_409(
    client: TestClient, copied: Settings, store: OperationalStore
) -> None:
    sign_in(client, store, "alice", Role.analyst)
    a, b = two_people(copied, store)
    pair = {"person_a": a, "person_b": b}
    apart = client.post("/judgements/not-same", json={**pair, "reason": "twins"}, headers=LEAD)
    assert apart.status_code == 201, apart.text
    apart_id = apart.json()["judgement"]["judgement_id"]
    merge = client.post("/judgements/merge", json={**pair, "reason": "same"}, headers=LEAD)
    assert merge.status_code == 409
    assert f"judgement {apart_id} (not_same" in merge.json()["detail"]
    assert client.get(f"/people/{b}", headers=LEAD).json()["person_id"] == b
    revoked = client.post(
        f"/judgements/{apart_id}/revoke", json={"reason": "not twins"}, headers=LEAD
    )
    assert revoked.status_code == 200 and revoked.json()["judgement"]["active"] is False
    assert client.get("/judgements", params={"active": True}, headers=LEAD).json() == []


def test_a_split_gives_the_records_their_own_person(
    client: TestClient, copied: Settings, store: OperationalStore
) -> None:
    sign_in(client, store, "alice", Role.analyst)
    [person, _] = two_people(copied, store, records=3)
    keys = [
        r["key"] for r in client.get(f"/people/{person}", headers=LEAD).json()["links"]["records"]
    ]
    answer = client.post(
        "/judgements/split", json={"record_keys": keys[:1], "reason": "other man"}, headers=LEAD
    )
    assert answer.status_code == 201, answer.text
    [other] = [p for p in answer.json()["people"] if p != person]
    moved = client.get(f"/people/{other}", headers=LEAD).json()["links"]["records"]
    assert [r["key"] for r in moved] == keys[:1]


def test_refusals_are_clear_and_recorded_with_the_purpose(
    client: TestClient, copied: Settings, store: OperationalStore
) -> None:
    a, b = two_people(copied, store)
    sign_in(client, store, "rosa", Role.removal_officer)
    pair = {"person_a": a, "person_b": b, "reason": "same man"}
    refused = client.post("/judgements/merge", json=pair, headers=LEAD)
    assert refused.status_code == 403 and "may not judge" in refused.json()["detail"]
    assert client.post("/judgements/merge", json=pair).status_code == 400  # no purpose
    sign_in(client, store, "alice", Role.analyst)
    blank = client.post("/judgements/merge", json={**pair, "reason": "   "}, headers=LEAD)
    assert blank.status_code == 422 and "reason" in blank.json()["detail"]
    unknown = client.post("/judgements/999/revoke", json={"reason": "x"}, headers=LEAD)
    assert unknown.status_code == 404
    head = store.audit.head()
    assert head is not None
    events = [e.event for e in store.audit.walk(head.seq) if e.event.action == "identity:judge"]
    assert [(e.actor, e.outcome, e.person_id) for e in events][:1] == [("rosa", "denied", a)]
    assert all((e.purpose_kind, e.purpose_ref) == ("lead", "L-41") for e in events)


def test_the_queue_lists_people_the_records_cannot_decide_until_judged(
    client: TestClient, copied: Settings, store: OperationalStore
) -> None:
    sign_in(client, store, "rosa", Role.removal_officer)
    refused = client.get("/judgements/queue", headers=LEAD)
    assert refused.status_code == 403 and "may not judge" in refused.json()["detail"]
    sign_in(client, store, "alice", Role.analyst)
    queued = client.get("/judgements/queue", headers=LEAD)
    assert queued.status_code == 200, queued.text
    pairs = queued.json()
    # The sample holds at least one record tied to two namesakes who refuse each other.
    assert pairs and all(p["person_a"] != p["person_b"] for p in pairs)
    weights = [p["match_weight"] for p in pairs]
    assert weights == sorted(weights, reverse=True)
    top = pairs[0]
    merged = client.post(
        "/judgements/merge",
        json={"person_a": top["person_a"], "person_b": top["person_b"], "reason": "one woman"},
        headers=LEAD,
    )
    assert merged.status_code == 201, merged.text
    after = client.get("/judgements/queue", headers=LEAD).json()
    assert {(p["person_a"], p["person_b"]) for p in after}.isdisjoint(
        {(top["person_a"], top["person_b"])}
    )
    assert len(after) < len(pairs)
