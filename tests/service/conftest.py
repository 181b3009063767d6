"""A migrated operational store on each backend, for the access-control use cases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tessera.store.operational import OperationalStore


@pytest.fixture
def access_store(store_url: str) -> Iterator[OperationalStore]:
    migrated = OperationalStore(store_url)
    migrated.migrate()
    yield migrated
    migrated.dispose()
