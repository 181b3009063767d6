"""The published pipeline results: replaced in bulk, read by point look-ups.

``replace`` writes a whole new publication beside the current one, makes it current in
one short transaction, and then deletes the rows of every other publication. A reader
pins the current publication (``view``) and reads only its rows; if a newer one became
current while it read (``PublishedView.still_current``), it reads again, so that what it
returns always comes from one publication (ADR 0010).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import Engine, insert, select, update

from tessera.store.operational import published_bulk
from tessera.store.operational import published_rows as rows
from tessera.store.operational.published_rows import Bulk, Publication
from tessera.store.operational.published_view import PublishedView, current_publication
from tessera.store.operational.schema_published import COUNTED, PUBLISHED_TABLES, publications

Tables = Callable[[int], Iterable[Bulk]]
"""Given the new publication's id, the rows of every table (each row starting with it)."""


class UnknownTableError(ValueError):
    """A bulk load names a table that holds no published rows."""


class PublishedResults:
    """The publications of one operational store."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def replace(self, run_id: int | None, as_of: dt.date | None, tables: Tables) -> Publication:
        """Publish the rows ``tables`` gives as the new current publication; the previous
        one is deleted once the new one is current. Rows are appended in batches (see
        ``published_bulk``); until the switch no reader sees any of them."""
        self._purge(self._abandon_loading())
        new_id = self._start(run_id, as_of)
        counts = dict.fromkeys(COUNTED, 0)
        known = {t.name for t in PUBLISHED_TABLES}
        for bulk in tables(new_id):
            if bulk.table not in known:
                raise UnknownTableError(f"{bulk.table} is not a published table")
            written = published_bulk.load(self._engine, bulk)
            name = bulk.table.removeprefix("pub_")
            if name in counts:
                counts[name] += written
        published_bulk.analyze(self._engine, [t.name for t in PUBLISHED_TABLES])
        retired = self._switch(new_id, counts)
        self._purge(retired)
        current = self.current()
        assert current is not None and current.id == new_id
        return current

    def _abandon_loading(self) -> list[int]:
        """Publications left half-loaded by a publisher that died: retired, to be purged."""
        with self._engine.begin() as connection:
            ids = list(
                connection.scalars(
                    select(publications.c.id).where(publications.c.state != "current")
                )
            )
            connection.execute(
                update(publications)
                .where(publications.c.state == "loading")
                .values(state="retired")
            )
        return ids

    def _start(self, run_id: int | None, as_of: dt.date | None) -> int:
        values = {name: 0 for name in COUNTED}
        with self._engine.begin() as connection:
            result = connection.execute(
                insert(publications).values(
                    run_id=run_id,
                    as_of=as_of,
                    state="loading",
                    started_at=dt.datetime.now(dt.UTC),
                    **values,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def _switch(self, new_id: int, counts: Mapping[str, int]) -> list[int]:
        """Make ``new_id`` the current publication; return the ids it retired."""
        with self._engine.begin() as connection:
            retired = list(
                connection.scalars(
                    select(publications.c.id).where(publications.c.state == "current")
                )
            )
            connection.execute(
                update(publications)
                .where(publications.c.state == "current")
                .values(state="retired")
            )
            connection.execute(
                update(publications)
                .where(publications.c.id == new_id)
                .values(state="current", published_at=dt.datetime.now(dt.UTC), **counts)
            )
        return retired

    def _purge(self, publication_ids: Sequence[int]) -> None:
        names = [t.name for t in PUBLISHED_TABLES]
        published_bulk.purge(self._engine, names, publication_ids)

    def current(self) -> Publication | None:
        """The publication readers see now; ``None`` before the first."""
        with self._engine.connect() as connection:
            return current_publication(connection)

    def history(self, limit: int = 20) -> list[Publication]:
        """The most recent publications, newest first (retired ones keep their counts)."""
        with self._engine.connect() as connection:
            found = connection.execute(
                select(publications).order_by(publications.c.id.desc()).limit(limit)
            )
            return [rows.publication(r) for r in found]

    @contextmanager
    def view(self) -> Iterator[PublishedView | None]:
        """The current publication, pinned, on one connection; ``None`` if none exists."""
        with self._engine.connect() as connection:
            current = current_publication(connection)
            yield None if current is None else PublishedView(connection, current)
