"""Alembic environment for the operational store.

Tessera runs it from code (``OperationalStore.migrate``) and hands in its own engine via
``config.attributes["engine"]``. Developers run it through the repository's ``alembic.ini``
(``alembic revision --autogenerate``), where the URL comes from ``-x url=...`` or the ini.
``target_metadata`` is the ORM's, so autogenerate diffs the models against the database;
on SQLite, ``render_as_batch`` lets ALTERs be emitted as copy-and-move table rebuilds.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from tessera.store.operational.engine import make_engine
from tessera.store.operational.schema import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: pass -x url=... or set sqlalchemy.url")
    return url


def run_migrations_offline() -> None:
    """``alembic upgrade --sql``: print the SQL instead of running it."""
    url = _url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("engine")
    engine = given if isinstance(given, Engine) else make_engine(_url())
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=connection.dialect.name == "sqlite",
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
    finally:
        if engine is not given:
            engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
