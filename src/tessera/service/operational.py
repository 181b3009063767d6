"""The operational store for the faces that hold it open (the HTTP server), and whether
it answers."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from tessera.settings import Settings
from tessera.store.operational import OperationalStore


def open_operational_store(settings: Settings) -> OperationalStore:
    """The operational store, migrated to the current schema."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = OperationalStore(settings.resolved_store_url)
    store.migrate()
    return store


def store_ready(store: OperationalStore) -> bool:
    """Whether the store answers and its audit log can take entries: without the log
    nothing may be accessed, so a server without it is not ready."""
    try:
        return store.audit.head() is not None
    except SQLAlchemyError:
        return False
