"""What classes of admission and benefit forms mean for a person's status.

These are the legal meanings the status stage and the rules read: which admissions are
dated, which allow work, which filings stop the clock on an admission, which protect a
person from any enforcement finding. Each group cites the provision it encodes.
"""

from __future__ import annotations

from collections.abc import Iterable

CITIZEN_CLASS = "USC"
"""A U.S. citizen's own arrival record: citizenship as the records can show it."""

PERMANENT_CLASSES = ("LPR",)
"""Returning lawful permanent residents (INA 101(a)(20)): open-ended stay and work."""

REFUGEE_CLASSES = ("RE",)
"""Refugees admitted under INA 207: stay, and work incident to status (8 CFR 274a.12(a)(3))."""

STUDENT_CLASSES = ("F1", "M1", "J1")
"""Students and exchange visitors, admitted for duration of status (8 CFR 214.2(f)(5))."""

WORK_CLASSES = ("H1B", "H2A", "H2B", "L1", "O1", "TN")
"""Dated worker classes: employment incident to status within the admission
(8 CFR 274a.12(b)(9), (b)(12), (b)(16), (b)(19), (b)(20))."""

EXTENSION_FORMS = ("I-129", "I-539", "I-485")
"""Extension, change or adjustment of status: filed while the admission runs and not
denied, the person is not an overstay (8 CFR 214.1(c)(4); INA 245; SPEC rule details)."""

PROTECTION_FORMS = ("I-589", "I-914", "I-918")
"""Asylum (INA 208), T visa (INA 101(a)(15)(T)), U visa (INA 101(a)(15)(U)): a pending or
approved filing protects the person from every enforcement finding (8 U.S.C. 1367)."""

STAY_EXTENSION_FORMS = ("I-129", "I-539")
"""Approved, these extend or change the stay between ``valid_from`` and ``valid_to``."""

STATUS_FORMS = EXTENSION_FORMS + PROTECTION_FORMS
"""Filings that count as a student's "later status" (SPEC rule details)."""

NATURALISATION_FORM = "N-400"
"""Approved: the person is a U.S. citizen (INA 335, 337)."""

ADJUSTMENT_FORM = "I-485"
WORK_PERMIT_FORM = "I-765"
"""Employment authorisation document, valid between its dates (8 CFR 274a.12(c))."""

OPEN_WORK_FORMS = ("I-485", "I-589", "I-914", "I-918", "N-400")
"""Approved, these allow work from the decision on: permanent residence, asylum, T, U
status, citizenship (8 CFR 274a.12(a)(1), (a)(5), (a)(16), (a)(19))."""

DATED_WORK_FORMS = ("I-765", "I-129")
"""Approved, these allow work between ``valid_from`` and ``valid_to`` (8 CFR 274a.12(b),
(c))."""

FORM_PURPOSES = {
    "I-129": "worker petition / extension",
    "I-539": "extension or change of status",
    "I-485": "adjustment to permanent residence",
    "I-589": "asylum",
    "I-765": "work authorisation (EAD)",
    "I-914": "T visa (trafficking victim)",
    "I-918": "U visa (crime victim)",
    "N-400": "naturalisation",
    "I-130": "family petition (no status by itself)",
}

PROTECTIVE_DECISIONS = ("PENDING", "APPROVED")
NONCITIZEN_ATTESTATIONS = ("LPR", "AUTHORIZED_ALIEN")
"""An I-9 attesting either is positive evidence of noncitizenship (SPEC rule details)."""

PASSPORT_DOCUMENTS = ("US_PASSPORT", "FOREIGN_PASSPORT+I-94")
"""I-9 document types whose number is a passport number."""

US_PASSPORT_DOCUMENT = "US_PASSPORT"
"""A U.S. passport examined for an I-9 (List A): proof of citizenship with the force of a
certificate of naturalisation (22 U.S.C. 2705). It only ever protects a person."""

EXECUTED_REMOVAL = "REMOVAL"
"""The removal type that is an executed order (INA 241); RETURN and VOLUNTARY_DEPARTURE
end a stay but are not removals."""

APPEAL_WINDOW_DAYS = 30
"""8 CFR 1003.38(b): an appeal to the BIA is due within 30 days of the order."""

REMOVAL_ORDERS = ("REMOVAL", "REMOVAL_IN_ABSENTIA")
VOLUNTARY_DEPARTURE_ORDER = "VOLUNTARY_DEPARTURE"
RELIEF_ORDER = "RELIEF_GRANTED"
DISMISSED_APPEAL = "DISMISSED"


def sql_list(values: Iterable[str]) -> str:
    """``('A', 'B')`` for an SQL ``IN``: the code tables hold no quotes, checked here."""
    items = tuple(values)
    if any("'" in v for v in items):
        raise ValueError(f"a code holds a quote: {items}")
    return "(" + ", ".join(f"'{v}'" for v in items) + ")"
