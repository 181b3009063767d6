"""The page routers, one module per screen; ``PAGE_ROUTERS`` is what the site mounts, in
order (the fallback for unknown screens last)."""

from fastapi import APIRouter

from tessera.web.pages import fallback, session

PAGE_ROUTERS: tuple[APIRouter, ...] = (session.router, fallback.router)
