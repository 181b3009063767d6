"""The one way to open the operational store (migrated to the current schema), held open
by a server or for one use case, and whether it answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError

from tessera.settings import Settings
from tessera.store.operational import OperationalStore


def open_operational_store(settings: Settings) -> OperationalStore:
    """The operational store, migrated to the current schema."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = OperationalStore(settings.resolved_store_url)
    store.migrate()
    return store


@contextmanager
def operational_store(settings: Settings) -> Iterator[OperationalStore]:
    """The operational store, migrated to the current schema, closed afterwards."""
    store = open_operational_store(settings)
    try:
        yield store
    finally:
        store.dispose()


def store_ready(store: OperationalStore) -> bool:
    """Whether the store answers and its audit log can take entries: without the log
    nothing may be accessed, so a server without it is not ready."""
    try:
        return store.audit.head() is not None
    except SQLAlchemyError:
        return False
