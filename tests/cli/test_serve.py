"""``tessera serve --workers N``: several processes on one socket behave as one server."""

from __future__ import annotations

from pathlib import Path

import httpx2 as httpx

from tessera.model.access import Role
from tessera.store.operational import OperationalStore
from tests.accounts import PASSWORD, make_account
from tests.api.test_crash_safety import Server


def test_workers_share_one_store_and_one_session_key(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = OperationalStore(url)
    store.migrate()
    make_account(store, "alice", Role.analyst)
    store.dispose()
    # No TESSERA_SECRET_KEY: the workers make the data directory's key as they start, and
    # must end with one key between them, or one would refuse the other's sessions.
    server = Server(url, tmp_path / "data", options=("--workers", "2"), secret=None)
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            signed = client.post("/auth/sign-in", json={"username": "alice", "password": PASSWORD})
            assert signed.status_code == 200
            # New connections land on either worker; every one must know the session.
            answers = []
            for _ in range(24):
                with httpx.Client(base_url=server.url, timeout=10) as fresh:
                    fresh.cookies.update(client.cookies)
                    answers.append(fresh.get("/me").status_code)
            assert answers == [200] * 24
    finally:
        server.kill()
    assert (tmp_path / "data").is_dir()
