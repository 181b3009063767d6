"""Rows of a workspace query, in batches, read a little ahead on a thread of their own.

Publishing is two kinds of work in turn: DuckDB computing a table and handing its rows to
Python, and the store writing them. DuckDB releases the GIL while it computes and SQLite
while it steps, so reading the next batch while the last one is written keeps both cores
busy. One thread per query, and queries run one after the other: the workspace connection
is never used by two threads at once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

AHEAD = 2
"""Batches read ahead of the writer: enough to overlap, few enough to bound memory."""

_DONE = object()
_WAIT = 0.1


class _Reader(threading.Thread):
    def __init__(self, con: duckdb.DuckDBPyConnection, sql: str, size: int) -> None:
        super().__init__(name="publish-reader", daemon=True)
        self.batches: queue.Queue[Any] = queue.Queue(maxsize=AHEAD)
        self.stop = threading.Event()
        self._con, self._sql, self._size = con, sql, size

    def _put(self, item: object) -> bool:
        while not self.stop.is_set():
            try:
                self.batches.put(item, timeout=_WAIT)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            self._con.execute(self._sql)
            while batch := self._con.fetchmany(self._size):
                if not self._put(batch):
                    return
            self._put(_DONE)
        except BaseException as exc:  # handed to the writer, which raises it
            self._put(exc)


def batches(
    con: duckdb.DuckDBPyConnection, sql: str, size: int
) -> Iterator[Sequence[tuple[Any, ...]]]:
    """The rows of ``sql`` in batches of ``size``, read ahead; an error reading them is
    raised here, and stopping early stops the reader."""
    reader = _Reader(con, sql, size)
    reader.start()
    try:
        while (item := reader.batches.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        reader.stop.set()
        reader.join()
