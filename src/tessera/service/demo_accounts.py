"""Demo accounts, one per role, made only when someone asks (``tessera users demo``).

Each gets a freshly generated password, shown once: even the demo has no password that
anyone could know in advance. The names say ``demo`` so no one mistakes them for staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tessera.model.access import Role
from tessera.security import Principal, Purpose
from tessera.security.passwords import generate_password
from tessera.service.access import utc_today
from tessera.service.users import AccountError, AccountRequest, PartnerRequest, add_account
from tessera.store.operational import OperationalStore

DEMO_ORI = "TX000DEMO"
DEMO_AGENCY = "Demo County Sheriff's Office (synthetic)"
DEMO_JURISDICTIONS = ("TX",)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    password: str


def demo_username(role: Role) -> str:
    return "demo-" + role.value.replace("_", "-")


def _request(role: Role, password: str) -> AccountRequest:
    partner = None
    if role is Role.partner_officer:
        a_year = utc_today() + dt.timedelta(days=365)
        partner = PartnerRequest(DEMO_ORI, DEMO_AGENCY, DEMO_JURISDICTIONS, a_year)
    name = f"Demo {role.value.replace('_', ' ')} (synthetic)"
    return AccountRequest(demo_username(role), name, role, password, partner)


def create_demo_accounts(
    store: OperationalStore, actor: Principal, purpose: Purpose
) -> list[DemoAccount]:
    """One demo account per role with a generated password; ``AccountError`` before
    anything is made if a demo account exists already."""
    existing = [r for r in Role if store.users.by_username(demo_username(r)) is not None]
    if existing:
        raise AccountError(f"demo accounts exist already ({demo_username(existing[0])}, ...)")
    made = []
    for role in Role:
        password = generate_password()
        add_account(store, actor, purpose, _request(role, password))
        made.append(DemoAccount(demo_username(role), role, password))
    return made
