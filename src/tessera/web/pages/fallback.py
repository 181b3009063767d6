"""Any other path under ``/ui``: a visitor without a session is sent to sign in (the
site does not tell strangers which screens exist); a signed-in one is told there is no
such screen. Mounted last."""

from __future__ import annotations

from fastapi import APIRouter

from tessera.service.errors import NotFoundError
from tessera.web.deps import PageUser

router = APIRouter()


@router.get("/ui/{rest:path}")
def no_such_screen(rest: str, _user: PageUser) -> None:
    raise NotFoundError(f"there is no screen /ui/{rest}")
