"""The lead and judgement screens without a browser, over a private copy of the published
sample: a unit's queue shows only that unit and is read under the stated purpose; a
lead's page reads for ``lead:{id}``, links the dossier with that purpose, refuses a
disposition without a reason (keeping what was typed) and, once disposed, is locked
without forms; the judge screen shows both people with the explanation, refuses a merge
without a reason, sends a merge to the surviving dossier and shows a refusal (409) on the
screen with the reason typed kept; the split screen lists the records to check."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tessera.model.access import Role
from tessera.model.audit import AuditEvent
from tessera.model.leads import LeadQuery, LeadState, Unit
from tessera.service.operational import open_operational_store
from tessera.service.people import subject_facts
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.web import create_site
from tests.accounts import PASSWORD, make_account
from tests.api.conftest import SECRET

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def copied(sample_pipeline: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(sample_pipeline.data_dir, tmp_path / "data")
    return Settings(data_dir=tmp_path / "data", secret_key=SecretStr(SECRET))


@pytest.fixture
def store(copied: Settings) -> Iterator[OperationalStore]:
    opened = open_operational_store(copied)
    yield opened
    opened.dispose()


@pytest.fixture
def site(copied: Settings, store: OperationalStore) -> Iterator[TestClient]:
    app = create_site(copied, store)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as test:
        yield test


def sign_in(site: TestClient, store: OperationalStore, role: Role, purpose: str = "") -> str:
    """Sign in a new account in ``role``, state ``purpose`` (kind:ref text); the CSRF token."""
    name = f"web-{role.value.replace('_', '-')}"
    make_account(store, name, role)
    answer = site.post("/sign-in", data={"username": name, "password": PASSWORD})
    assert answer.status_code == 303
    token = CSRF.search(site.get("/ui/me").text)
    assert token is not None
    if purpose:
        head, text = purpose.split(" ", 1)
        kind, reference = head.split(":")
        form = {"csrf": token[1], "kind": kind, "reference": reference, "text": text}
        assert site.post("/ui/purpose", data=form).status_code == 303
    return token[1]


def audit_events(store: OperationalStore) -> list[AuditEvent]:
    head = store.audit.head()
    assert head is not None
    return [e.event for e in store.audit.walk(head.seq)]


def open_lead(store: OperationalStore, unit: Unit) -> int:
    """An open lead of ``unit`` whose person is not protected by 8 U.S.C. 1367."""
    for lead in store.leads.find(LeadQuery(units=(unit,), states=(LeadState.open,), limit=500)):
        facts = subject_facts(store, lead.person_id)
        if facts is not None and not facts.protected_1367:
            return lead.lead_id
    raise AssertionError(f"the sample has no open {unit} lead")


def test_a_units_queue_shows_that_unit_only_read_under_the_stated_purpose(
    site: TestClient, store: OperationalStore
) -> None:
    sign_in(site, store, Role.analyst, "case:C-12 compliance sweep")
    page = site.get("/ui/leads", params={"unit": "compliance"})
    assert page.status_code == 200
    units = re.findall(r'data-unit="([a-z]+)"', page.text)
    assert units and set(units) == {"compliance"}
    listed = [e for e in audit_events(store) if e.action == "lead:list"][-1]
    assert (listed.purpose_kind, listed.purpose_ref) == ("case", "C-12")
    assert "unit=compliance" in (listed.target or "")


def test_a_lead_page_reads_for_the_lead_and_a_disposition_needs_a_reason(
    site: TestClient, store: OperationalStore
) -> None:
    token = sign_in(site, store, Role.analyst)
    lead_id = open_lead(store, Unit.compliance)
    page = site.get(f"/ui/leads/{lead_id}")
    assert page.status_code == 200
    assert f"/ui/people/{store.leads.get(lead_id).person_id}?purpose=" in page.text  # type: ignore[union-attr]
    assert quote(f"lead:{lead_id} working lead {lead_id}", safe="") in page.text
    assert page.text.count('data-testid="evidence-row"') >= 1
    read = [e for e in audit_events(store) if e.action == "person:read"][-1]
    assert (read.purpose_kind, read.purpose_ref) == ("lead", str(lead_id))

    form = {"csrf": token, "disposition": "closed_no_action", "reason": " "}
    refused = site.post(f"/ui/leads/{lead_id}/disposition", data=form)
    assert refused.status_code == 422 and "a reason is required" in refused.text
    assert re.search(r'value="closed_no_action" required\s+checked', refused.text)
    still = store.leads.get(lead_id)
    assert still is not None and still.state is not LeadState.closed

    noted = site.post(f"/ui/leads/{lead_id}/notes", data={"csrf": token, "text": "left the US?"})
    assert noted.status_code == 303
    done = site.post(
        f"/ui/leads/{lead_id}/disposition",
        data={**form, "reason": "departure confirmed by carrier"},
    )
    assert done.status_code == 303
    locked = site.get(f"/ui/leads/{lead_id}")
    assert 'data-testid="locked"' in locked.text and "departure confirmed by carrier" in locked.text
    assert "left the US?" in locked.text
    assert "/disposition" not in locked.text and "/notes" not in locked.text
    late = site.post(f"/ui/leads/{lead_id}/notes", data={"csrf": token, "text": "one more"})
    assert late.status_code == 409 and "locked" in late.text


def two_people(settings: Settings, store: OperationalStore) -> tuple[str, str]:
    """Two noncitizens with two records each, not protected by 8 U.S.C. 1367."""
    con = duckdb.connect(str(settings.workspace_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT r.person_id FROM person_registry r JOIN status_people s "
            "ON s.entity_id = r.person_id WHERE s.standing = 'NONCITIZEN' "
            "GROUP BY 1 HAVING count(*) = 2 ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    facts = [subject_facts(store, str(person)) for (person,) in rows]
    shown = [f.person_id for f in facts if f is not None and not f.protected_1367]
    return shown[0], shown[1]


def test_the_judge_screen_explains_refuses_without_a_reason_and_merges(
    site: TestClient, store: OperationalStore, copied: Settings
) -> None:
    token = sign_in(site, store, Role.analyst, "case:C-3 duplicate travellers")
    a, b = two_people(copied, store)
    page = site.get("/ui/judge", params={"a": a, "b": b})
    assert page.status_code == 200
    assert page.text.count('data-testid="feature"') >= 3
    pair = {"csrf": token, "a": a, "b": b}
    blank = site.post("/ui/judge/merge", data={**pair, "reason": ""})
    assert blank.status_code == 422 and "needs a reason" in blank.text
    apart = site.post("/ui/judge/not-same", data={**pair, "reason": "brothers"})
    assert apart.status_code == 303
    refused = site.post("/ui/judge/merge", data={**pair, "reason": "same passport photo"})
    assert refused.status_code == 409
    assert (
        "keeps these records apart" in refused.text
        and "same passport photo</textarea>" in refused.text
    )
    assert "brothers" in refused.text  # the blocking judgement, shown with the explanation


def test_a_merge_leads_to_the_surviving_dossier_and_the_split_screen_lists_records(
    site: TestClient, store: OperationalStore, copied: Settings
) -> None:
    token = sign_in(site, store, Role.investigator, "case:C-4 one man, two files")
    a, b = two_people(copied, store)
    merged = site.post("/ui/judge/merge", data={"csrf": token, "a": a, "b": b, "reason": "same"})
    assert merged.status_code == 303
    survivor = merged.headers["location"].removeprefix("/ui/people/")
    assert survivor in {a, b}
    split = site.get("/ui/judge/split", params={"person": survivor})
    assert split.status_code == 200
    assert split.text.count('name="record"') == 4
    assert "merged by judgement" in split.text
