"""A publication replaces the previous one atomically: while it loads, and if it fails,
readers see the previous one whole; a reader pinned to a publication notices when a
newer one becomes current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from tessera.store.operational import OperationalStore
from tessera.store.operational.published_rows import Bulk
from tessera.store.operational.schema_published import pub_people, pub_statements

PEOPLE = tuple(c.name for c in pub_people.columns)
STATEMENTS = tuple(c.name for c in pub_statements.columns)


def _person(publication_id: int, person_id: str, name: str) -> tuple[Any, ...]:
    values = {
        "publication_id": publication_id,
        "person_id": person_id,
        "display_name": name,
        "birth_date": "1970-01-02",
        "sex": "F",
        "standing": "UNKNOWN",
        "protected_1367": False,
        "jurisdictions": "",
        "citizen_keys": "",
        "protection_keys": "",
        "noncitizen_keys": "",
        "records": 1,
        "findings": 0,
        "name_tokens": name,
        "birth_dates": "1970-01-02",
    }
    return tuple(values[c] for c in PEOPLE)


def _statement(publication_id: int, person_id: str, value: str) -> tuple[Any, ...]:
    return (publication_id, person_id, "name", value, "arrivals:1", "2001-02-03")


def _world(name: str) -> Any:
    def tables(publication_id: int) -> Iterator[Bulk]:
        yield Bulk("pub_people", PEOPLE, [[_person(publication_id, "P1", name)]])
        yield Bulk("pub_statements", STATEMENTS, [[_statement(publication_id, "P1", name)]])

    return tables


def _shown(store: OperationalStore) -> tuple[int, str, list[str]]:
    with store.published.view() as view:
        assert view is not None
        person = view.person("P1")
        assert person is not None
        return view.publication.id, person.display_name, [s.value for s in view.statements("P1")]


def test_readers_see_the_old_publication_whole_until_the_new_one_is(
    store: OperationalStore,
) -> None:
    old = store.published.replace(None, dt.date(2026, 1, 1), _world("OLD")).id
    seen = []

    def loading(publication_id: int) -> Iterator[Bulk]:
        yield Bulk("pub_people", PEOPLE, [[_person(publication_id, "P1", "NEW")]])
        seen.append(_shown(store))  # the new people are in, their statements not yet
        yield Bulk("pub_statements", STATEMENTS, [[_statement(publication_id, "P1", "NEW")]])

    new = store.published.replace(None, dt.date(2026, 2, 1), loading).id
    assert seen == [(old, "OLD", ["OLD"])]
    assert _shown(store) == (new, "NEW", ["NEW"])


def test_a_failed_publication_changes_nothing_and_is_cleared_by_the_next(
    store: OperationalStore,
) -> None:
    old = store.published.replace(None, None, _world("OLD")).id

    def failing(publication_id: int) -> Iterator[Bulk]:
        yield Bulk("pub_people", PEOPLE, [[_person(publication_id, "P1", "HALF")]])
        raise RuntimeError("the publisher died")

    with pytest.raises(RuntimeError, match="died"):
        store.published.replace(None, None, failing)
    assert _shown(store) == (old, "OLD", ["OLD"])
    new = store.published.replace(None, None, _world("NEXT")).id
    assert _shown(store) == (new, "NEXT", ["NEXT"])
    states = {p.id: p.state for p in store.published.history()}
    assert states[new] == "current" and list(states.values()).count("current") == 1
    with store.engine.connect() as connection:
        left = connection.scalar(select(func.count()).select_from(pub_people))
    assert left == 1


def test_a_pinned_reader_notices_a_newer_publication(store: OperationalStore) -> None:
    store.published.replace(None, None, _world("OLD"))
    with store.published.view() as view:
        assert view is not None and view.still_current()
        store.published.replace(None, None, _world("NEW"))
        assert not view.still_current()


def test_nothing_published_reads_as_none(store: OperationalStore) -> None:
    assert store.published.current() is None
    with store.published.view() as view:
        assert view is None
