"""The search and dossier pages without a browser, on the published sample: the search is
the API's (same purpose rule, same audit entry, same errors), the dossier puts what
stops action first (protection, then identity not verified), islands get their data as
JSON blocks, 8 U.S.C. 1367 and partner jurisdictions hold, and the pair explanation
works as a plain form."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tessera.model.access import Role
from tessera.service.operational import operational_store
from tessera.service.people import subject_facts
from tessera.service.users import PartnerRequest
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.store.workspace import open_workspace
from tessera.web import create_site
from tests.accounts import PASSWORD, make_account

CASE = quote("case:C-3 page test")


@dataclass
class Site:
    client: TestClient
    store: OperationalStore
    settings: Settings

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        con = open_workspace(self.settings, read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def sign_in(self, role: Role, partner: PartnerRequest | None = None) -> None:
        name = role.value.replace("_", "-")
        make_account(self.store, name, role, partner=partner)
        answer = self.client.post("/sign-in", data={"username": name, "password": PASSWORD})
        assert answer.status_code == 303

    def last_audit(self) -> tuple[str, str, str | None, str | None]:
        head = self.store.audit.head()
        assert head is not None
        event = list(self.store.audit.walk(head.seq))[-1].event
        return event.action, event.outcome, event.person_id, event.purpose_ref


@pytest.fixture
def site(sample_pipeline: Settings, tmp_path: Path) -> Iterator[Site]:
    shutil.copytree(sample_pipeline.data_dir, tmp_path / "data")
    settings = Settings(
        data_dir=tmp_path / "data", secret_key=SecretStr("a page test secret long enough to sign")
    )
    with operational_store(settings) as store:
        app = create_site(settings, store)
        with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
            yield Site(client, store, settings)


def _json_block(html: str, block_id: str) -> Any:
    found = re.search(
        rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S
    )
    assert found, block_id
    return json.loads(found.group(1))


def _noncitizen(site: Site) -> tuple[str, str, str]:
    [(person, name, dob)] = site.rows(
        "SELECT p.entity_id, r.given || ' ' || r.family, strftime(r.dob, '%Y-%m-%d') "
        "FROM status_people p JOIN record_entities USING (entity_id) "
        "JOIN person_records r USING (feed, record_id) WHERE p.standing = 'NONCITIZEN' "
        "AND r.given IS NOT NULL AND r.family IS NOT NULL AND r.dob IS NOT NULL "
        "AND p.entity_id IN (SELECT entity_id FROM status_periods) ORDER BY 1 LIMIT 1"
    )
    return str(person), str(name), str(dob)


def test_an_empty_search_form_reads_no_one_and_needs_no_purpose(site: Site) -> None:
    site.sign_in(Role.analyst)
    answer = site.client.get("/ui/search")
    assert answer.status_code == 200
    assert re.search(r'<input id="name"[^>]*autofocus', answer.text)
    assert site.last_audit()[0] != "person:search"


def test_a_search_states_a_purpose_first_and_is_audited_like_the_api(site: Site) -> None:
    person, name, dob = _noncitizen(site)
    site.sign_in(Role.analyst)
    asked = f"/ui/search?name={quote(name)}&dob={dob}"
    sent = site.client.get(asked)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/ui/purpose?next={quote(asked, safe='')}"
    answer = site.client.get(f"{asked}&purpose={CASE}")
    assert answer.status_code == 200
    row = re.search(rf'<tr data-person="{person}">(.*?)</tr>', answer.text, re.S)
    assert row, "the person searched for is among the results"
    assert f'href="/ui/people/{person}?purpose={CASE}"' in row.group(1)
    assert re.search(r'data-testid="confidence">\d+%<', row.group(1))
    assert site.last_audit() == ("person:search", "allowed", None, "C-3")


def test_a_search_that_cannot_run_says_why_beside_the_form(site: Site) -> None:
    site.sign_in(Role.analyst)
    answer = site.client.get(f"/ui/search?identifier=A012345678&purpose={CASE}")
    assert answer.status_code == 422
    assert "kind:value" in answer.text and 'value="A012345678"' in answer.text


def test_a_weak_identity_link_is_said_before_anything_else_about_the_finding(
    site: Site,
) -> None:
    [(person, code)] = site.rows(
        "SELECT f.entity_id, f.code FROM findings f JOIN status_people p USING (entity_id) "
        "WHERE f.identity_check AND p.standing = 'NONCITIZEN' ORDER BY 1, 2 LIMIT 1"
    )
    facts = subject_facts(site.store, str(person))
    assert facts is not None and not facts.protected_1367
    site.sign_in(Role.analyst)
    page = site.client.get(f"/ui/people/{person}?purpose={CASE}").text
    banner = page.index('data-testid="identity-banner"')
    assert banner < page.index('id="findings"')
    articles = re.findall(r'<article class="finding[^>]*>(.*?)</article>', page, re.S)
    article = next(a for a in articles if 'data-testid="finding-identity"' in a and code in a)
    assert article.index("Identity not verified") < article.index("<h3>")
    assert 'data-testid="evidence-key"' in article and 'data-testid="legal-basis"' in article


def test_the_dossier_hands_the_islands_their_data(site: Site) -> None:
    person, _name, _dob = _noncitizen(site)
    site.sign_in(Role.analyst)
    page = site.client.get(f"/ui/people/{person}?purpose={CASE}").text
    timeline = _json_block(page, "timeline-data")
    ranges = [i for i in timeline["items"] if i["type"] == "range"]
    assert ranges and all(i["start"] <= i["end"] for i in ranges)
    assert all(i["group"] == "periods" for i in ranges)
    chart = _json_block(page, "chart-data")
    ids = {e["data"]["id"] for e in chart["elements"]}
    assert chart["center"] == person and person in ids
    assert all(e["data"]["source"] in ids for e in chart["elements"] if "source" in e["data"])
    assert site.last_audit()[:3] == ("person:read", "allowed", person)


def test_judgement_links_only_for_roles_that_judge_identity(site: Site) -> None:
    person, _name, _dob = _noncitizen(site)
    site.sign_in(Role.analyst)
    judging = site.client.get(f"/ui/people/{person}?purpose={CASE}").text
    assert f'href="/ui/judge?a={person}"' in judging
    assert f'href="/ui/judge/split?person={person}"' in judging
    site.client.post("/sign-out", data={"csrf": _csrf(judging)})
    site.sign_in(Role.removal_officer)
    removing = site.client.get(f"/ui/people/{person}?purpose={CASE}")
    assert removing.status_code == 200 and "/ui/judge" not in removing.text


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_a_1367_person_is_hidden_from_an_analyst_and_protected_for_an_investigator(
    site: Site,
) -> None:
    ids = [str(r[0]) for r in site.rows("SELECT entity_id FROM status_people ORDER BY 1")]
    person = next(p for p in ids if (f := subject_facts(site.store, p)) and f.protected_1367)
    site.sign_in(Role.analyst)
    hidden = site.client.get(f"/ui/people/{person}?purpose={CASE}")
    assert hidden.status_code == 404 and f"no person {person}" in hidden.text
    site.client.post("/sign-out", data={"csrf": _csrf(hidden.text)})
    site.sign_in(Role.investigator)
    page = site.client.get(f"/ui/people/{person}?purpose={CASE}")
    assert page.status_code == 200
    banner = page.text.index('data-testid="protection-banner"')
    assert banner < page.text.index('id="findings"')
    assert "8 U.S.C. 1367" in page.text[banner : page.text.index("</section>", banner)]


def test_a_partner_officer_is_refused_outside_their_jurisdiction(site: Site) -> None:
    ids = [str(r[0]) for r in site.rows("SELECT entity_id FROM status_people ORDER BY 1")]
    facts = [f for p in ids if (f := subject_facts(site.store, p)) and not f.protected_1367]
    inside = next(f for f in facts if "CA" in f.jurisdictions)
    outside = next(f for f in facts if f.jurisdictions and "CA" not in f.jurisdictions)
    certified = dt.date.today() + dt.timedelta(days=30)
    partner = PartnerRequest("CA0000001", "A CA Sheriff", ("CA",), certified)
    site.sign_in(Role.partner_officer, partner)
    assert site.client.get(f"/ui/people/{inside.person_id}?purpose={CASE}").status_code == 200
    refused = site.client.get(f"/ui/people/{outside.person_id}?purpose={CASE}")
    assert refused.status_code == 403
    assert "jurisdiction" in refused.text and outside.person_id in refused.text
    pair = site.client.get(f"/ui/people/{outside.person_id}/pair?a=x:1&b=x:2&purpose={CASE}")
    assert pair.status_code == 403
    assert site.last_audit()[:3] == ("person:read", "denied", outside.person_id)


def test_the_pair_explanation_works_as_a_plain_form(site: Site) -> None:
    [(person, keys)] = site.rows(
        "SELECT entity_id, list(feed || ':' || record_id ORDER BY feed, record_id) "
        "FROM record_entities GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1"
    )
    site.sign_in(Role.investigator)
    query = f"a={quote(keys[0])}&b={quote(keys[1])}&purpose={CASE}"
    answer = site.client.get(f"/ui/people/{person}/pair?{query}")
    assert answer.status_code == 200
    weights = re.findall(r'data-testid="feature-weight">([-+0-9.]+)<', answer.text)
    assert weights and any(float(w) != 0 for w in weights)
    assert f'href="/ui/people/{person}?purpose={CASE}#pair"' in answer.text
    foreign = site.client.get(f"/ui/people/{person}/pair?a={quote(keys[0])}&b=x%3A1&purpose={CASE}")
    assert foreign.status_code == 422 and "is not one of" in foreign.text
