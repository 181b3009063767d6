"""In a real browser: the auditor finds a partner officer's status-desk accesses in the
audit view, filtered by user, action and day (ISO dates, UTC), verifies the hash chain,
and anyone else asking for the audit view gets the refusal page."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tessera.model.access import Role
from tests.web.browser import BROWSER, SignedInPage, WebWorld, screenshot, state_purpose
from tests.web.deskkit import answered_at_once, person_asked

pytestmark = BROWSER

PARTNER = "web-partner-officer"


def _file_query(signed_in: SignedInPage, world: WebWorld) -> str:
    """A partner officer asks about a person of the world; returns the person's id."""
    asked = person_asked(world.settings, "NONCITIZEN", "audit-trail", answered_at_once)
    partner = signed_in(Role.partner_officer)
    partner.goto(world.url("/ui/desk/ask"))
    state_purpose(partner, "case", "TX-24-0077", "warrant service")
    partner.fill("#name", asked.name)
    partner.fill("#dob", asked.dob)
    partner.press("#name", "Enter")
    partner.wait_for_url(re.compile(r"/ui/desk/\d+$"))
    return asked.person_id


def test_the_auditor_filters_the_log_and_verifies_the_chain(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    person = _file_query(signed_in, web_world)
    today = dt.datetime.now(dt.UTC).date()
    auditor = signed_in(Role.auditor)
    auditor.goto(web_world.url("/ui/audit"))
    state_purpose(auditor, "oversight", "OV-7", "monthly review of partner queries")
    expect(auditor.locator("#f-user")).to_be_focused()
    auditor.fill("#f-user", PARTNER)
    auditor.select_option("#f-action", "person:read")
    auditor.fill("#f-since", today.isoformat())
    auditor.fill("#f-until", today.isoformat())
    auditor.press("#f-until", "Enter")
    auditor.wait_for_url(re.compile(r"/ui/audit\?user=web-partner-officer"))
    rows = auditor.get_by_test_id("audit-entries").locator("tbody tr")
    disclosed = rows.filter(has_text=person)
    expect(disclosed.first).to_contain_text("case:TX-24-0077 warrant service")
    expect(disclosed.first).to_contain_text("partner officer")
    assert all(PARTNER in text and "person:read" in text for text in rows.all_inner_texts())
    screenshot(auditor, "audit")

    yesterday = (today - dt.timedelta(days=1)).isoformat()
    auditor.goto(web_world.url(f"/ui/audit?user={PARTNER}&until={yesterday}"))
    expect(auditor.get_by_test_id("audit-entries")).to_contain_text("No entry matches")

    auditor.get_by_role("button", name="Verify chain").click()
    expect(auditor.get_by_test_id("verify-result")).to_contain_text("Intact: all")


def test_anyone_but_the_auditor_is_refused_the_audit_view(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    supervisor = signed_in(Role.supervisor)
    supervisor.goto(web_world.url("/ui/purpose"))
    state_purpose(supervisor, "oversight", "OV-8", "curious")
    answer = supervisor.goto(web_world.url("/ui/audit"))
    assert answer is not None and answer.status == 403
    expect(supervisor.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(supervisor.get_by_test_id("error-detail")).to_have_text(
        "a supervisor may not read the audit log"
    )
