"""``tessera serve``: run the HTTP API and the web screens (``tessera.web``) under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from tessera.cli.options import DataDir
from tessera.settings import Settings
from tessera.web import create_site


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    data_dir: DataDir = None,
) -> None:
    """Serve the API and the screens: GET /health is open, everything else needs a session
    or an API key (a page without a session goes to the sign-in page)."""
    app = create_site(Settings().with_data_dir(data_dir))
    uvicorn.run(app, host=host, port=port, server_header=False)  # no version advertised


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
