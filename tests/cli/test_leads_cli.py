"""``tessera leads``: the local operator lists, reads, assigns, notes and disposes of
leads in a role, with the policy applied and every step audited."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tessera.cli.console import out
from tessera.cli.leads import register
from tessera.model.access import Role
from tessera.model.leads import LeadQuery
from tessera.security import SubjectFacts
from tessera.service.leads import sync_leads
from tessera.service.operational import operational_store
from tessera.settings import Settings
from tests.accounts import make_account
from tests.leadkit import finding

runner = CliRunner()
app = typer.Typer()
register(app)


@app.callback()
def _root() -> None:
    """A root, so that ``leads`` is a sub-command as in ``tessera``."""


def run(data_dir: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--data-dir", str(data_dir)], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich fixes the console's width when it is first imported (COLUMNS, else the
    terminal): widen it, so that table cells are not cut."""
    monkeypatch.setattr(out, "width", 200)


@pytest.fixture
def lead_id(tmp_path: Path) -> int:
    with operational_store(Settings().with_data_dir(tmp_path)) as store:
        facts = SubjectFacts
        sync_leads(store, [finding("P1"), finding("P2", "FUGITIVE")], {}, 1, facts=facts)
        make_account(store, "bob", Role.analyst)
        [lead] = store.leads.find(LeadQuery(person_id="P2"))
        return lead.lead_id


def test_an_operator_works_a_lead_from_the_command_line(tmp_path: Path, lead_id: int) -> None:
    code, output = run(tmp_path, "leads", "list", "--unit", "removal")
    assert code == 0, output
    assert "FUGITIVE" in output and "OVERSTAY" not in output
    assert run(tmp_path, "leads", "assign", str(lead_id), "bob") == (
        0,
        f"lead {lead_id} assigned to bob\n",
    )
    assert run(tmp_path, "leads", "note", str(lead_id), "seen at the address")[0] == 0
    code, output = run(
        tmp_path, "leads", "dispose", str(lead_id), "closed_no_action", "--reason", "departed"
    )
    assert (code, output) == (0, f"lead {lead_id} closed: closed_no_action\n")
    code, output = run(tmp_path, "leads", "show", str(lead_id))
    assert code == 0
    assert "removal: A final order not carried out" in output
    for kind in ("created", "assigned", "note", "disposition"):
        assert kind in output


def test_refusals_are_one_line_and_exit_2(tmp_path: Path, lead_id: int) -> None:
    run(tmp_path, "leads", "dispose", str(lead_id), "closed_error", "--reason", "wrong person")
    code, output = run(tmp_path, "leads", "note", str(lead_id), "too late")
    assert code == 2 and "a closed lead is locked" in output
    code, output = run(tmp_path, "leads", "show", "999")
    assert (code, output.strip()) == (2, "error: no lead 999")
    code, output = run(tmp_path, "leads", "list", "--role", "auditor")
    assert code == 2 and "may not" in output
