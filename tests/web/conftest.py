"""Fixtures for the screens: the API's settings and store (``tests/api/conftest.py``) for
the tests without a browser, and the browser harness (``tests/web/browser.py``)."""

from tests.api.conftest import api_settings, api_store
from tests.web.browser import browser, signed_in, web_world

__all__ = ["api_settings", "api_store", "browser", "signed_in", "web_world"]
