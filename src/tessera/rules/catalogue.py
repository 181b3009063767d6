"""Every rule Tessera runs, in SPEC's order of finding codes."""

from __future__ import annotations

from tessera.model.codes import FINDING_CODES
from tessera.rules.documents import DOCUMENT_RULES
from tessera.rules.referrals import REFERRAL_RULES
from tessera.rules.removal import REMOVAL_RULES
from tessera.rules.rule import Rule
from tessera.rules.stay import STAY_RULES
from tessera.rules.work import WORK_RULES

_FAMILIES = (*STAY_RULES, *REMOVAL_RULES, *DOCUMENT_RULES, *WORK_RULES, *REFERRAL_RULES)
_BY_CODE = {rule.code: rule for rule in _FAMILIES}

RULES: tuple[Rule, ...] = tuple(_BY_CODE[code] for code in FINDING_CODES)
"""One rule per judged code (a KeyError here means a code has no rule)."""
