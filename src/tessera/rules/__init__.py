"""Rules: findings with evidence, legal basis, version, severity, confidence and priority;
protections applied last and always.

``run_rules`` judges every person of the status tables (``tessera.status``) as of the
drop's date and writes ``findings``; ``RULES`` is the catalogue, one declarative rule per
finding code.
"""

from tessera.rules.catalogue import RULES
from tessera.rules.engine import RulesRun, run_rules
from tessera.rules.priorities import UnknownPolicyError, policy_named
from tessera.rules.protections import FINDINGS_TABLE, ProtectionBreachError, Withheld
from tessera.rules.rule import Rule, WhenUnknown

__all__ = [
    "FINDINGS_TABLE",
    "RULES",
    "ProtectionBreachError",
    "Rule",
    "RulesRun",
    "UnknownPolicyError",
    "WhenUnknown",
    "Withheld",
    "policy_named",
    "run_rules",
]
