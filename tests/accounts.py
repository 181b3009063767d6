"""Accounts for the access-control tests, made through the service as a real admin would."""

from __future__ import annotations

import datetime as dt

from tessera.model.access import PurposeKind, Role
from tessera.security import Purpose
from tessera.service.access import local_operator
from tessera.service.users import Account, AccountRequest, PartnerRequest, add_account
from tessera.store.operational import OperationalStore

PASSWORD = "a long test passphrase"
ADMINISTRATION = Purpose(PurposeKind.administration, "T-1", "test accounts")
OVERSIGHT = Purpose(PurposeKind.oversight, "OV-1", "monthly access review")
HARRIS_SO = PartnerRequest(
    "TX1234567", "Harris County SO", ("TX/HARRIS",), dt.date.today() + dt.timedelta(days=30)
)


def make_account(
    store: OperationalStore,
    username: str,
    role: Role,
    password: str | None = PASSWORD,
    partner: PartnerRequest | None = None,
) -> Account:
    if role is Role.partner_officer and partner is None:
        partner = HARRIS_SO
    request = AccountRequest(username, f"{username.title()} Example", role, password, partner)
    return add_account(store, local_operator(Role.admin), ADMINISTRATION, request)
