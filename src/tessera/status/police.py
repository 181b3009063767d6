"""Custody, criminal history, warrants and referral lists, per person.

A booking holds a person now when its status is not RELEASED and no release date has
passed. Convictions carry their NCIC offence family; the ``serious`` families are those
SPEC's REMOVABLE_IN_CUSTODY counts (``model.offences``).
"""

from __future__ import annotations

from tessera.model.immigration import sql_list
from tessera.model.offences import OFFENCE_FAMILIES
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table, key, of_entity

SERIOUS_FAMILIES = tuple(f.code for f in OFFENCE_FAMILIES if f.serious)

BOOKINGS = Table(
    "status_bookings",
    "Jail and prison bookings; ``held`` is true when the person is in custody as of the drop.",
    (
        ENTITY,
        KEY,
        ("booked", "DATE"),
        ("facility", "VARCHAR"),
        ("facility_type", "VARCHAR"),
        ("status", "VARCHAR"),
        ("charge_families", "VARCHAR[]"),
        ("released", "DATE"),
        ("projected_release", "DATE"),
        ("held", "BOOLEAN"),
    ),
    (
        Source(
            ("src_custody",),
            f"SELECT r.entity_id, {key('custody')} AS key, s.booking_date AS booked, "
            "s.facility, s.facility_type, s.status, s.charges_families AS charge_families, "
            "s.release_date AS released, s.projected_release, "
            "(s.status <> 'RELEASED' AND s.booking_date <= {as_of} "
            "AND (s.release_date IS NULL OR s.release_date > {as_of})) AS held "
            f"FROM {of_entity('custody')}",
        ),
    ),
)

DISPOSITIONS = Table(
    "status_dispositions",
    "Every arrest cycle of a criminal history with its disposition and offence family.",
    (
        ENTITY,
        KEY,
        ("seq", "BIGINT"),
        ("arrested", "DATE"),
        ("offense", "VARCHAR"),
        ("family", "VARCHAR"),
        ("disposition", "VARCHAR"),
        ("disposed", "DATE"),
        ("sentence_days", "BIGINT"),
        ("serious", "BOOLEAN"),
    ),
    (
        Source(
            ("src_criminal_history__cycles",),
            f"SELECT r.entity_id, {key('criminal_history', 'c')} AS key, c.seq, "
            "c.arrest_date AS arrested, c.offense, c.offense_family AS family, c.disposition, "
            "c.disposition_date AS disposed, c.sentence_days, "
            f"coalesce(c.offense_family IN {sql_list(SERIOUS_FAMILIES)}, false) AS serious "
            f"FROM {of_entity('criminal_history', 'c', 'cycles')}",
        ),
    ),
)

WARRANTS = Table(
    "status_warrants",
    "NCIC wanted-person records: warrants, immigration violators, protection orders.",
    (
        ENTITY,
        KEY,
        ("record_type", "VARCHAR"),
        ("status", "VARCHAR"),
        ("offense", "VARCHAR"),
        ("family", "VARCHAR"),
        ("entered", "DATE"),
        ("ori", "VARCHAR"),
    ),
    (
        Source(
            ("src_wanted",),
            f"SELECT r.entity_id, {key('wanted')} AS key, s.record_type, s.status, s.offense, "
            "s.offense_family AS family, s.entry_date AS entered, s.ori "
            f"FROM {of_entity('wanted')}",
        ),
    ),
)

LISTINGS = Table(
    "status_listings",
    "Referral-list entries: sex-offender registries and the human-rights-violator list.",
    (ENTITY, KEY, ("list", "VARCHAR"), ("listed", "DATE"), ("basis", "VARCHAR")),
    (
        Source(
            ("src_watchlist",),
            f"SELECT r.entity_id, {key('watchlist')} AS key, s.list, s.listed_date AS listed, "
            f"s.basis FROM {of_entity('watchlist')}",
        ),
    ),
)

POLICE_TABLES = (BOOKINGS, DISPOSITIONS, WARRANTS, LISTINGS)
