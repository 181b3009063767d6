"""Migrations: shipped in the package, run from code, idempotent, and in step with the models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from tessera.store.operational import OperationalStore
from tessera.store.operational.migrate import MIGRATIONS, alembic_config, head_revision
from tessera.store.operational.schema import Base

REPO = Path(__file__).resolve().parents[3]
TABLES = {"ingest_runs", "ingest_run_feeds", "judgements", "judgement_records"}


def _schema(engine: Engine) -> dict[str, Any]:
    """Everything about the tables that a migration could change, names included."""
    found = inspect(engine)
    return {
        table: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)
            ],
            "pk": found.get_pk_constraint(table),
            "fks": [
                (fk["name"], fk["constrained_columns"], fk["referred_table"], fk["options"])
                for fk in found.get_foreign_keys(table)
            ],
            "indexes": sorted((i["name"], i["column_names"]) for i in found.get_indexes(table)),
            "checks": sorted(c["name"] or "" for c in found.get_check_constraints(table)),
        }
        for table in sorted(TABLES)
    }


def test_a_new_database_is_at_no_revision(store_url: str) -> None:
    store = OperationalStore(store_url)
    assert store.current_revision() is None
    assert not TABLES & set(inspect(store.engine).get_table_names())
    store.dispose()


def test_migrate_from_empty_creates_the_tables_with_stable_names(store_url: str) -> None:
    store = OperationalStore(store_url)
    store.migrate()
    assert TABLES | {"alembic_version"} <= set(inspect(store.engine).get_table_names())
    schema = _schema(store.engine)
    runs, feeds = schema["ingest_runs"], schema["ingest_run_feeds"]
    assert [c[0] for c in runs["columns"]] == [
        "id",
        "drop_path",
        "drop_fingerprint",
        "as_of",
        "started_at",
        "finished_at",
        "status",
        "message",
    ]
    assert runs["pk"]["name"] == "pk_ingest_runs"
    assert runs["indexes"] == [("ix_ingest_runs_drop_fingerprint", ["drop_fingerprint"])]
    assert runs["checks"] == ["ck_ingest_runs_status_known"]
    assert (feeds["pk"]["name"], feeds["pk"]["constrained_columns"]) == (
        "pk_ingest_run_feeds",
        ["run_id", "feed"],
    )
    [(fk_name, columns, referred, options)] = feeds["fks"]
    assert (fk_name, columns, referred) == (
        "fk_ingest_run_feeds_run_id_ingest_runs",
        ["run_id"],
        "ingest_runs",
    )
    assert options.get("ondelete", "").upper() == "CASCADE"
    store.dispose()


def test_current_revision_is_the_packages_head(store: OperationalStore) -> None:
    head = head_revision()
    assert head is not None
    assert store.current_revision() == head


def test_migrating_twice_changes_nothing(store: OperationalStore) -> None:
    before = _schema(store.engine)
    run = store.start_ingest_run("/d", "a" * 64, dt.date(2026, 1, 1))
    store.migrate()
    assert _schema(store.engine) == before
    assert store.current_revision() == head_revision()
    assert [r.id for r in store.ingest_runs()] == [run]


def test_models_and_migrations_do_not_drift(store: OperationalStore) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_migrations_go_down_to_nothing_and_up_again(store: OperationalStore) -> None:
    command.downgrade(alembic_config(store.engine), "base")
    assert store.current_revision() is None
    assert not TABLES & set(inspect(store.engine).get_table_names())
    store.migrate()
    assert store.current_revision() == head_revision()


def test_migrate_needs_no_ini_file_or_checkout(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = OperationalStore(store_url)
    store.migrate()
    assert store.current_revision() == head_revision()
    store.dispose()
    assert not list(tmp_path.glob("*.ini"))


def test_the_developers_alembic_ini_points_at_the_packages_migrations() -> None:
    config = Config(REPO / "alembic.ini")
    location = config.get_main_option("script_location")
    assert location is not None
    assert Path(location).resolve() == MIGRATIONS
    assert (MIGRATIONS / "env.py").is_file()
