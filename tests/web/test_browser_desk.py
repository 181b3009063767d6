"""In a real browser: a partner officer asks the status desk about people of the world (each
name with a typo), an uncertain answer waits for an operator who works the queue by
keyboard, the partner requests a detainer that a supervisor approves, a citizen's is
refused with the reason, and the auditor sees those accesses."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from tessera.model.access import Role
from tests.web.browser import BROWSER, SignedInPage, WebWorld, screenshot, state_purpose
from tests.web.deskkit import (
    Asked,
    answered_at_once,
    citizen_at_once,
    person_asked,
    waits_for_review,
)

pytestmark = BROWSER

PARTNER = "web-partner-officer"


def _ask(page: Page, world: WebWorld, asked: Asked, *, shot: str | None = None) -> int:
    """File an IAQ through the form; returns the query's number from the page it lands on."""
    page.goto(world.url("/ui/desk/ask"))
    if "/ui/purpose" in page.url:
        state_purpose(page, "case", "TX-24-0042", "booking screening at the county jail")
    expect(page.get_by_test_id("ori")).to_have_text("TX0000001")
    expect(page.locator("#name")).to_be_focused()  # the form opens where typing starts
    page.fill("#name", asked.name)
    page.fill("#dob", asked.dob)
    if asked.sex in {"M", "F"}:
        page.select_option("#sex", asked.sex)
    page.check("#in_custody")
    if shot:
        screenshot(page, shot)
    page.press("#dob", "Enter")  # Enter in a field sends the query
    page.wait_for_url(re.compile(r"/ui/desk/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def _open_by_keyboard(page: Page, query_id: int) -> None:
    """Walk the queue with j until the query is selected, then Enter."""
    rows = page.locator("tr[data-query-id]").count()
    for _ in range(rows):
        focused = page.evaluate("document.activeElement.dataset.queryId || ''")
        if focused == str(query_id):
            break
        page.keyboard.press("j")
    expect(page.locator(f'tr[data-query-id="{query_id}"]')).to_be_focused()
    screenshot(page, "desk-queue")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/ui/desk/{query_id}\?purpose="))


def test_a_query_answered_at_once_and_one_an_operator_completes(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    settings = web_world.settings
    certain = person_asked(settings, "NONCITIZEN", "desk-certain", answered_at_once)
    doubtful = person_asked(settings, "NONCITIZEN", "desk-review", waits_for_review)
    partner = signed_in(Role.partner_officer)

    _ask(partner, web_world, certain, shot="desk-ask")
    expect(partner.get_by_test_id("query-state")).to_have_text("Answered from the records")
    assert partner.locator(f'tr[data-person="{certain.person_id}"]').count() == 1
    expect(partner.get_by_test_id("weak-match")).to_have_count(0)

    waiting = _ask(partner, web_world, doubtful)
    expect(partner.get_by_test_id("query-state")).to_contain_text("waiting for an operator")
    expect(partner.get_by_role("button", name="Request detainer")).to_have_count(0)

    operator = signed_in(Role.status_desk_operator)
    operator.goto(web_world.url("/ui/desk"))
    state_purpose(operator, "status_query", "DESK-SHIFT", "working the status desk queue")
    row = operator.locator(f'tr[data-query-id="{waiting}"]')
    expect(row).to_contain_text(doubtful.name)
    expect(row).to_contain_text("In custody")
    _open_by_keyboard(operator, waiting)
    expect(operator.locator(f'input[name=person_id][value="{doubtful.person_id}"]')).to_be_checked()
    operator.select_option("#determination", "no_lawful_status_shown")
    operator.fill("#remark", "Checked CIS and EID: no period of status since the last admission.")
    screenshot(operator, "desk-query")
    operator.get_by_role("button", name="Complete response").click()
    operator.wait_for_url(web_world.url("/ui/desk"))
    expect(operator.get_by_role("status")).to_contain_text(f"Status query {waiting} completed")
    expect(operator.locator(f'tr[data-query-id="{waiting}"]')).to_have_count(0)

    partner.reload()
    expect(partner.get_by_test_id("query-state")).to_have_text("Completed by an operator")
    expect(partner.get_by_test_id("response-text")).to_contain_text("Checked CIS and EID")
    expect(partner.get_by_test_id("response-text")).to_contain_text("not a determination")


def _request_detainer(partner: Page) -> int:
    partner.check("input[name=probable_cause][value=final_order]")
    partner.fill("#justification", "Final order of removal in EOIR records; held on 0399.")
    partner.get_by_role("button", name="Request detainer").click()
    filed = partner.get_by_test_id("detainer-filed")
    expect(filed).to_contain_text("waits for a supervisor")
    number = re.search(r"#(\d+)", filed.inner_text())
    assert number is not None
    return int(number.group(1))


def _csrf(page: Page) -> str:
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token
    return token


def test_a_detainer_waits_for_a_supervisor_and_a_citizens_is_refused(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    settings = web_world.settings
    doubtful = person_asked(settings, "NONCITIZEN", "desk-detainer", waits_for_review)
    citizen = person_asked(settings, "CITIZEN", "desk-citizen", citizen_at_once)
    partner = signed_in(Role.partner_officer)
    waiting = _ask(partner, web_world, doubtful)

    operator = signed_in(Role.status_desk_operator)
    operator.goto(web_world.url("/ui/desk"))
    state_purpose(operator, "status_query", "DESK-SHIFT", "working the status desk queue")
    operator.locator(f'tr[data-query-id="{waiting}"] a').click()
    operator.fill("#remark", "Records reviewed: no period of status covers today.")
    operator.get_by_role("button", name="Complete response").click()
    operator.wait_for_url(web_world.url("/ui/desk"))

    partner.reload()
    request_id = _request_detainer(partner)

    asked_citizen = _ask(partner, web_world, citizen)
    expect(partner.get_by_test_id("determination")).to_have_text("U.S. citizen")
    expect(partner.get_by_test_id("detainer-stop")).to_contain_text("citizens are never detained")
    # The form is not offered; a request sent anyway is refused by the service itself.
    refused = partner.request.post(
        web_world.url(f"/ui/desk/{asked_citizen}/detainer"),
        form={
            "csrf": _csrf(partner),
            "probable_cause": "statements",
            "facility": "County Jail",
            "justification": "says he overstayed",
        },
    )
    assert refused.status == 403
    assert "citizens are never detained" in refused.text()

    supervisor = signed_in(Role.supervisor)
    supervisor.goto(web_world.url("/ui/enforcement"))
    state_purpose(supervisor, "oversight", "287G-REVIEW", "reviewing partner detainer requests")
    card = supervisor.locator(f'article[data-request-id="{request_id}"]')
    expect(card).to_contain_text(doubtful.person_id)
    expect(card).to_contain_text(PARTNER)
    expect(card).to_contain_text("a final order of removal")
    card.locator("textarea").fill("Final order verified in EOIR; facility confirmed by phone.")
    screenshot(supervisor, "enforcement-review")
    card.get_by_role("button", name="Approve").click()
    supervisor.wait_for_url(web_world.url("/ui/enforcement"))
    expect(supervisor.get_by_test_id("flash")).to_contain_text(f"#{request_id}")
    expect(supervisor.get_by_test_id("flash")).to_contain_text("approved")
    expect(supervisor.locator(f'article[data-request-id="{request_id}"]')).to_have_count(0)

    auditor = signed_in(Role.auditor)
    auditor.goto(web_world.url(f"/ui/audit?person={doubtful.person_id}&since={_today()}"))
    state_purpose(auditor, "oversight", "OV-DESK", "checking the desk's detainer trail")
    entries = auditor.get_by_test_id("audit-entries")
    for actor, action in (
        (PARTNER, "enforcement:request"),
        ("web-status-desk-operator", "status_query:answer"),
        ("web-supervisor", "enforcement:approve"),
    ):
        expect(entries.locator("tr", has_text=actor).filter(has_text=action).first).to_be_visible()


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()
