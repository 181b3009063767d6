"""In a real browser: the search screen and the person dossier -- a misspelled name found
with its confidence, the dossier after stating a purpose, the timeline and link chart
islands actually drawn, findings with their evidence and legal basis, the explanation
of two records, the protection banner, and a partner officer held to their jurisdiction."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import Page, expect

from tessera.model.access import Role
from tests.web.browser import (
    BROWSER,
    PARTNER_JURISDICTION,
    SignedInPage,
    WebWorld,
    screenshot,
    state_purpose,
)
from tests.web.peoplekit import by_jurisdiction, protected, searchable

pytestmark = BROWSER


def _search(page: Page, name: str, dob: str) -> None:
    """Type as an operator does: the name field has focus, Enter searches."""
    expect(page.locator("#name")).to_be_focused()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(dob)
    page.keyboard.press("Enter")


def test_an_analyst_finds_a_misspelled_person_and_reads_their_dossier(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    subject = searchable(web_world.settings)
    page = signed_in(Role.analyst)
    page.goto(web_world.url("/ui/search"))
    _search(page, subject.misspelled, subject.dob)
    # No purpose stated yet: the search waits for one, then runs as asked.
    page.wait_for_url("**/ui/purpose?next=*")
    state_purpose(page, "case", "C-204", "overstay review")
    page.wait_for_url("**/ui/search?*")
    row = page.locator(f"tr[data-person='{subject.person_id}']")
    expect(row).to_be_visible()
    confidence = row.get_by_test_id("confidence").inner_text()
    assert confidence.endswith("%") and int(confidence[:-1]) >= 50
    expect(row.locator(".reasons")).to_contain_text("name")
    expect(row.locator(".reasons")).to_contain_text("dob")
    screenshot(page, "search")

    row.get_by_role("link").click()
    page.wait_for_url(f"**/ui/people/{subject.person_id}")
    expect(page.get_by_test_id("person-id")).to_have_text(subject.person_id)
    # The timeline island drew: vis-timeline's items, a band for a period among them.
    expect(page.locator("[data-testid=timeline] .vis-item.vis-range.period").first).to_be_visible()
    assert page.locator("[data-testid=timeline] .vis-item.vis-point").count() >= 1
    # The link chart drew on Cytoscape's canvas.
    expect(page.locator("[data-testid=linkchart] canvas").first).to_be_attached()
    # Findings: evidence keys (feed:record_id) and the legal basis.
    finding = page.get_by_test_id("finding").first
    assert ":" in finding.get_by_test_id("evidence-key").first.inner_text()
    assert finding.get_by_test_id("legal-basis").inner_text().strip()
    screenshot(page, "dossier")


def test_the_explanation_of_two_records_shows_feature_weights(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    subject = searchable(web_world.settings)
    page = signed_in(Role.investigator)
    purpose = quote("case:C-77 identity check")
    # A purpose carried by the link (no session purpose): the pair form carries it on.
    page.goto(web_world.url(f"/ui/people/{subject.person_id}?purpose={purpose}"))
    options = page.locator("#pair-b option")
    assert options.count() >= 3
    page.select_option("#pair-b", index=options.count() - 1)
    page.get_by_role("button", name="Explain the pair").click()
    weights = page.locator("#pair-result [data-testid=feature-weight]")
    expect(weights.first).to_be_visible()
    shown = [float(w) for w in weights.all_inner_texts()]
    assert shown and any(w != 0 for w in shown)
    assert "/pair" not in page.url  # swapped in place, the dossier still open
    page.locator("#pair").scroll_into_view_if_needed()
    screenshot(page, "pair-explanation")


def test_a_protected_persons_page_says_why_nothing_can_be_done(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    person_id = protected(web_world.settings)
    page = signed_in(Role.analyst)
    page.goto(web_world.url(f"/ui/people/{person_id}?purpose=lead%3AL-5%20protection%20check"))
    banner = page.get_by_test_id("protection-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Nothing can be done against this person")
    assert banner.locator("li").count() >= 1
    # It comes before anything else about the person's records.
    first = page.locator(".dossier > section").first
    assert first.get_attribute("data-testid") == "protection-banner"
    screenshot(page, "dossier-protected")


def test_a_partner_officer_sees_only_their_jurisdiction(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    inside, outside = by_jurisdiction(web_world.settings, PARTNER_JURISDICTION)
    page = signed_in(Role.partner_officer)
    page.goto(web_world.url(f"/ui/people/{inside}"))
    state_purpose(page, "case", "TX-1", "arrest booking check")
    page.wait_for_url(f"**/ui/people/{inside}")
    expect(page.get_by_test_id("person-id")).to_have_text(inside)
    answer = page.goto(web_world.url(f"/ui/people/{outside}"))
    assert answer is not None and answer.status == 403
    detail = page.get_by_test_id("error-detail").inner_text()
    assert outside in detail and "jurisdiction" in detail
    screenshot(page, "dossier-partner-refused")
