"""Service results as API schemas: the only place the two meet."""

from __future__ import annotations

import datetime as dt

from tessera.api.schemas import AuditEntryOut, AuditPage, Me, PartnerOut, PurposeOut
from tessera.model.audit import AuditEntry
from tessera.security import Principal
from tessera.security.policy import ROLES


def me_view(user: Principal, today: dt.date) -> Me:
    policy = ROLES[user.role]
    partner = None
    if user.partner is not None:
        p = user.partner
        partner = PartnerOut(
            ori=p.ori,
            agency=p.agency,
            jurisdictions=sorted(p.jurisdictions),
            certified_until=p.certified_until,
            certified=p.certified_on(today),
        )
    return Me(
        username=user.username,
        full_name=user.full_name,
        role=user.role.value,
        permissions=sorted(a.value for a in policy.permissions),
        purposes=sorted(k.value for k in policy.purposes),
        partner=partner,
    )


def _entry(entry: AuditEntry) -> AuditEntryOut:
    e = entry.event
    purpose = None
    if e.purpose_kind is not None:
        purpose = PurposeOut(kind=e.purpose_kind, reference=e.purpose_ref, text=e.purpose_text)
    return AuditEntryOut(
        seq=entry.seq,
        at=e.at,
        actor=e.actor,
        actor_role=e.actor_role,
        action=e.action,
        outcome=e.outcome,
        reason=e.reason,
        person_id=e.person_id,
        target=e.target,
        purpose=purpose,
        prev_hash=entry.prev_hash,
        entry_hash=entry.entry_hash,
    )


def audit_page(entries: list[AuditEntry], limit: int) -> AuditPage:
    more = len(entries) == limit and entries[-1].seq > 1
    return AuditPage(
        entries=[_entry(e) for e in entries], next_before=entries[-1].seq if more else None
    )
