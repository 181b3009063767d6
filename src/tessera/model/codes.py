"""Closed code lists of the 14 source feeds, and the fields every valid row must fill.

These are SPEC.md's contract ("The feeds" and the quarantine rules): a value outside a
closed list is an ``invalid_code``, an empty required field is ``missing_required``.
The synthetic generator writes broken rows from these tables and the ingest checks
them, so both read the same constants.

Nested JSONL fields are named ``<list>[].<field>`` (``events[].date``): the rule then
holds for every element of the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

EVENT_TYPES = ("ARRIVAL", "DEPARTURE")
TRAVEL_MODES = ("AIR", "SEA", "LAND")
SEXES = ("M", "F", "X")
STUDENT_VISA_CLASSES = ("F1", "M1", "J1")
STUDENT_STATUSES = ("INITIAL", "ACTIVE", "COMPLETED", "TERMINATED", "DEACTIVATED", "CANCELED")
REGISTRATION_EVENTS = ("POE_REGISTRATION", "INTERVIEW", "EXIT")
BENEFIT_FORMS = ("I-129", "I-539", "I-485", "I-589", "I-765", "I-914", "I-918", "N-400", "I-130")
BENEFIT_DECISIONS = ("PENDING", "APPROVED", "DENIED", "WITHDRAWN")
COURT_EVENT_TYPES = (
    "NTA_FILED",
    "HEARING_SCHEDULED",
    "HEARING_HELD",
    "FAILED_TO_APPEAR",
    "RELIEF_APPLIED",
    "ORDER",
    "APPEAL_FILED",
    "APPEAL_DECIDED",
)
COURT_ORDERS = (
    "REMOVAL",
    "REMOVAL_IN_ABSENTIA",
    "VOLUNTARY_DEPARTURE",
    "RELIEF_GRANTED",
    "TERMINATED",
)
"""``detail`` of an ORDER event (free text in the feed, but these are the values used)."""
APPEAL_DECISIONS = ("DISMISSED", "SUSTAINED")
"""``detail`` of an APPEAL_DECIDED event: DISMISSED makes the order final."""
REMOVAL_TYPES = ("REMOVAL", "VOLUNTARY_DEPARTURE", "RETURN")
FACILITY_TYPES = ("COUNTY_JAIL", "STATE_PRISON", "FEDERAL_PRISON")
CUSTODY_STATUSES = ("HELD", "SENTENCED", "RELEASED")
DISPOSITIONS = ("CONVICTED", "DISMISSED", "PENDING", "ACQUITTED")
WANTED_RECORD_TYPES = ("WANTED", "IMMIGRATION_VIOLATOR", "PROTECTION_ORDER")
WANTED_STATUSES = ("ACTIVE", "CLEARED", "CANCELLED")
ATTESTATIONS = ("USC", "NONCITIZEN_NATIONAL", "LPR", "AUTHORIZED_ALIEN")
TRAVEL_DOCUMENT_TYPES = ("PASSPORT", "VISA", "ID_CARD")
TRAVEL_DOCUMENT_STATUSES = ("LOST", "STOLEN", "REVOKED", "STOLEN_BLANK")
WATCH_LISTS = ("SEX_OFFENDER_REGISTRY", "HUMAN_RIGHTS_VIOLATOR")

TERMINATION_REASONS = (
    "AUTHORIZED EARLY WITHDRAWAL",
    "TRANSFER",
    "FAILURE TO ENROLL",
    "UNAUTHORIZED DROP BELOW FULL COURSE",
    "UNAUTHORIZED EMPLOYMENT",
    "OTHERWISE FAILING TO MAINTAIN STATUS",
    "EXPULSION",
    "CHANGE OF STATUS APPROVED",
)
"""SEVIS termination reasons the students feed uses (free text from a fixed list)."""
VIOLATION_REASONS = (
    "FAILURE TO ENROLL",
    "UNAUTHORIZED DROP BELOW FULL COURSE",
    "UNAUTHORIZED EMPLOYMENT",
    "OTHERWISE FAILING TO MAINTAIN STATUS",
    "EXPULSION",
)
"""Termination reasons that are a status violation (STUDENT_STATUS_VIOLATION)."""
EARLY_WITHDRAWAL = "AUTHORIZED EARLY WITHDRAWAL"

STUDENT_GRACE_DAYS: Mapping[str, int] = MappingProxyType({"F1": 60, "M1": 60, "J1": 30})
"""Days a student may stay after COMPLETED (SPEC STUDENT_OVERSTAY)."""
EARLY_WITHDRAWAL_GRACE_DAYS = 15

CODED_FIELDS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "arrivals": {"event_type": EVENT_TYPES, "mode": TRAVEL_MODES, "sex": SEXES},
        "students": {"visa_class": STUDENT_VISA_CLASSES, "events[].status": STUDENT_STATUSES},
        "registrations": {"event": REGISTRATION_EVENTS},
        "benefits": {"form": BENEFIT_FORMS, "decision": BENEFIT_DECISIONS},
        "court": {"events[].type": COURT_EVENT_TYPES},
        "removals": {"type": REMOVAL_TYPES},
        "custody": {"facility_type": FACILITY_TYPES, "status": CUSTODY_STATUSES, "sex": SEXES},
        "criminal_history": {"cycles[].disposition": DISPOSITIONS},
        "wanted": {"record_type": WANTED_RECORD_TYPES, "status": WANTED_STATUSES, "sex": SEXES},
        "employment": {"citizenship_attestation": ATTESTATIONS},
        "lost_stolen": {
            "document_type": TRAVEL_DOCUMENT_TYPES,
            "status": TRAVEL_DOCUMENT_STATUSES,
        },
        "transfers": {},
        "calls": {},
        "watchlist": {"list": WATCH_LISTS},
    }
)
"""Per feed, each field whose value must come from a closed list (else ``invalid_code``)."""

REQUIRED_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "arrivals": ("event_id", "event_type", "event_date", "family_name"),
        "students": (
            "sevis_id",
            "surname",
            "visa_class",
            "program_start",
            "events[].date",
            "events[].status",
        ),
        "registrations": ("registration_id", "name", "event", "event_date"),
        "benefits": ("receipt_number", "family_name", "form", "filed_date", "decision"),
        "court": ("case_id", "name", "events[].date", "events[].type"),
        "removals": ("removal_id", "name", "removal_date", "type"),
        "custody": ("booking_id", "name", "booking_date", "status"),
        "criminal_history": (
            "fbi_number",
            "names",
            "cycles[].arrest_date",
            "cycles[].offense",
            "cycles[].disposition",
        ),
        "wanted": ("nic_number", "record_type", "name", "status"),
        "employment": (
            "i9_id",
            "employer_id",
            "employee_family_name",
            "citizenship_attestation",
            "hire_date",
        ),
        "lost_stolen": (
            "report_id",
            "issuing_country",
            "document_number",
            "status",
            "reported_date",
        ),
        "transfers": ("transfer_id", "sent_at", "amount_usd"),
        "calls": ("call_id", "started_at", "caller", "callee"),
        "watchlist": ("entry_id", "list", "name"),
    }
)
"""Per feed, the fields no valid row leaves empty (``names`` must be a non-empty list)."""

DATE_FORMATS: Mapping[str, str] = MappingProxyType(
    {
        "arrivals": "%Y%m%d",
        "students": "%Y-%m-%d",
        "registrations": "%Y-%m-%d",
        "benefits": "%m/%d/%Y",
        "court": "%Y-%m-%d",
        "removals": "%Y-%m-%d",
        "custody": "%m/%d/%Y",
        "criminal_history": "%Y%m%d",
        "wanted": "%Y%m%d",
        "employment": "%Y-%m-%d",
        "lost_stolen": "%Y-%m-%d",
        "transfers": "%Y-%m-%dT%H:%M:%S",
        "calls": "%Y-%m-%dT%H:%M:%S",
        "watchlist": "%Y-%m-%d",
    }
)
"""Each feed's own date format (``strptime``) for its event dates (SPEC "The feeds")."""

DATE_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "arrivals": ("event_date", "admit_until"),
        "students": ("program_start", "program_end", "events[].date"),
        "registrations": ("event_date", "followup_due"),
        "benefits": ("filed_date", "decision_date", "valid_from", "valid_to"),
        "court": ("events[].date", "events[].depart_by"),
        "removals": ("removal_date",),
        "custody": ("booking_date", "projected_release", "release_date"),
        "criminal_history": ("cycles[].arrest_date", "cycles[].disposition_date"),
        "wanted": ("entry_date",),
        "employment": ("hire_date", "document_expiry"),
        "lost_stolen": ("reported_date",),
        "transfers": ("sent_at",),
        "calls": ("started_at",),
        "watchlist": ("listed_date",),
    }
)
"""Per feed, its event-date fields: a full date in the feed's format, never partial.
(``admit_until`` may also read ``D/S``, duration of status.)"""

BIRTH_DATE_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "arrivals": ("dob",),
        "students": ("dob",),
        "registrations": ("dob",),
        "benefits": ("dob",),
        "court": ("dob",),
        "removals": ("dob",),
        "custody": ("dob",),
        "criminal_history": ("dobs[]",),
        "wanted": ("dob",),
        "employment": ("dob",),
        "watchlist": ("dob",),
    }
)
"""Per feed, its date-of-birth fields: the only dates that may be partial (``00`` day or
month in the feed's own format, or a 4-digit year alone where the feed writes 4-digit
years). arrivals writes ``YYMMDD`` (MRZ), removals ``DD.MM.YYYY``, watchlist any format."""

FINDING_CODES = (
    "OVERSTAY",
    "STUDENT_STATUS_VIOLATION",
    "STUDENT_OVERSTAY",
    "FUGITIVE",
    "REMOVABLE_IN_CUSTODY",
    "REENTRY_AFTER_REMOVAL",
    "LOST_STOLEN_DOCUMENT_USED",
    "SHARED_IDENTIFIER",
    "UNAUTHORIZED_EMPLOYMENT",
    "HUMAN_RIGHTS_VIOLATOR_PRESENT",
    "SEX_OFFENDER_REMOVABLE",
)
"""The judged finding codes, in SPEC.md's order."""
