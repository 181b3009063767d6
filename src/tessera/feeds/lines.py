"""Read a delivered file as numbered physical lines, keeping every byte accounted for.

Python checks the bytes first (one streaming pass): lines that are not UTF-8 are
quarantined here, since no SQL engine can hold them as text, and are blanked in a
sanitised copy so every other line keeps its line number. DuckDB then loads the lines
(fast, multi-threaded) into ``_lines(line, text)``; line 1 is the first line of the
file as delivered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tessera.feeds.sqltext import lit

BLOCK_SIZE = 32 * 1024 * 1024
FORBIDDEN = b"\x01"  # DuckDB's line reader uses it as its (never matching) delimiter


@dataclass(frozen=True)
class LineProblem:
    line: int
    kind: str
    reason: str
    raw_text: str


@dataclass
class CheckedFile:
    path: Path
    line_count: int = 0
    problems: list[LineProblem] = field(default_factory=list)


def _blocks(path: Path) -> Iterator[bytes]:
    """Whole lines in blocks of about BLOCK_SIZE bytes."""
    with path.open("rb") as handle:
        carry = b""
        while chunk := handle.read(BLOCK_SIZE):
            data = carry + chunk
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            if cut:
                yield data[:cut]
        if carry:
            yield carry


def check_file(path: Path, scratch: Path) -> CheckedFile:
    """Count lines and find undecodable ones; write a sanitised copy if any exist."""
    checked = CheckedFile(path)
    dirty = False
    for block in _blocks(path):
        checked.line_count += block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
        dirty = dirty or not _block_is_clean(block)
    if dirty:
        # Rare: a second pass writes the copy, blanking the lines no engine can read.
        scratch.mkdir(parents=True, exist_ok=True)
        copy = scratch / path.name
        next_line = 1
        with copy.open("wb") as out:
            for block in _blocks(path):
                out.write(_clean_block(block, next_line, checked.problems))
                next_line += block.count(b"\n")
        checked.path = copy
    return checked


def _block_is_clean(block: bytes) -> bool:
    if FORBIDDEN in block:
        return False
    if block.isascii():  # the usual case, and an order of magnitude faster to check
        return True
    try:
        block.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _clean_block(block: bytes, first_line: int, problems: list[LineProblem]) -> bytes:
    out: list[bytes] = []
    pieces = block.split(b"\n")
    if not pieces[-1]:
        pieces.pop()
    for offset, piece in enumerate(pieces):
        line = piece + b"\n"
        body = piece.rstrip(b"\r")
        ending = line[len(body) :]
        number = first_line + offset
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(_problem(number, body, f"undecodable bytes at column {exc.start + 1}"))
            out.append(ending)
            continue
        if FORBIDDEN in body:
            problems.append(_problem(number, body, "control character U+0001 in the row"))
            out.append(ending)
            continue
        out.append(line)
    return b"".join(out)


def _problem(number: int, body: bytes, what: str) -> LineProblem:
    text = body.decode("utf-8", errors="backslashreplace")
    reason = f"{what}: the file must be UTF-8; re-export the row from the source system"
    return LineProblem(number, "undecodable_bytes", reason, text)


def load_lines(con: duckdb.DuckDBPyConnection, checked: CheckedFile) -> None:
    """Load ``checked.path`` into TEMP ``_lines(line, text)``; line numbers as delivered."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _lines_raw AS SELECT l AS text FROM read_csv("
        f"{lit(str(checked.path))}, columns = {{'l': 'VARCHAR'}}, delim = chr(1), "
        "quote = '', escape = '', header = false, auto_detect = false, "
        "strict_mode = false, null_padding = false)"
    )
    # A CTAS keeps insertion order, so rowid is the physical line number - 1.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _lines AS SELECT rowid + 1 AS line, text FROM _lines_raw"
    )
    con.execute("DROP TABLE _lines_raw")
    loaded = con.execute("SELECT count(*) FROM _lines").fetchone()
    count = loaded[0] if loaded else 0
    if count != checked.line_count:
        raise RuntimeError(
            f"{checked.path}: read {count} lines but the file has {checked.line_count}"
        )
