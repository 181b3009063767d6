"""The OpenAPI document: behind authentication, and complete enough for a typed client."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tessera.model.access import Role
from tessera.store.operational import OperationalStore
from tests.accounts import PASSWORD, make_account


def test_the_document_describes_routes_security_and_the_purpose_header(
    client: TestClient, api_store: OperationalStore
) -> None:
    assert client.get("/openapi.json").status_code == 401
    assert client.get("/docs").status_code == 404  # no page that loads scripts from a CDN
    make_account(api_store, "alice", Role.analyst)
    client.post("/auth/sign-in", json={"username": "alice", "password": PASSWORD})
    document = client.get("/openapi.json").json()
    assert {"/health", "/auth/sign-in", "/auth/sign-out", "/me", "/audit"} <= set(document["paths"])
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    audit = document["paths"]["/audit"]["get"]
    header = next(p for p in audit["parameters"] if p["in"] == "header")
    assert header["name"] == "X-Tessera-Purpose"
    assert "lead:L123 checking address" in header["description"]
    assert {"200", "400", "401", "403", "422"} <= set(audit["responses"])
    assert "AuditEntryOut" in document["components"]["schemas"]
