"""The files of a drop: feed names, file names, and each CSV feed's columns.

Columns are SPEC.md's, in its order, plus the extra columns some systems export
(``carrier``, ``ori``, ``everify_result``): a reader must find columns by name and
keep what it does not know. The drop then shuffles some feeds' column order.
"""

from __future__ import annotations

import random

FEEDS = (
    "arrivals",
    "students",
    "registrations",
    "benefits",
    "court",
    "removals",
    "custody",
    "criminal_history",
    "wanted",
    "employment",
    "lost_stolen",
    "transfers",
    "calls",
    "watchlist",
)
JSON_FEEDS = frozenset(("students", "court", "criminal_history"))
NOT_PERSONS = frozenset(("lost_stolen", "transfers", "calls"))
"""Feeds whose rows do not describe a person (absent from links.csv)."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "arrivals": (
        "event_id",
        "event_type",
        "event_date",
        "port",
        "mode",
        "family_name",
        "given_names",
        "dob",
        "sex",
        "nationality",
        "passport_country",
        "passport_number",
        "fin",
        "class_of_admission",
        "admit_until",
        "i94_number",
        "carrier",
    ),
    "registrations": (
        "registration_id",
        "name",
        "dob",
        "nationality",
        "event",
        "event_date",
        "followup_due",
    ),
    "benefits": (
        "receipt_number",
        "a_number",
        "family_name",
        "given_name",
        "dob",
        "country_of_birth",
        "form",
        "filed_date",
        "decision",
        "decision_date",
        "valid_from",
        "valid_to",
    ),
    "removals": (
        "removal_id",
        "a_number",
        "fin",
        "name",
        "dob",
        "nationality",
        "removal_date",
        "type",
    ),
    "custody": (
        "booking_id",
        "facility",
        "facility_type",
        "name",
        "dob",
        "sex",
        "place_of_birth",
        "fbi_number",
        "fin",
        "booking_date",
        "charges",
        "status",
        "projected_release",
        "release_date",
        "ori",
    ),
    "wanted": (
        "nic_number",
        "record_type",
        "name",
        "dob",
        "sex",
        "fbi_number",
        "ori",
        "offense",
        "entry_date",
        "status",
    ),
    "employment": (
        "i9_id",
        "employer_id",
        "employer_name",
        "worksite_state",
        "employee_family_name",
        "employee_given_name",
        "dob",
        "ssn",
        "a_number",
        "citizenship_attestation",
        "document_type",
        "document_number",
        "document_expiry",
        "hire_date",
        "everify_result",
    ),
    "lost_stolen": (
        "report_id",
        "issuing_country",
        "document_number",
        "document_type",
        "status",
        "reported_date",
    ),
    "transfers": (
        "transfer_id",
        "sent_at",
        "sender_name",
        "sender_phone",
        "sender_city",
        "sender_state",
        "receiver_name",
        "receiver_phone",
        "receiver_city",
        "receiver_state",
        "receiver_country",
        "amount_usd",
        "agent_id",
    ),
    "calls": ("call_id", "started_at", "caller", "callee", "duration_s"),
    "watchlist": (
        "entry_id",
        "list",
        "name",
        "aliases",
        "dob",
        "nationality",
        "basis",
        "listed_date",
    ),
}
EXTRA_COLUMNS = {"arrivals": ("carrier",), "custody": ("ori",), "employment": ("everify_result",)}
"""Columns SPEC does not name that these systems export anyway."""


def file_name(feed: str) -> str:
    return f"{feed}.jsonl" if feed in JSON_FEEDS else f"{feed}.csv"


def column_orders(seed: int) -> dict[str, tuple[int, ...]]:
    """Per CSV feed, the drop's column order as indexes into ``COLUMNS`` (the record
    id stays first). About half the feeds are shuffled, chosen by the seed."""
    rng = random.Random(f"tessera-synth:{seed}:columns")
    orders: dict[str, tuple[int, ...]] = {}
    for feed, columns in COLUMNS.items():
        rest = list(range(1, len(columns)))
        if rng.random() < 0.5 or feed == "arrivals":
            rng.shuffle(rest)
        orders[feed] = (0, *rest)
    return orders
