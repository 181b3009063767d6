"""Publishing the sample: every person and what the records say of them, on SQLite and
PostgreSQL; the same rows again when re-published; the old publication whole until the
new one is."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
from sqlalchemy import select

from tessera.publish import NotPublishableError, publish_results
from tessera.security.jurisdiction import us_states
from tessera.status import drop_as_of
from tessera.store.operational import OperationalStore
from tessera.store.operational.schema_published import PUBLISHED_TABLES


def _one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None
    return row[0]


def _dump(store: OperationalStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every published row, without its publication id, sorted."""
    found = {}
    with store.engine.connect() as connection:
        for table in PUBLISHED_TABLES:
            columns = [c for c in table.columns if c.name != "publication_id"]
            rows = connection.execute(select(*columns)).all()
            found[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return found


def test_every_person_and_every_stage_table_is_published(
    workspace: duckdb.DuckDBPyConnection, store: OperationalStore
) -> None:
    report = publish_results(workspace, store, run_id=7)
    expected = {
        "people": _one(workspace, "SELECT count(*) FROM status_people"),
        "timeline": _one(workspace, "SELECT count(*) FROM status_timeline"),
        "periods": _one(workspace, "SELECT count(*) FROM status_periods"),
        "findings": _one(workspace, "SELECT count(*) FROM findings"),
        "redirects": _one(workspace, "SELECT count(*) FROM person_redirects"),
    }
    assert {k: report.counts[k] for k in expected} == expected
    # Every record states at least its name; some say much more.
    assert report.counts["statements"] > _one(workspace, "SELECT count(*) FROM person_records")
    current = store.published.current()
    assert current is not None
    assert (current.id, current.run_id, current.as_of) == (
        report.publication_id,
        7,
        drop_as_of(workspace),
    )
    assert dict(current.counts) == dict(report.counts)


def test_a_persons_row_says_what_the_workspace_says(
    workspace: duckdb.DuckDBPyConnection, store: OperationalStore
) -> None:
    publish_results(workspace, store, run_id=None)
    person_id, code, evidence = workspace.execute(
        "SELECT entity_id, code, evidence FROM findings WHERE code = 'OVERSTAY' "
        "ORDER BY entity_id LIMIT 1"
    ).fetchone() or ("", "", [])
    records = _one(workspace, "SELECT count(*) FROM record_entities WHERE entity_id = ?", person_id)
    with store.published.view() as view:
        assert view is not None
        person = view.person(person_id)
        assert person is not None
        assert person.standing == "NONCITIZEN" and person.records == records
        [finding] = [f for f in view.findings(person_id) if f.code == code]
        assert finding.evidence == tuple(evidence)
        assert finding.rule_text and "INA" in finding.legal_basis
        sources = {s.source for s in view.statements(person_id)}
        assert len(sources) == records
        assert {s.property for s in view.statements(person_id)} >= {"name", "dob"}
        assert view.timeline(person_id) and view.periods(person_id)


def test_1367_protection_and_jurisdictions_come_from_the_records(
    workspace: duckdb.DuckDBPyConnection, store: OperationalStore
) -> None:
    publish_results(workspace, store, run_id=None)
    confidential = {
        str(r[0])
        for r in workspace.execute(
            "SELECT DISTINCT entity_id FROM status_filings WHERE form IN ('I-914', 'I-918')"
        ).fetchall()
    }
    wanted_in = workspace.execute(
        "SELECT e.entity_id, substr(w.ori, 1, 2) FROM src_wanted w JOIN record_entities e "
        "ON e.feed = 'wanted' AND e.record_id = w.record_id ORDER BY 1 LIMIT 1"
    ).fetchone()
    assert confidential and wanted_in
    with store.published.view() as view:
        assert view is not None
        everyone = view.people(
            [str(r[0]) for r in workspace.execute("SELECT entity_id FROM status_people").fetchall()]
        )
    assert {p for p, person in everyone.items() if person.protected_1367} == confidential
    assert wanted_in[1] in everyone[wanted_in[0]].jurisdictions
    codes = {c for person in everyone.values() for c in person.jurisdictions}
    assert codes and codes <= us_states()


def test_republishing_gives_the_same_rows_and_keeps_one_publication(
    workspace: duckdb.DuckDBPyConnection, store: OperationalStore
) -> None:
    first = publish_results(workspace, store, run_id=1)
    before = _dump(store)
    second = publish_results(workspace, store, run_id=1)
    assert second.publication_id != first.publication_id
    assert _dump(store) == before
    assert [(p.id, p.state) for p in store.published.history()] == [
        (second.publication_id, "current"),
        (first.publication_id, "retired"),
    ]
    with store.engine.connect() as connection:
        for table in PUBLISHED_TABLES:
            ids = set(connection.scalars(select(table.c.publication_id).distinct()))
            assert ids <= {second.publication_id}, table.name


def test_a_workspace_not_judged_yet_is_refused(tmp_path: Any, store: OperationalStore) -> None:
    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    try:
        with pytest.raises(NotPublishableError, match="tessera run"):
            publish_results(con, store, run_id=None)
    finally:
        con.close()
    assert store.published.current() is None
