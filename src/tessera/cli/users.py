"""``tessera users add/list/disable/key/revoke-key/demo``: accounts, as the local operator
in the admin role. Thin calls into ``tessera.service.users``; no password has a default."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer
from rich.table import Table

from tessera.cli.console import err, out
from tessera.cli.operator import PurposeText, operational_store, purpose_or_default
from tessera.cli.options import DataDir, fail
from tessera.model.access import Role
from tessera.security.passwords import generate_password as make_password
from tessera.service.access import AccessDeniedError, local_operator
from tessera.service.demo_accounts import create_demo_accounts
from tessera.service.users import (
    Account,
    AccountError,
    AccountRequest,
    PartnerRequest,
    add_account,
    disable_account,
    issue_api_key,
    list_accounts,
    revoke_api_key,
)

users_app = typer.Typer(help="Manage user accounts and API keys.", no_args_is_help=True)
ADMIN = Role.admin


def _password(stdin: bool, generate: bool, none: bool) -> tuple[str | None, bool]:
    """The password to set, and whether to show it (generated)."""
    if sum((stdin, generate, none)) > 1:
        raise fail("choose one of --password-stdin, --generate-password, --no-password")
    if none:
        return None, False
    if generate:
        return make_password(), True
    if stdin:
        return sys.stdin.readline().rstrip("\n"), False
    if not sys.stdin.isatty():
        raise fail("no terminal to type a password: use --password-stdin or --generate-password")
    typed: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return typed, False


def _partner(
    ori: str | None, agency: str | None, jurisdiction: list[str] | None, until: dt.datetime | None
) -> PartnerRequest | None:
    if ori is None and agency is None and not jurisdiction and until is None:
        return None
    if ori is None or agency is None or not jurisdiction or until is None:
        raise fail("a partner officer needs --ori, --agency, --jurisdiction and --certified-until")
    return PartnerRequest(ori, agency, tuple(jurisdiction), until.date())


@users_app.command("add")
def add_command(
    username: Annotated[str, typer.Argument(help="Lower-case login name.")],
    role: Annotated[Role, typer.Option(help="The account's one role.")],
    name: Annotated[str, typer.Option("--name", help="Full name of the holder.")],
    password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin.")] = False,
    generate_password: Annotated[bool, typer.Option(help="Make one; shown once.")] = False,
    no_password: Annotated[bool, typer.Option(help="API keys only (partner systems).")] = False,
    ori: Annotated[str | None, typer.Option(help="Partner agency ORI (9 characters).")] = None,
    agency: Annotated[str | None, typer.Option(help="Partner agency name.")] = None,
    jurisdiction: Annotated[
        list[str] | None, typer.Option(help="ST or ST/COUNTY (repeatable).")
    ] = None,
    certified_until: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Last day of the 287(g) certification."),
    ] = None,
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """Create an account. The password is typed (twice), read from stdin, or generated."""
    partner = _partner(ori, agency, jurisdiction, certified_until)
    password, show = _password(password_stdin, generate_password, no_password)
    request = AccountRequest(username, name, role, password, partner)
    why = purpose_or_default(purpose, f"administration:cli tessera users add {username}")
    with operational_store(data_dir) as store:
        try:
            account = add_account(store, local_operator(ADMIN), why, request)
        except (AccountError, AccessDeniedError) as exc:
            raise fail(str(exc)) from None
    out.print(f"added {account.username} ({account.role})")
    if show:
        out.print(f"password (shown once): {password}", markup=False, highlight=False)


def _accounts_table(accounts: list[Account]) -> Table:
    table = Table(title="Accounts")
    for column in ("username", "name", "role", "status", "partner"):
        table.add_column(column)
    for a in accounts:
        partner = ""
        if a.partner is not None:
            places = ", ".join(sorted(a.partner.jurisdictions))
            partner = f"{a.partner.ori} {places} certified until {a.partner.certified_until}"
        status = "active" if a.active else f"disabled {a.disabled_at:%Y-%m-%d}"
        table.add_row(a.username, a.full_name, a.role.value, status, partner)
    return table


@users_app.command("list")
def list_command(purpose: PurposeText = None, data_dir: DataDir = None) -> None:
    """List every account, disabled ones included."""
    why = purpose_or_default(purpose, "administration:cli tessera users list")
    with operational_store(data_dir) as store:
        accounts = list_accounts(store, local_operator(ADMIN), why)
    out.print(_accounts_table(accounts))


@users_app.command("disable")
def disable_command(username: str, purpose: PurposeText = None, data_dir: DataDir = None) -> None:
    """Disable an account: its sessions and API keys stop working at once."""
    why = purpose_or_default(purpose, f"administration:cli tessera users disable {username}")
    with operational_store(data_dir) as store:
        try:
            account = disable_account(store, local_operator(ADMIN), why, username)
        except AccountError as exc:
            raise fail(str(exc)) from None
    out.print(f"disabled {account.username}")


@users_app.command("key")
def key_command(
    username: str,
    label: Annotated[str, typer.Option(help="Which partner system holds the key.")],
    purpose: PurposeText = None,
    data_dir: DataDir = None,
) -> None:
    """Issue an API key for a partner officer's account; the key is shown once."""
    why = purpose_or_default(purpose, f"administration:cli tessera users key {username}")
    with operational_store(data_dir) as store:
        try:
            issued = issue_api_key(store, local_operator(ADMIN), why, username, label)
        except AccountError as exc:
            raise fail(str(exc)) from None
    err.print(f"API key {issued.key_id} for {issued.username}; shown once, store it now:")
    out.print(issued.key, markup=False, highlight=False)


@users_app.command("revoke-key")
def revoke_key_command(key_id: str, purpose: PurposeText = None, data_dir: DataDir = None) -> None:
    """Revoke an API key (its 12-character id, as ``tessera users key`` printed it)."""
    why = purpose_or_default(purpose, f"administration:cli tessera users revoke-key {key_id}")
    with operational_store(data_dir) as store:
        try:
            revoke_api_key(store, local_operator(ADMIN), why, key_id)
        except AccountError as exc:
            raise fail(str(exc)) from None
    out.print(f"revoked key {key_id}")


@users_app.command("demo")
def demo_command(purpose: PurposeText = None, data_dir: DataDir = None) -> None:
    """Create one demo account per role with generated passwords (shown once)."""
    why = purpose_or_default(purpose, "administration:cli tessera users demo")
    with operational_store(data_dir) as store:
        try:
            made = create_demo_accounts(store, local_operator(ADMIN), why)
        except AccountError as exc:
            raise fail(str(exc)) from None
    table = Table(title="Demo accounts (synthetic; passwords shown once)")
    for column in ("username", "role", "password"):
        table.add_column(column)
    for account in made:
        table.add_row(account.username, account.role.value, account.password)
    out.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
