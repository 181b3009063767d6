"""The kinds of people in the world and the histories their records tell.

Weights (per 1,000 people) follow the mix of an agency's records: many visitors and
citizens who did nothing wrong, fewer violators, and the hard cases (protected victims,
citizens born abroad, adjusted overstays, namesakes, stolen identities) that a system
must not turn into enforcement findings. Special casts (impostors, smuggling networks,
listed people) are added per chunk by ``casts``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tessera.synth.life import Life
from tessera.synth.scenarios import irregular as ir
from tessera.synth.scenarios import residents as rs
from tessera.synth.scenarios import students as st
from tessera.synth.scenarios import visitors as vs

Scenario = Callable[[Life], None]


@dataclass(frozen=True)
class Category:
    name: str
    citizenship: str
    """The person's status at the cut unless the history changes it (it may)."""
    weight: float
    history: Scenario
    born: str = "abroad"
    """Where the person was born: 'us', 'abroad' (a foreign national), 'derived'."""


def _c(
    name: str, citizenship: str, weight: float, history: Scenario, born: str = "abroad"
) -> Category:
    return Category(name, citizenship, weight, history, born)


CATEGORIES: tuple[Category, ...] = (
    _c("VISITOR_ONTIME", "NONIMMIGRANT", 233.0, vs.visitor_ontime),
    _c("USC_BORN", "USC_BORN", 167.0, rs.usc_born, "us"),
    _c("LPR_IMMIGRANT_VISA", "LPR", 68.0, rs.lpr_immigrant_visa),
    _c("STUDENT_COMPLETE", "STUDENT", 47.0, lambda lf: st.student(lf, "COMPLETED")),
    _c("EWI_UNKNOWN", "EWI", 44.0, ir.ewi_unknown),
    _c("EWI_COURT", "EWI", 40.0, ir.ewi_court),
    _c("WORKER_ADJUSTED", "LPR", 29.0, rs.worker_adjusted),
    _c("NATURALIZED_IV", "LPR", 28.0, rs.naturalized_iv),
    _c("VISITOR_CURRENT", "NONIMMIGRANT", 28.0, vs.visitor_current),
    _c("VISITOR_OVERSTAY", "NONIMMIGRANT", 25.0, vs.visitor_overstay),
    _c("WORKER_DEPARTED", "NONIMMIGRANT", 24.0, lambda lf: vs.worker(lf, "DEPARTED")),
    _c("USC_DERIVED", "USC_DERIVED", 20.0, rs.usc_derived, "derived"),
    _c("NATURALIZED_OVERSTAY_MARRIAGE", "LPR", 16.0, rs.naturalized_overstay_marriage),
    _c("VISITOR_EXT_OK", "NONIMMIGRANT", 14.5, lambda lf: vs.visitor_extension(lf, "APPROVED")),
    _c("STUDENT_COMPLETE_OVERSTAY", "STUDENT", 12.5, lambda lf: st.student(lf, "COMPLETED_STAY")),
    _c("VISITOR_LATE", "NONIMMIGRANT", 11.0, vs.visitor_late),
    _c("STUDENT_ACTIVE", "STUDENT", 11.0, lambda lf: st.student(lf, "ACTIVE")),
    _c("ASYLUM_EWI_PENDING", "ASYLUM_PENDING", 9.5, lambda lf: ir.asylum(lf, "EWI", "PENDING")),
    _c("VISITOR_EXT_PENDING", "NONIMMIGRANT", 9.0, lambda lf: vs.visitor_extension(lf, "PENDING")),
    _c("REFUGEE_ADJUSTED", "LPR", 9.0, rs.refugee_adjusted),
    _c("ASYLUM_B2_PENDING", "ASYLUM_PENDING", 8.5, lambda lf: ir.asylum(lf, "B2", "PENDING")),
    _c("VISITOR_ADJUST", "LPR", 8.5, rs.visitor_adjust),
    _c("WORKER_CURRENT", "NONIMMIGRANT", 8.5, lambda lf: vs.worker(lf, "CURRENT")),
    _c("STUDENT_TRANSFER", "STUDENT", 8.0, st.transfer),
    _c("U_VISA_EWI", "U_VISA", 8.0, lambda lf: ir.victim_visa(lf, "I-918")),
    _c("ASYLUM_EWI_DENIED", "EWI", 7.5, lambda lf: ir.asylum(lf, "EWI", "DENIED")),
    _c("STUDENT_TERMINATE_CAUSE", "STUDENT", 7.0, lambda lf: st.student(lf, "VIOLATION")),
    _c("EWI_RETURNED", "EWI", 6.5, ir.ewi_returned),
    _c("T_VISA", "T_VISA", 6.0, lambda lf: ir.victim_visa(lf, "I-914")),
    _c("REFUGEE", "REFUGEE", 5.5, rs.refugee_recent),
    _c("STUDENT_EARLY_WITHDRAWAL", "STUDENT", 5.0, lambda lf: st.student(lf, "EARLY_WITHDRAWAL")),
    _c("ASYLUM_EWI_APPROVED", "ASYLEE", 5.0, lambda lf: ir.asylum(lf, "EWI", "APPROVED")),
    _c(
        "STUDENT_TERMINATED_DEPARTED",
        "STUDENT",
        4.5,
        lambda lf: st.student(lf, "VIOLATION_DEPARTED"),
    ),
    _c("NATURALIZED_STUDENT_WORKER", "LPR", 4.5, rs.naturalized_student_worker),
    _c("VISITOR_EXT_DENIED", "NONIMMIGRANT", 4.0, lambda lf: vs.visitor_extension(lf, "DENIED")),
    _c("ASYLUM_B2_APPROVED", "ASYLEE", 4.0, lambda lf: ir.asylum(lf, "B2", "APPROVED")),
    _c("EWI_COURT_RELIEF", "LPR", 3.5, ir.relief),
    _c("WORKER_EXTENDED", "NONIMMIGRANT", 3.5, lambda lf: vs.worker(lf, "EXTENDED")),
    _c("WORKER_ADJUSTED_DENIED", "NONIMMIGRANT", 3.0, lambda lf: vs.worker(lf, "ADJUSTED_DENIED")),
    _c("ASYLUM_B2_DENIED", "NONIMMIGRANT", 2.5, lambda lf: ir.asylum(lf, "B2", "DENIED")),
    _c("WORKER_DENIED_OVERSTAY", "NONIMMIGRANT", 2.5, lambda lf: vs.worker(lf, "DENIED_OVERSTAY")),
    _c("STUDENT_COS", "NONIMMIGRANT", 2.5, st.change_of_status),
    _c("U_VISA_AFTER_OVERSTAY", "U_VISA", 2.0, lambda lf: ir.victim_visa(lf, "I-918", True)),
    _c("WORKER_DENIED_DEPARTED", "NONIMMIGRANT", 2.0, lambda lf: vs.worker(lf, "DENIED_DEPARTED")),
    _c("STUDENT_CANCELED", "NONIMMIGRANT", 2.0, st.canceled),
    _c("STUDENT_WITHDRAWAL_OVERSTAY", "STUDENT", 2.0, lambda lf: st.student(lf, "WITHDRAWAL_STAY")),
    _c("WORKER_SEASONAL", "NONIMMIGRANT", 2.0, vs.seasonal),
    _c("EWI_COURT_REENTRY_EWI", "EWI", 2.0, lambda lf: ir.court_reentry(lf, "EWI")),
    _c("EWI_COURT_APPEAL_PENDING", "EWI", 1.0, lambda lf: ir.ewi_court(lf, "APPEAL")),
    _c(
        "ASYLUM_B2_DENIED_APPEAL_SUSTAINED",
        "NONIMMIGRANT",
        1.0,
        lambda lf: ir.asylum(lf, "B2", "DENIED", appeal="SUSTAINED"),
    ),
    _c("EWI_COURT_REENTRY_ARRIVAL", "EWI", 1.0, lambda lf: ir.court_reentry(lf, "ARRIVAL")),
    _c(
        "ASYLUM_EWI_DENIED_REENTRY_EWI",
        "EWI",
        0.5,
        lambda lf: ir.asylum(lf, "EWI", "DENIED", reentry=True),
    ),
    _c(
        "ASYLUM_EWI_DENIED_APPEAL_SUSTAINED",
        "EWI",
        0.5,
        lambda lf: ir.asylum(lf, "EWI", "DENIED", appeal="SUSTAINED"),
    ),
    _c(
        "ASYLUM_B2_DENIED_APPEAL_PENDING",
        "NONIMMIGRANT",
        0.5,
        lambda lf: ir.asylum(lf, "B2", "DENIED", appeal="PENDING"),
    ),
)
BY_NAME = {c.name: c for c in CATEGORIES}
