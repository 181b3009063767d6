"""What the access-control commands share: the purpose option, the store, and the
operator they act as (``cli:<os user>``, see ``service.access.local_operator``)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated

import typer

from tessera.cli.options import fail, settings_for
from tessera.security import Purpose, PurposeError, parse_purpose
from tessera.service.operational import operational_store as service_store
from tessera.store.operational import OperationalStore

PurposeText = Annotated[
    str | None,
    typer.Option(
        "--purpose",
        help="Why, as '<kind>:<reference> <text>' (e.g. 'administration:T-118 new analyst'); "
        "recorded in the audit log. Default: the command itself.",
    ),
]


def purpose_or_default(text: str | None, default: str) -> Purpose:
    try:
        return parse_purpose(text if text is not None else default)
    except PurposeError as exc:
        raise fail(str(exc)) from None


def operational_store(data_dir: Path | None) -> AbstractContextManager[OperationalStore]:
    return service_store(settings_for(data_dir))
