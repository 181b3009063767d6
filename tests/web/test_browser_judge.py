"""In a real browser: an analyst compares two people side by side with the model's
explanation, is held to give a reason (by the form, and by the server when the form's
check is bypassed), merges them -- and the absorbed person's dossier address then leads
to the surviving person -- and splits a record off again from the split screen."""

from __future__ import annotations

from playwright.sync_api import expect

from tessera.model.access import Role
from tessera.service.operational import operational_store
from tessera.service.people import subject_facts
from tessera.settings import Settings
from tessera.store.workspace import open_workspace
from tests.web.browser import BROWSER, SignedInPage, WebWorld, screenshot, state_purpose

pytestmark = BROWSER


def quiet_people(settings: Settings) -> tuple[str, str]:
    """Two noncitizens with one record each and no finding, outside the partner's
    jurisdiction and not protected: people no other test of the shared world wants."""
    con = open_workspace(settings, read_only=True)  # closed at once: the server writes it
    try:
        rows = con.execute(
            "SELECT r.person_id FROM person_registry r JOIN status_people s "
            "ON s.entity_id = r.person_id WHERE s.standing = 'NONCITIZEN' "
            "AND r.person_id NOT IN (SELECT entity_id FROM findings) "
            "GROUP BY 1 HAVING count(*) = 1 ORDER BY 1 DESC LIMIT 40"
        ).fetchall()
    finally:
        con.close()
    with operational_store(settings) as store:
        facts = [subject_facts(store, str(person)) for (person,) in rows]
    quiet = [
        f.person_id
        for f in facts
        if f is not None and not f.protected_1367 and not any("TX" in j for j in f.jurisdictions)
    ]
    assert len(quiet) >= 2, "the world has too few people without findings"
    return quiet[0], quiet[1]


def test_a_merge_needs_a_reason_and_the_absorbed_dossier_leads_to_the_survivor(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    a, b = quiet_people(web_world.settings)
    page = signed_in(Role.analyst)
    state_purpose(page, "case", "C-512", "duplicate traveller files")
    page.goto(web_world.url(f"/ui/judge?a={a}"))
    page.fill("#b", b)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ui/judge?a={a}&b={b}*")
    table = page.get_by_test_id("side-by-side")
    expect(table).to_contain_text(a)
    expect(table).to_contain_text(b)
    expect(page.get_by_test_id("feature").first).to_be_visible()
    assert page.get_by_test_id("feature").count() >= 3
    screenshot(page, "judge-merge")

    page.get_by_role("button", name="Merge").click()
    assert page.evaluate("document.querySelector('#merge-reason').validity.valueMissing")
    page.evaluate("document.querySelector('#merge-reason').removeAttribute('required')")
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_test_id("judge-error")).to_contain_text("needs a reason")

    page.fill("#merge-reason", "same passport number, name keyed in two orders")
    page.get_by_role("button", name="Merge").click()
    page.wait_for_url("**/ui/people/P*")
    survivor = page.url.rsplit("/", 1)[-1]
    assert survivor in {a, b}
    [gone] = {a, b} - {survivor}
    page.goto(web_world.url(f"/ui/people/{gone}"))
    expect(page.get_by_test_id("person-id")).to_have_text(survivor)
    expect(page.get_by_test_id("redirected")).to_contain_text(gone)

    page.goto(web_world.url(f"/ui/judge/split?person={survivor}"))
    records = page.get_by_test_id("records").locator("input[name=record]")
    expect(records).to_have_count(2)
    expect(page.get_by_test_id("records")).to_contain_text("merged by judgement")
    records.nth(1).check()
    page.fill("#split-reason", "checked the photos again: two travellers after all")
    screenshot(page, "judge-split")
    page.get_by_role("button", name="Split off").click()
    page.wait_for_url("**/ui/people/P*")
    expect(page.get_by_test_id("person-id")).to_be_visible()
