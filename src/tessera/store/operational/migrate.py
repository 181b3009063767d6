"""Alembic, run from code: the migrations ship inside the package, so an installed Tessera
can bring any database to its schema without an ``alembic.ini`` or a source checkout.

The engine is handed to ``env.py`` through ``Config.attributes`` (not as a URL string), so
migrations run on exactly the connection settings the store uses, SQLite pragmas included.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
"""The package's Alembic script folder (``env.py``, ``versions/``)."""


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration, built in code, that migrates through ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration not yet applied; a no-op at head."""
    command.upgrade(alembic_config(engine), "head")


def head_revision() -> str | None:
    """The newest revision the package ships."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` before the first migration."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
