"""What the access-control commands share: the data-dir and purpose options, the store, and
the operator they act as (``cli:<os user>``, see ``service.access.local_operator``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tessera.cli.console import err
from tessera.security import Purpose, PurposeError, parse_purpose
from tessera.service.operational import open_operational_store
from tessera.settings import Settings
from tessera.store.operational import OperationalStore

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the workspace and the default store live (env TESSERA_DATA_DIR).",
        file_okay=False,
    ),
]
PurposeText = Annotated[
    str | None,
    typer.Option(
        "--purpose",
        help="Why, as '<kind>:<reference> <text>' (e.g. 'administration:T-118 new analyst'); "
        "recorded in the audit log. Default: the command itself.",
    ),
]


def fail(message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


def purpose_or_default(text: str | None, default: str) -> Purpose:
    try:
        return parse_purpose(text if text is not None else default)
    except PurposeError as exc:
        raise fail(str(exc)) from None


@contextmanager
def operational_store(data_dir: Path | None) -> Iterator[OperationalStore]:
    store = open_operational_store(Settings().with_data_dir(data_dir))
    try:
        yield store
    finally:
        store.dispose()
