"""What every command module shares: the ``--data-dir`` option, the settings it gives,
and the one way a command fails (one line on stderr, exit code 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tessera.cli.console import err
from tessera.settings import Settings

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the workspace and the default store live (env TESSERA_DATA_DIR).",
        file_okay=False,
    ),
]


def settings_for(data_dir: Path | None) -> Settings:
    """The environment's settings, with ``--data-dir`` when it was given."""
    return Settings().with_data_dir(data_dir)


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` on stderr; return the exit to raise."""
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)
