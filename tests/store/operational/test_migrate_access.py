"""Migration 0003: users, API keys, the audit log and its head, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tessera.security.audit_chain import GENESIS
from tessera.store.operational import OperationalStore
from tessera.store.operational.migrate import alembic_config

TABLES = {"users", "api_keys", "audit_log", "audit_head"}


def test_the_tables_arrive_with_stable_names_and_an_empty_logs_head(
    store: OperationalStore,
) -> None:
    found = inspect(store.engine)
    assert set(found.get_table_names()) >= TABLES
    assert found.get_pk_constraint("audit_log")["constrained_columns"] == ["seq"]
    assert sorted(i["name"] for i in found.get_indexes("audit_log")) == [
        "ix_audit_log_actor",
        "ix_audit_log_at",
        "ix_audit_log_person_id",
    ]
    checks = {
        c["name"]
        for t in ("users", "audit_log", "audit_head")
        for c in found.get_check_constraints(t)
    }
    assert checks == {
        "ck_users_role_known",
        "ck_users_partner_fields",
        "ck_audit_log_outcome_known",
        "ck_audit_head_single_row",
    }
    [fk] = found.get_foreign_keys("api_keys")
    assert (fk["name"], fk["referred_table"]) == ("fk_api_keys_user_id_users", "users")
    with store.engine.connect() as connection:
        head = connection.execute(text("SELECT id, seq, entry_hash FROM audit_head")).all()
    assert [tuple(row) for row in head] == [(1, 0, GENESIS)]


def test_the_head_stays_a_single_row(store: OperationalStore) -> None:
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("INSERT INTO audit_head VALUES (2, 0, :h)"), {"h": GENESIS})


def test_going_down_below_0003_removes_them_and_up_restores_them(store: OperationalStore) -> None:
    command.downgrade(alembic_config(store.engine), "0002")
    assert not TABLES & set(inspect(store.engine).get_table_names())
    assert "ingest_runs" in inspect(store.engine).get_table_names()
    store.migrate()
    head = store.audit.head()
    assert head is not None and (head.seq, head.entry_hash) == (0, GENESIS)
