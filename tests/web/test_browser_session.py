"""In a real browser (Debian's Chromium): sign-in, the redirect back, the purpose form and
sign-out, on a server over a generated world."""

from __future__ import annotations

from playwright.sync_api import Browser

from tessera.model.access import Role
from tests.accounts import PASSWORD
from tests.web.browser import BROWSER, WebWorld, screenshot, state_purpose, username

pytestmark = BROWSER


def test_sign_in_brings_the_visitor_back_to_the_page_asked_for(
    browser: Browser, web_world: WebWorld
) -> None:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(web_world.url("/ui/me"))
    assert "/sign-in?next=" in page.url
    screenshot(page, "sign-in")
    page.fill("#username", username(Role.analyst))
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text().startswith("Wrong username or password")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/me")
    assert page.get_by_role("heading", level=1).inner_text() == "Web-Analyst Example"
    state_purpose(page, "case", "C-100", "checking the screens")
    assert page.get_by_test_id("current-purpose").inner_text() == "case:C-100 checking the screens"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")
    page.goto(web_world.url("/ui/me"))
    assert "/sign-in?next=" in page.url
    context.close()
