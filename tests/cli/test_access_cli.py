"""``tessera users``, ``tessera audit`` and ``tessera serve`` as an operator meets them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tessera.cli.app import app
from tessera.security.api_keys import parse_api_key

runner = CliRunner()


def run(data_dir: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(
        app, [*args, "--data-dir", str(data_dir)], input=stdin, env={"COLUMNS": "200"}
    )
    return result.exit_code, result.output


def test_no_account_exists_until_one_is_made(tmp_path: Path) -> None:
    code, output = run(tmp_path, "users", "list")
    assert code == 0
    assert "demo" not in output and "admin" not in output.replace("Accounts", "")


def test_an_account_is_added_with_a_password_from_stdin_and_listed(tmp_path: Path) -> None:
    code, output = run(
        tmp_path, "users", "add", "alice", "--role", "analyst", "--name", "Alice Example",
        "--password-stdin", stdin="a long enough passphrase\n",
    )  # fmt: skip
    assert (code, output.strip()) == (0, "added alice (analyst)")
    code, output = run(tmp_path, "users", "list")
    assert "alice" in output and "Alice Example" in output and "active" in output


def test_a_generated_password_is_shown_once_and_a_weak_one_refused(tmp_path: Path) -> None:
    code, output = run(
        tmp_path, "users", "add", "bob", "--role", "auditor", "--name", "Bob", "--generate-password"
    )
    assert code == 0
    assert "password (shown once): " in output
    code, output = run(
        tmp_path, "users", "add", "carol", "--role", "analyst", "--name", "Carol",
        "--password-stdin", stdin="short\n",
    )  # fmt: skip
    assert code == 2
    assert "error: a password needs at least 12 characters" in output


def test_without_a_terminal_a_password_must_come_from_somewhere(tmp_path: Path) -> None:
    code, output = run(tmp_path, "users", "add", "dave", "--role", "analyst", "--name", "Dave")
    assert code == 2
    assert "--password-stdin or --generate-password" in output


def test_a_partner_officer_gets_a_key_shown_once_and_can_be_disabled(tmp_path: Path) -> None:
    code, output = run(
        tmp_path, "users", "add", "deputy", "--role", "partner_officer", "--name", "Deputy",
        "--no-password", "--ori", "TX1234567", "--agency", "Harris County SO",
        "--jurisdiction", "TX/HARRIS", "--certified-until", "2027-01-31",
    )  # fmt: skip
    assert code == 0, output
    code, output = run(tmp_path, "users", "key", "deputy", "--label", "county RMS")
    assert code == 0
    key = output.strip().splitlines()[-1]
    assert parse_api_key(key) is not None
    code, output = run(tmp_path, "users", "disable", "deputy")
    assert (code, output.strip()) == (0, "disabled deputy")
    code, output = run(
        tmp_path,
        "users",
        "add",
        "xavier",
        "--role",
        "partner_officer",
        "--name",
        "X",
        "--no-password",
    )
    assert code == 2 and "a partner officer needs an agency, ORI" in output
    code, output = run(
        tmp_path,
        "users",
        "add",
        "yolanda",
        "--role",
        "partner_officer",
        "--name",
        "Y",
        "--ori",
        "TX1",
    )
    assert code == 2 and "--ori, --agency, --jurisdiction and --certified-until" in output


def test_demo_accounts_and_the_audit_trail_of_it_all(tmp_path: Path) -> None:
    code, output = run(tmp_path, "users", "demo", "--purpose", "administration:DEMO-1 training")
    assert code == 0 and "demo-partner-officer" in output
    code, output = run(tmp_path, "users", "demo")
    assert code == 2 and "demo accounts exist already" in output
    code, output = run(tmp_path, "audit", "list", "--csv")
    assert code == 0
    lines = output.strip().splitlines()
    assert lines[0].startswith("seq,at,actor,actor_role,action,outcome,person_id")
    assert sum("DEMO-1" in line for line in lines) == 9  # one entry per account made
    code, output = run(tmp_path, "audit", "verify")
    assert code == 0 and "audit log whole" in output
    code, output = run(
        tmp_path, "audit", "list", "--csv", "--outcome", "allowed", "--action", "users:manage"
    )
    made = output.strip().splitlines()[1:]
    assert code == 0 and len(made) == 9 and all(",users:manage,allowed," in m for m in made)
    code, output = run(tmp_path, "audit", "list", "--outcome", "perhaps")
    assert code == 2
    code, output = run(tmp_path, "audit", "list", "--purpose", "nonsense")
    assert code == 2 and "is not <kind>:<reference> <text>" in output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:  # loopback only
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.slow
def test_tessera_serve_answers_health_and_refuses_the_rest(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "TESSERA_SECRET_KEY"}
    command = [sys.executable, "-m", "tessera.cli.app", "serve", "--port", str(port)]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "data")], env=env, stdout=log, stderr=log
    )
    try:
        health: tuple[int, dict[str, object]] | None = None
        deadline = time.monotonic() + 60
        while health is None and time.monotonic() < deadline:
            try:
                health = _get(f"http://127.0.0.1:{port}/health")
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, (tmp_path / "server.log").read_text()
                time.sleep(0.2)
        assert health == (200, {"status": "ok"})
        status, body = _get(f"http://127.0.0.1:{port}/me")
        assert status == 401 and "not authenticated" in str(body["detail"])
        assert (tmp_path / "data" / "secret_key").is_file()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
