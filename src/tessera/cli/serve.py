"""``tessera serve``: run the HTTP API and the web screens (``tessera.web``) under uvicorn.

One process serves Python code on one core at a time (its GIL); ``--workers N`` runs N
processes on one socket. They share the store (SQLite in WAL mode serialises writes, the
audit chain's head row orders them); each has its own concurrency gate, and its own rate
limit counts unless ``TESSERA_RATE_LIMIT_STORAGE`` names a shared store.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from typing import Annotated

import typer
import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from tessera.cli.options import DataDir
from tessera.service.operational import open_operational_store
from tessera.settings import Settings
from tessera.web import create_site

SWITCH_INTERVAL = 0.0005
"""Seconds a thread may hold the GIL while another waits for it (Python's default: 5 ms).
A request is computed on a worker thread while the event loop thread reads and answers
others; at 5 ms every hand-over between them can cost a request 5 ms, and a query a
few of them: a server's latency wants short turns (its throughput barely notices)."""


def _latency_first() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL)


def site_from_environment() -> FastAPI:
    """The site each worker process builds (uvicorn imports it by name): settings from
    the environment, the data dir included (``serve_command`` sets it)."""
    _latency_first()
    return create_site(Settings())


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (one per core serves most).")
    ] = 1,
    data_dir: DataDir = None,
) -> None:
    """Serve the API and the screens: GET /health is open, everything else needs a session
    or an API key (a page without a session goes to the sign-in page)."""
    settings = Settings().with_data_dir(data_dir)
    if workers == 1:
        _latency_first()
        app = create_site(settings)
        uvicorn.run(app, host=host, port=port, server_header=False)  # no version advertised
        return
    open_operational_store(settings).dispose()  # migrated once, before the workers race
    os.environ["TESSERA_DATA_DIR"] = str(settings.data_dir)
    config = uvicorn.Config(
        f"{__name__}:site_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        server_header=False,
    )
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[listening_socket(host, port)]).run()


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket every worker accepts on. Made here rather than by uvicorn, whose own
    socket carries no protocol number: asyncio then never sets ``TCP_NODELAY`` on the
    connections it accepts, and an answer written in two parts waits for the client's
    delayed acknowledgement (40 ms on Linux) before its second part leaves."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise typer.BadParameter(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
