"""``GET /health`` answers anyone, and says nothing about any person."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from tessera.store.operational import OperationalStore


def test_health_answers_without_authentication(client: TestClient) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}
    assert "set-cookie" not in answer.headers


def test_health_says_unavailable_when_the_audit_log_cannot_take_entries(
    client: TestClient, api_store: OperationalStore
) -> None:
    with api_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_head"))
    answer = client.get("/health")
    assert (answer.status_code, answer.json()) == (503, {"status": "unavailable"})
