"""Errors the service raises, as HTTP answers: 401 without credentials, 403 when the policy
refuses (with its reason), 400 for an unreadable purpose, 404 for what does not exist, 409
for a change that comes too late, 422 for a request that cannot be carried out as asked,
503 when the audit log cannot take entries (then nothing may be accessed at all)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tessera.api.schemas import Problem, Unprocessable
from tessera.security import PurposeError
from tessera.service.access import AccessDeniedError
from tessera.service.auth import NotAuthenticatedError
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.store.operational import AuditHeadMissingError
from tessera.store.operational.status_desk import StaleStateError


def _not_authenticated(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        {"detail": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
    )


def _problem(status_code: int) -> Callable[[Request, Exception], JSONResponse]:
    """A handler answering ``status_code`` with the exception's message as the detail."""

    def handler(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status_code)

    return handler


def _no_audit(_request: Request, _exc: Exception) -> JSONResponse:
    return JSONResponse(
        {"detail": "the audit log cannot take entries, so no access is possible"},
        status_code=503,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotAuthenticatedError, _not_authenticated)
    app.add_exception_handler(AccessDeniedError, _problem(403))
    app.add_exception_handler(PurposeError, _problem(400))
    app.add_exception_handler(AuditHeadMissingError, _no_audit)
    app.add_exception_handler(NotFoundError, _problem(404))
    app.add_exception_handler(ConflictError, _problem(409))
    app.add_exception_handler(StaleStateError, _problem(409))
    app.add_exception_handler(InvalidRequestError, _problem(422))


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"model": Problem, "description": "Not authenticated"},
    403: {"model": Problem, "description": "Refused by the access policy: the detail says why"},
    503: {"model": Problem, "description": "The audit log cannot take entries"},
}
"""Documented on every authenticated route, so generated clients know these answers."""

PURPOSE_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": Problem, "description": "No purpose stated, or one that cannot be read"},
}

NOT_FOUND: dict[int | str, dict[str, object]] = {
    404: {"model": Problem, "description": "No such thing (or not any more)"},
}

INVALID: dict[int | str, dict[str, object]] = {
    422: {"model": Unprocessable, "description": "Malformed, or not possible as asked"},
}

STALE: dict[int | str, dict[str, object]] = {
    409: {"model": Problem, "description": "It changed state first (closed, answered, decided)"},
    **INVALID,
}
