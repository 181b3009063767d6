"""Signing in and out in a browser, the landing page by role, the purpose form and the
"me" page. Sign-in goes through ``service.auth.sign_in``, as the API's does, so every
attempt is audited the same way."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from tessera.api.deps import StoreDep, session_principal
from tessera.model.access import PurposeKind
from tessera.security import Purpose, PurposeError, parse_purpose
from tessera.security.policy import ROLES
from tessera.service.access import utc_today
from tessera.service.auth import NotAuthenticatedError, sign_in, sign_out
from tessera.web.deps import CheckedForm, PageUser
from tessera.web.nav import home_for
from tessera.web.paths import SIGN_IN
from tessera.web.purposes import PURPOSE_PAGE, keep_purpose, session_purpose
from tessera.web.render import render

router = APIRouter()


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site (never ``//elsewhere`` or ``https://...``)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


@router.get("/")
def landing(request: Request, store: StoreDep) -> Response:
    user = session_principal(request, store)
    return RedirectResponse(home_for(user) if user else SIGN_IN, status_code=303)


@router.get(SIGN_IN)
def sign_in_form(request: Request, store: StoreDep, next: str | None = None) -> Response:
    user = session_principal(request, store)
    if user is not None:
        return RedirectResponse(safe_next(next, home_for(user)), status_code=303)
    return render(request, "sign_in.html", {"next": safe_next(next, "")})


@router.post(SIGN_IN)
def sign_in_post(
    request: Request,
    store: StoreDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    try:
        signed_in = sign_in(store, username, password)
    except NotAuthenticatedError:
        context = {"next": safe_next(next, ""), "username": username, "failed": True}
        return render(request, "sign_in.html", context, status_code=401)
    request.session.clear()  # nothing from before sign-in carries over (not even a token)
    request.session.update(
        {"uid": signed_in.principal.user_id, "iat": signed_in.issued_at.isoformat()}
    )
    target = safe_next(next, home_for(signed_in.principal))
    return RedirectResponse(target, status_code=303)


@router.post("/sign-out", dependencies=[CheckedForm])
def sign_out_post(request: Request, user: PageUser, store: StoreDep) -> Response:
    sign_out(store, user)
    request.session.clear()
    return RedirectResponse(SIGN_IN, status_code=303)


@router.get(PURPOSE_PAGE)
def purpose_form(request: Request, user: PageUser, next: str | None = None) -> Response:
    kinds = sorted(k.value for k in ROLES[user.role].purposes)
    context = {"kinds": kinds, "next": safe_next(next, ""), "current": session_purpose(request)}
    return render(request, "purpose.html", context, user=user)


@router.post(PURPOSE_PAGE, dependencies=[CheckedForm])
def purpose_post(
    request: Request,
    user: PageUser,
    kind: Annotated[str, Form()] = "",
    reference: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    kinds = sorted(k.value for k in ROLES[user.role].purposes)
    try:
        if kind not in kinds:
            raise PurposeError(f"as a {user.role.value} you may state: {', '.join(kinds)}")
        if not text.strip():
            raise PurposeError("say in a few words why you need the records")
        purpose = Purpose(PurposeKind(kind), reference.strip(), text.strip())
        parse_purpose(str(purpose))  # the same checks as the API's header
    except PurposeError as refusal:
        context = {
            "kinds": kinds,
            "next": safe_next(next, ""),
            "error": str(refusal),
            "kind": kind,
            "reference": reference,
            "text": text,
        }
        return render(request, "purpose.html", context, user=user, status_code=422)
    keep_purpose(request, purpose)
    return RedirectResponse(safe_next(next, home_for(user)), status_code=303)


@router.get("/ui/me")
def me_page(request: Request, user: PageUser) -> Response:
    policy = ROLES[user.role]
    context = {
        "permissions": sorted(a.value for a in policy.permissions),
        "purposes": sorted(k.value for k in policy.purposes),
        "certified": user.partner.certified_on(utc_today()) if user.partner else None,
    }
    return render(request, "me.html", context, user=user)
