"""The code tables of access control: who a user can be, and why anyone may touch a record.

The names live here, in the model, so the operational store can constrain its columns to
them; what each role may do, and on what legal basis, is policy and lives in
``tessera.security.policy``.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The jobs people do with Tessera; each account has exactly one."""

    analyst = "analyst"
    """Compliance Enforcement Unit analyst: turns registration-system data into leads."""
    investigator = "investigator"
    """Special agent working cases (fraud, smuggling, trafficking, worksite)."""
    removal_officer = "removal_officer"
    """Detention and Removal officer: custody, detainers, fugitive operations."""
    document_examiner = "document_examiner"
    """Forensic Document Laboratory examiner."""
    status_desk_operator = "status_desk_operator"
    """Law Enforcement Support Center operator answering police status queries (IAQ/IAR)."""
    partner_officer = "partner_officer"
    """A state or local officer delegated immigration functions under INA 287(g)."""
    supervisor = "supervisor"
    """Approves enforcement actions and oversees the work of others."""
    auditor = "auditor"
    """Reads the audit log; never the records themselves."""
    admin = "admin"
    """Manages accounts; never reads the records."""


class PurposeKind(StrEnum):
    """Why a record is touched. Every read of a person and every write names one."""

    case = "case"
    lead = "lead"
    status_query = "status_query"
    oversight = "oversight"
    administration = "administration"


class Outcome(StrEnum):
    """How an access decision came out, as the audit log records it."""

    allowed = "allowed"
    denied = "denied"
    needs_approval = "needs_approval"
    """Allowed to be requested, not to take effect until a supervisor approves."""
