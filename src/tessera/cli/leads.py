"""``tessera leads list/show/assign/note/dispose``: the lead workflow for the local
operator, acting in a role (``--role``, default analyst) for a stated purpose. Thin calls
into ``tessera.service.leads``; the policy and the audit log apply as over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.table import Table

from tessera.cli.console import out
from tessera.cli.operator import PurposeText, operational_store, purpose_or_default
from tessera.cli.options import DataDir, fail
from tessera.model.access import Role
from tessera.model.leads import Disposition, LeadQuery, LeadState, Unit, verification_needed
from tessera.security import Principal, Purpose
from tessera.service.access import AccessDeniedError, local_operator
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.service.leads import (
    Facts,
    Lead,
    LeadDetail,
    add_note,
    assign_lead,
    dispose_lead,
    lead_detail,
    lead_queue,
    published_facts,
)
from tessera.store.operational import OperationalStore

T = TypeVar("T")

leads_app = typer.Typer(
    help="Leads in the units' queues: list, show, assign, note, dispose.", no_args_is_help=True
)
AsRole = Annotated[Role, typer.Option("--role", help="The role you act in.")]
LeadId = Annotated[int, typer.Argument(help="The lead's number.", min=1)]
Many = Annotated[list[str] | None, typer.Option(help="Repeatable.")]


def _as_operator(
    role: Role,
    purpose: str | None,
    default: str,
    data_dir: Path | None,
    call: Callable[[OperationalStore, Principal, Purpose, Facts], T],
) -> T:
    """Run a service call on the store as the local operator in ``role``, for ``purpose``
    (else ``default``); a refusal, an unknown or closed lead is one line and exit 2."""
    why = purpose_or_default(purpose, default)
    with operational_store(data_dir) as store:
        try:
            return call(store, local_operator(role), why, published_facts(store))
        except (AccessDeniedError, NotFoundError, ConflictError, InvalidRequestError) as exc:
            raise fail(str(exc)) from None


def _queue_table(leads: list[Lead]) -> Table:
    table = Table(title="Leads (most severe first)")
    for column in (
        "lead", "unit", "state", "severity", "tier", "code", "person", "role",
        "assignee", "opened", "verify",
    ):  # fmt: skip
        table.add_column(column)
    for x in leads:
        checks = ", ".join(
            v.split(":")[0] for v in verification_needed(x.code, x.role, x.identity_check)
        )
        table.add_row(
            str(x.lead_id), x.unit, x.state, x.severity, x.tier or "", x.code, x.person_id,
            x.role, x.assignee or "", f"{x.opened_at:%Y-%m-%d}", checks,
        )  # fmt: skip
    return table


@leads_app.command("list")
def list_command(
    unit: Annotated[list[Unit] | None, typer.Option(help="Repeatable.")] = None,
    state: Annotated[list[LeadState] | None, typer.Option(help="Default: open, assigned.")] = None,
    assignee: Annotated[str | None, typer.Option(help="Only leads given to this user.")] = None,
    code: Many = None,
    severity: Many = None,
    tier: Many = None,
    person: Annotated[str | None, typer.Option(help="Only this person's leads.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    role: AsRole = Role.analyst,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """A queue: the leads matching every filter that you may see."""
    query = LeadQuery(
        tuple(unit or ()), tuple(state or ()), assignee, tuple(code or ()),
        tuple(severity or ()), tuple(tier or ()), person, limit,
    )  # fmt: skip
    found = _as_operator(
        role,
        purpose,
        "lead:queue cli tessera leads list",
        data_dir,
        lambda store, user, why, facts: lead_queue(store, user, why, query, facts=facts),
    )
    out.print(_queue_table(found))


def _detail(detail: LeadDetail) -> None:
    x = detail.lead
    out.print(f"lead {x.lead_id}: {x.code} ({x.role}) on {x.person_id}", markup=False)
    lines = [
        ("unit", f"{x.unit}: {detail.routing.why}" if detail.routing else x.unit),
        ("state", x.state + (f", assigned to {x.assignee}" if x.assignee else "")),
        ("finding", f"{x.finding_id} severity {x.severity} tier {x.tier or '-'} "
                    f"confidence {x.confidence:.2f} (rule {x.rule_version}; {x.legal_basis})"),
        ("detail", x.detail),
        ("evidence", ", ".join(x.evidence)),
        ("verify first", "; ".join(detail.verification) or "-"),
    ]  # fmt: skip
    if x.previous_lead_id is not None:
        lines.append(("follows", f"lead {x.previous_lead_id}"))
    if x.disposition is not None:
        to = f" to {x.referred_to}" if x.referred_to else ""
        lines.append(("disposition", f"{x.disposition}{to}: {x.disposition_reason}"))
    for label, value in lines:
        out.print(f"  {label}: {value}", markup=False, highlight=False)
    table = Table(title="History")
    for column in ("at (UTC)", "what", "who", "text"):
        table.add_column(column)
    for e in detail.history:
        table.add_row(f"{e.at:%Y-%m-%d %H:%M}", e.kind, e.actor, e.text)
    out.print(table)


@leads_app.command("show")
def show_command(
    lead_id: LeadId,
    role: AsRole = Role.analyst,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """A lead, why it is in its unit, what to verify first, and its whole history."""
    detail = _as_operator(
        role,
        purpose,
        f"lead:L{lead_id} cli tessera leads show",
        data_dir,
        lambda store, user, why, facts: lead_detail(store, user, why, lead_id, facts=facts),
    )
    _detail(detail)


@leads_app.command("assign")
def assign_command(
    lead_id: LeadId,
    username: Annotated[str, typer.Argument(help="An active user whose role works leads.")],
    role: AsRole = Role.supervisor,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """Give a lead to someone."""
    lead = _as_operator(
        role,
        purpose,
        f"lead:L{lead_id} cli tessera leads assign",
        data_dir,
        lambda store, user, why, facts: assign_lead(
            store, user, why, lead_id, username, facts=facts
        ),
    )
    out.print(f"lead {lead.lead_id} assigned to {lead.assignee}", markup=False)


@leads_app.command("note")
def note_command(
    lead_id: LeadId,
    text: Annotated[str, typer.Argument(help="The note.")],
    role: AsRole = Role.analyst,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """Add a note to a lead's history."""
    _as_operator(
        role,
        purpose,
        f"lead:L{lead_id} cli tessera leads note",
        data_dir,
        lambda store, user, why, facts: add_note(store, user, why, lead_id, text, facts=facts),
    )
    out.print(f"note added to lead {lead_id}", markup=False)


@leads_app.command("dispose")
def dispose_command(
    lead_id: LeadId,
    disposition: Annotated[Disposition, typer.Argument(help="How the lead ends.")],
    reason: Annotated[str, typer.Option(help="Why (required).")],
    referred_to: Annotated[str | None, typer.Option(help="To whom (confirmed_referred).")] = None,
    role: AsRole = Role.analyst,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """Close a lead for good: confirmed_referred (--referred-to), closed_error or
    closed_no_action, always with --reason. A closed lead is locked."""
    lead = _as_operator(
        role,
        purpose,
        f"lead:L{lead_id} cli tessera leads dispose",
        data_dir,
        lambda store, user, why, facts: dispose_lead(
            store, user, why, lead_id, disposition, reason, referred_to, facts=facts
        ),
    )
    out.print(f"lead {lead.lead_id} closed: {lead.disposition}", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(leads_app, name="leads")
