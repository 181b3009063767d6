"""``create_app``: the FastAPI application on one operational store.

Every route but ``GET /health`` and ``POST /auth/sign-in`` needs an authenticated
caller, and the OpenAPI document is one of them: the API's shape is no secret, but an
open door of any kind is one more thing to reason about. There is no bundled docs page
(it would load scripts from a CDN); generate a client from ``GET /openapi.json``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

from tessera.api.deps import SESSION_COOKIE, current_principal
from tessera.api.errors import ERROR_RESPONSES, install_error_handlers
from tessera.api.limits import TOO_MANY_RESPONSES, install_rate_limits
from tessera.api.routers import (
    audit,
    auth,
    enforcement,
    health,
    judgements,
    leads,
    me,
    people,
    status_queries,
)
from tessera.api.shedding import install_load_shedding
from tessera.service.auth import session_secret
from tessera.service.operational import open_operational_store
from tessera.settings import Settings
from tessera.store.operational import OperationalStore

_schema = APIRouter(dependencies=[Depends(current_principal)])


@_schema.get("/openapi.json", include_in_schema=False, responses=ERROR_RESPONSES)
def openapi_document(request: Request) -> dict[str, Any]:
    document: dict[str, Any] = request.app.openapi()
    return document


def create_app(settings: Settings, store: OperationalStore | None = None) -> FastAPI:
    """The API on ``store`` (default: the settings' store, migrated, closed on shutdown)."""
    owned = store is None
    the_store = store if store is not None else open_operational_store(settings)

    checkpoints = the_store.background_checkpoints()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Checkpoints off the request path (store.operational.checkpoints): every answer
        # commits an audit entry, and the commit that crossed SQLite's threshold paid for
        # everyone's.
        checkpoints.start()
        try:
            yield
        finally:
            checkpoints.stop()
            if owned:
                the_store.dispose()

    app = FastAPI(
        title="Tessera",
        version=version("tessera"),
        summary="One trustworthy picture of each person from many record systems.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.store = the_store
    app.state.settings = settings  # for what reads the batch workspace (explanations, judgements)
    install_rate_limits(app, settings)  # inside the session middleware: reads its session
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_seconds,
        same_site="strict",
        https_only=settings.cookie_secure,
    )
    install_load_shedding(app, settings)  # outermost: sheds before any other work
    install_error_handlers(app)
    app.include_router(health.router)
    for router in (
        auth.router,
        me.router,
        people.router,
        leads.router,
        judgements.router,
        status_queries.router,
        enforcement.router,
        audit.router,
        _schema,
    ):
        app.include_router(router, responses=TOO_MANY_RESPONSES)
    return app
