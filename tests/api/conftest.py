"""The API on a migrated store, with a TestClient over HTTPS (the session cookie is
Secure, as in production)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tessera.api import create_app
from tessera.settings import Settings
from tessera.store.operational import OperationalStore

SECRET = "a test secret that is long enough to sign"


@pytest.fixture
def api_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", secret_key=SecretStr(SECRET))


@pytest.fixture
def api_store(tmp_path: Path) -> Iterator[OperationalStore]:
    """SQLite: the HTTP behaviour does not depend on the backend (the end-to-end test in
    test_audit_route.py runs on both)."""
    store = OperationalStore(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.migrate()
    yield store
    store.dispose()


@pytest.fixture
def client(api_settings: Settings, api_store: OperationalStore) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, api_store), base_url="https://testserver") as test:
        yield test
