"""A migrated operational store on each backend (via the shared ``store_url`` fixture)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tessera.store.operational import OperationalStore


@pytest.fixture
def store(store_url: str) -> Iterator[OperationalStore]:
    migrated = OperationalStore(store_url)
    migrated.migrate()
    yield migrated
    migrated.dispose()
