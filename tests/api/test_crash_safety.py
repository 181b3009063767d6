"""Killed mid-write, nothing acknowledged is lost: ``tessera serve`` takes sign-ins, audit
reads and sign-outs from several clients at once (each written to the audit log before it
is answered), is SIGKILLed while they are still coming, and is started again. Every
request that was answered is in the log, and ``tessera audit verify`` finds the chain
whole. On SQLite (WAL) and on PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
import pytest

from tessera.model.access import Role
from tessera.model.audit import AuditEntry, AuditQuery
from tessera.service.access import local_operator
from tessera.service.audit import find_entries
from tessera.store.operational import OperationalStore
from tests.accounts import OVERSIGHT, PASSWORD, make_account
from tests.api.conftest import SECRET

CLIENTS = 4
KILL_AFTER = 60
"""Acknowledged requests before the kill: enough that writes are in flight when it lands."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """``tessera serve`` in a subprocess on one store and port."""

    store_url: str
    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    options: tuple[str, ...] = ()
    """More ``tessera serve`` options (``--workers 2``)."""
    secret: str | None = SECRET
    """``TESSERA_SECRET_KEY``; None: the data directory's own, made on first use."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **{k: v for k, v in os.environ.items() if k != "TESSERA_SECRET_KEY"},
            **({"TESSERA_SECRET_KEY": self.secret} if self.secret else {}),
            "TESSERA_STORE_URL": self.store_url,
            "TESSERA_COOKIE_SECURE": "0",  # plain HTTP on loopback
            "TESSERA_RATE_LIMIT_PER_SESSION": "100000/second",
        }
        command = [sys.executable, "-m", "tessera.cli.app", "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*command, *self.options, "--data-dir", str(self.data_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own process group: ``kill`` takes its workers too (``--workers 2``), as a
            # service manager would; they outlived the test before, orphaned.
            start_new_session=True,
        )
        for _ in range(300):  # up to 30 s to import and bind (a loaded CI machine)
            assert self.process.poll() is None, "the server exited on start"
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError("the server did not answer /health")

    def kill(self) -> None:
        """SIGKILL the server and every process it started (its group)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@dataclass
class Acknowledged:
    """What the server said it did: each answered write, which must be in the log."""

    sign_ins: Counter[str] = field(default_factory=Counter)
    sign_outs: Counter[str] = field(default_factory=Counter)
    audit_reads: set[str] = field(default_factory=set)
    """The purpose reference each acknowledged ``GET /audit`` stated (unique per request)."""
    refused: list[int] = field(default_factory=list)
    """Statuses of answers that were not a success: there should be none."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def total(self) -> int:
        with self.lock:
            return (
                sum(self.sign_ins.values()) + sum(self.sign_outs.values()) + len(self.audit_reads)
            )


def work(url: str, username: str, acked: Acknowledged, stop: threading.Event) -> None:
    """Sign in, read the log, sign out, again and again, until the server dies."""
    n = 0
    with httpx.Client(base_url=url, timeout=10) as client:
        while not stop.is_set():
            n += 1
            try:
                signed = client.post(
                    "/auth/sign-in", json={"username": username, "password": PASSWORD}
                )
                reference = f"{username}-{n}"
                purpose = {"X-Tessera-Purpose": f"oversight:{reference} crash test"}
                read = client.get("/audit", params={"limit": 5}, headers=purpose)
                signed_out = client.post("/auth/sign-out")
                with acked.lock:
                    acked.sign_ins[username] += signed.status_code == 200
                    if read.status_code == 200:
                        acked.audit_reads.add(reference)
                    acked.sign_outs[username] += signed_out.status_code == 204
                    acked.refused += [
                        r.status_code for r in (signed, read, signed_out) if not r.is_success
                    ]
            except httpx.TransportError:
                return  # the server is gone: what was answered is what counts


def drive_until_killed(server: Server, usernames: list[str]) -> Acknowledged:
    acked, stop = Acknowledged(), threading.Event()
    workers = [
        threading.Thread(target=work, args=(server.url, name, acked, stop)) for name in usernames
    ]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 60
    while acked.total() < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill()  # while the clients are still sending
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    return acked


@pytest.fixture
def auditors(store_url: str) -> Iterator[list[str]]:
    store = OperationalStore(store_url)
    store.migrate()
    names = [f"auditor{i}" for i in range(CLIENTS)]
    for name in names:
        make_account(store, name, Role.auditor)
    store.dispose()
    yield names


def every_entry(store: OperationalStore) -> Iterator[AuditEntry]:
    """The whole log, newest first, a page at a time."""
    before = None
    while True:
        query = AuditQuery(None, None, None, None, 1000, before)
        page = find_entries(store, local_operator(Role.auditor), OVERSIGHT, query)
        yield from page
        if len(page) < 1000:
            return
        before = page[-1].seq


def logged(store_url: str) -> Acknowledged:
    """What the audit log holds, counted as ``Acknowledged`` counts it."""
    store = OperationalStore(store_url)
    found = Acknowledged()
    try:
        entries = list(every_entry(store))
    finally:
        store.dispose()
    for entry in entries:
        e = entry.event
        if e.action == "auth:sign-in" and e.outcome == "allowed":
            found.sign_ins[e.actor] += 1
        elif e.action == "auth:sign-out":
            found.sign_outs[e.actor] += 1
        elif e.action == "audit:read" and e.purpose_ref is not None:
            found.audit_reads.add(e.purpose_ref)
    return found


@pytest.mark.slow
def test_every_acknowledged_write_survives_a_sigkill(
    store_url: str, auditors: list[str], tmp_path: Path
) -> None:
    server = Server(store_url, tmp_path / "data")
    server.start()
    try:
        acked = drive_until_killed(server, auditors)
    finally:
        server.kill()
    assert acked.total() >= KILL_AFTER
    assert acked.refused == []  # concurrent writers wait their turn, none is refused

    server.start()  # the store opens after the crash, and the server answers again
    try:
        signed = httpx.post(
            f"{server.url}/auth/sign-in", json={"username": auditors[0], "password": PASSWORD}
        )
        assert signed.status_code == 200
    finally:
        server.kill()

    found = logged(store_url)
    for name in auditors:
        # At least: a write may land and its answer be lost to the kill, never the reverse.
        assert found.sign_ins[name] >= acked.sign_ins[name] + (name == auditors[0])
        assert found.sign_outs[name] >= acked.sign_outs[name]
    assert acked.audit_reads <= found.audit_reads
    verify = subprocess.run(
        [sys.executable, "-m", "tessera.cli.app", "audit", "verify"],
        env={**os.environ, "TESSERA_STORE_URL": store_url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "audit log whole" in verify.stdout
