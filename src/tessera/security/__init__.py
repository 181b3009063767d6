"""Access control and audit, as policy and pure functions: roles and what they may do
(``policy``), the decision (``decide.may``), purposes, jurisdictions, passwords, API keys,
the session secret and the audit log's hash chain.

A stage-level package: it knows nothing of the stores or the faces. ``tessera.service``
asks it before every access and writes what it decided to the audit log.
"""

from tessera.security.actions import ACTIONS, Action
from tessera.security.decide import Decision, may, may_approve
from tessera.security.principal import Partner, Principal, SubjectFacts
from tessera.security.purpose import Purpose, PurposeError, parse_purpose

__all__ = [
    "ACTIONS",
    "Action",
    "Decision",
    "Partner",
    "Principal",
    "Purpose",
    "PurposeError",
    "SubjectFacts",
    "may",
    "may_approve",
    "parse_purpose",
]
