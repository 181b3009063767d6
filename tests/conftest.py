"""Fixtures shared across the suite: the sample drop, store URLs on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import duckdb
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from tessera.feeds import DropLoad, ingest_drop
from tessera.service.pipeline import run_pipeline
from tessera.settings import Settings

POSTGRES_URL = os.environ.get(
    "TESSERA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path(os.environ.get("TESSERA_SAMPLE_DROP", REPO.parent / "shared" / "feeds" / "sample"))


@pytest.fixture(scope="session")
def sample_drop() -> Path:
    """The shared sample drop (SPEC.md's ``sample/``), beside the repository."""
    if not (SAMPLE / "manifest.json").is_file():
        pytest.skip(f"the shared sample drop is not at {SAMPLE}")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_workspace(
    sample_drop: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[duckdb.DuckDBPyConnection, DropLoad]]:
    """The sample drop ingested once, shared by many tests (read it, do not change it)."""
    base = tmp_path_factory.mktemp("sample-workspace")
    con = duckdb.connect(str(base / "workspace.duckdb"))
    load = ingest_drop(con, sample_drop, base / "scratch")
    yield con, load
    con.close()


def _postgres_unavailable(reason: str) -> NoReturn:
    if os.environ.get("TESSERA_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (TESSERA_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database on ``TESSERA_TEST_POSTGRES_URL``'s server,
    dropped afterwards. Skipped when no server answers, unless TESSERA_REQUIRE_POSTGRES=1."""
    admin = create_engine(
        POSTGRES_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    name = f"tessera_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        shown = make_url(POSTGRES_URL).render_as_string(hide_password=True)
        _postgres_unavailable(f"no PostgreSQL answers at {shown}: {exc.orig}")
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The operational store on each backend Tessera supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'nested' / 'store.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


# --- the sample drop through the whole pipeline (publish tests, people service and API) ---


@pytest.fixture(scope="session")
def sample_pipeline(sample_drop: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data directory where the whole pipeline ran on the sample once (and published
    into its own SQLite store). Read it, do not change it: copy what a test changes."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("sample-pipeline") / "data")
    run_pipeline(settings, sample_drop)
    return settings
