"""``GET /health``: for load balancers and monitors. No authentication, and nothing about
any person: only whether the store answers and its audit log takes entries."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from tessera.api.deps import StoreDep
from tessera.api.schemas import Health
from tessera.service.operational import store_ready

router = APIRouter(tags=["operations"])


@router.get("/health", responses={503: {"model": Health}})
def health(store: StoreDep, response: Response) -> Health:
    if store_ready(store):
        return Health(status="ok")
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return Health(status="unavailable")
