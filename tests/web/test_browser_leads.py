"""In a real browser: an analyst works a unit's lead queue by keyboard for a shift -- moves
with j/k and the arrow keys, sorts by a heading, opens a lead with Enter -- takes it, adds
a note, is refused a disposition without a reason (by the form, and by the server when the
form's check is bypassed), disposes of it with one, and the lead then shows locked; the
oversight office then finds the disposition in the audit view."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tessera.model.access import Role
from tessera.model.leads import LeadQuery, LeadState, Unit
from tessera.service.operational import operational_store
from tessera.service.people import subject_facts
from tessera.settings import Settings
from tests.web.browser import BROWSER, SignedInPage, WebWorld, screenshot, state_purpose

pytestmark = BROWSER


def busiest_unit(settings: Settings) -> Unit:
    """The unit with the most open leads on people an analyst may see (at least four, so
    that moving through the queue means something)."""
    counts: dict[Unit, int] = {}
    with operational_store(settings) as store:
        for unit in Unit:
            leads = store.leads.find(LeadQuery(units=(unit,), states=(LeadState.open,), limit=300))
            counts[unit] = sum(
                1
                for lead in leads
                if (facts := subject_facts(store, lead.person_id)) and not facts.protected_1367
            )
    unit = max(counts, key=lambda u: counts[u])
    assert counts[unit] >= 4, f"the world has too few open leads: {counts}"
    return unit


def selected_id(page: Page) -> str:
    row = page.locator("table.leads tbody tr.selected")
    expect(row).to_have_count(1)
    return row.get_attribute("data-lead-id") or ""


def row_ids(page: Page) -> list[str]:
    return [
        r.get_attribute("data-lead-id") or "" for r in page.locator("table.leads tbody tr").all()
    ]


def test_an_analyst_works_a_lead_from_the_queue_to_its_locked_close(
    signed_in: SignedInPage, web_world: WebWorld
) -> None:
    unit = busiest_unit(web_world.settings)
    page = signed_in(Role.analyst)
    page.goto(web_world.url(f"/ui/leads?unit={unit}&state=open"))
    page.wait_for_url("**/ui/purpose?next=*")  # the queue is read for a stated purpose
    state_purpose(page, "case", "C-310", f"{unit} queue, night shift")
    page.wait_for_url(f"**/ui/leads?unit={unit}*")
    ids = row_ids(page)
    assert len(ids) >= 4
    expect(page.locator("table.leads tbody tr td:nth-child(5)").first).to_have_text(unit.value)
    # The cursor starts on the first lead, focused: the keyboard works at once.
    assert selected_id(page) == ids[0]
    expect(page.locator("table.leads tbody tr.selected")).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    assert selected_id(page) == ids[2]
    page.keyboard.press("k")
    assert selected_id(page) == ids[1]
    screenshot(page, "leads-queue")

    # Sorting by a heading reorders the rows and keeps the cursor on its lead.
    page.get_by_role("button", name="Confidence").click()
    confidences = [
        float(r.get_attribute("data-confidence") or 0)
        for r in page.locator("table.leads tbody tr").all()
    ]
    assert confidences == sorted(confidences)
    assert selected_id(page) == ids[1]

    # The least urgent lead, at the end of the queue: End, then Enter opens it.
    page.locator("table.leads tbody tr.selected").focus()
    page.keyboard.press("End")
    chosen = selected_id(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ui/leads/{chosen}")
    expect(page.get_by_test_id("lead-state")).to_have_text("open")
    expect(page.get_by_test_id("evidence-row").first).to_be_visible()
    link = page.get_by_test_id("dossier-link").get_attribute("href") or ""
    assert f"?purpose=lead%3A{chosen}" in link
    screenshot(page, "lead-detail")

    page.get_by_role("button", name="Take it").click()
    expect(page.get_by_test_id("lead-state")).to_have_text("assigned · web-analyst")
    page.fill("#note", "carrier manifest shows a departure; checking the date")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("table.history")).to_contain_text("carrier manifest shows a departure")

    # No reason: the form will not send it...
    page.get_by_label("Closed, no action").check()
    page.get_by_role("button", name="Dispose of the lead").click()
    assert page.evaluate("document.querySelector('#reason').validity.valueMissing")
    expect(page.get_by_test_id("lead-state")).to_have_text("assigned · web-analyst")
    # ...and with the form's check bypassed, the server refuses it and keeps the choice.
    page.evaluate("document.querySelector('#reason').removeAttribute('required')")
    page.get_by_role("button", name="Dispose of the lead").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("a reason is required")
    expect(page.get_by_label("Closed, no action")).to_be_checked()
    expect(page.get_by_test_id("lead-state")).to_have_text("assigned · web-analyst")

    page.fill("#reason", "departed 2024-03-02 per carrier manifest; nothing to do")
    page.get_by_role("button", name="Dispose of the lead").click()
    expect(page.get_by_test_id("locked")).to_contain_text("closed no action")
    expect(page.get_by_test_id("lead-state")).to_have_text("closed")
    expect(page.get_by_test_id("no-forms")).to_contain_text("Locked")
    assert page.locator("form[action$='/disposition'], form[action$='/notes']").count() == 0
    screenshot(page, "lead-closed")

    # Back in the queue (Alt+Shift+B), the closed lead is gone and the cursor is where the
    # work continues: on the lead that took its place at the end of the queue.
    page.get_by_role("link", name=f"← {unit.value} queue").click()
    page.wait_for_url(f"**/ui/leads?unit={unit}&state=open")
    after = row_ids(page)
    assert chosen not in after and selected_id(page) == after[-1]
    expect(page.locator("table.leads tbody tr.selected")).to_be_focused()

    # Oversight: the auditor finds the disposition, with its purpose, in the audit view.
    auditor = signed_in(Role.auditor)
    auditor.goto(web_world.url("/ui/audit?user=web-analyst&action=lead%3Awork"))
    if "/ui/purpose" in auditor.url:
        state_purpose(auditor, "oversight", "OV-7", "monthly review of lead dispositions")
    disposed = auditor.locator("table tbody tr", has_text=f"lead {chosen}: closed_no_action")
    expect(disposed).to_have_count(1)
    expect(disposed).to_contain_text(f"lead:{chosen}")  # a lead's page works under its own purpose
    expect(disposed).to_contain_text("allowed")
    screenshot(auditor, "audit-lead-disposition")
