"""Browser-test harness: a generated world run through the whole pipeline, served by
``tessera.web.create_site`` under uvicorn in a thread, an account per role, and Debian's
Chromium driven by Playwright (never a downloaded browser). Screenshots go to
``build/screenshots``.

Every browser test module sets ``pytestmark = BROWSER`` so that pytest-xdist runs them
all on one worker, which builds the world once.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from pydantic import SecretStr

from tessera.model.access import Role
from tessera.service.operational import operational_store
from tessera.service.pipeline import run_pipeline
from tessera.service.synthetic import generate_world
from tessera.service.users import PartnerRequest
from tessera.settings import Settings
from tessera.web import create_site
from tests.accounts import PASSWORD, make_account

BROWSER = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
CHROMIUM = Path(os.environ.get("TESSERA_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
WORLD_PEOPLE = 400
WORLD_SEED = 11
PARTNER_JURISDICTION = "TX"
"""The demo partner's jurisdiction: a state, so the world surely has people in it."""


@dataclass(frozen=True)
class WebWorld:
    settings: Settings
    base_url: str

    def url(self, path: str) -> str:
        return self.base_url + path


def username(role: Role) -> str:
    return "web-" + role.value.replace("_", "-")


def _accounts(settings: Settings) -> None:
    partner = PartnerRequest(
        "TX0000001",
        "Test County SO (synthetic)",
        (PARTNER_JURISDICTION,),
        dt.date.today() + dt.timedelta(days=90),
    )
    with operational_store(settings) as store:
        for role in Role:
            make_account(
                store,
                username(role),
                role,
                partner=partner if role is Role.partner_officer else None,
            )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test process keeps its own
        pass


@pytest.fixture(scope="session")
def web_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    root = tmp_path_factory.mktemp("web-world")
    generate_world(root / "drop", people=WORLD_PEOPLE, seed=WORLD_SEED)
    settings = Settings(
        data_dir=root / "data",
        secret_key=SecretStr("a web test secret that is long enough to sign"),
    )
    run_pipeline(settings, root / "drop")
    _accounts(settings)
    port = _free_port()
    config = uvicorn.Config(create_site(settings), host="127.0.0.1", port=port, log_level="warning")
    server = _Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield WebWorld(settings, f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is not at {CHROMIUM}: run `make install` (apt chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


SignedInPage = Callable[[Role], Page]


@pytest.fixture
def signed_in(browser: Browser, web_world: WebWorld) -> Iterator[SignedInPage]:
    """``signed_in(Role.analyst)``: a fresh browser context signed in through the form."""
    contexts = []

    def open_as(role: Role) -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(web_world.url("/sign-in"))
        page.fill("#username", username(role))
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    yield open_as
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page as ``build/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def state_purpose(page: Page, kind: str, reference: str, text: str) -> None:
    """Fill the purpose form the page was sent to (or open it) and submit."""
    if "/ui/purpose" not in page.url:
        page.goto(page.url.split("/ui/")[0] + "/ui/purpose")
    page.select_option("#kind", kind)
    page.fill("#reference", reference)
    page.fill("#text", text)
    page.get_by_role("button", name="State purpose").click()
    page.wait_for_load_state("networkidle")
