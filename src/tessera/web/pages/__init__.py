"""The page routers, one module per screen; ``PAGE_ROUTERS`` is what the site mounts, in
order (the fallback for unknown screens last)."""

from fastapi import APIRouter

from tessera.web.pages import (
    audit,
    desk,
    enforcement,
    fallback,
    judge,
    leads,
    people,
    search,
    session,
)

PAGE_ROUTERS: tuple[APIRouter, ...] = (
    session.router,
    search.router,
    people.router,
    desk.router,
    enforcement.router,
    audit.router,
    leads.router,
    judge.router,
    fallback.router,
)
