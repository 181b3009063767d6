"""``create_site``: the API with the web screens mounted beside it.

Pages live under ``/ui`` (and ``/``, ``/sign-in``); every other path is the API's, and
answers as the API does (JSON, 401 without credentials). A page asked for without a
session is redirected to the sign-in page instead.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tessera.api import create_app
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.web.errors import install_page_errors
from tessera.web.headers import install_page_headers
from tessera.web.pages import PAGE_ROUTERS

STATIC = Path(__file__).parent / "static"


def create_site(settings: Settings, store: OperationalStore | None = None) -> FastAPI:
    """The API and the screens on one store (see ``tessera.api.create_app``)."""
    app = create_app(settings, store)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    for router in PAGE_ROUTERS:
        app.include_router(router, include_in_schema=False)
    install_page_errors(app)
    install_page_headers(app)
    return app
