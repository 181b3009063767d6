"""Enforcement priority policies as dated data: each tier says which facts put a person
in it, in words and as a predicate over the priority facts of a person.

The facts (``rules/priorities.py`` computes them per person, from the records only):

| fact | meaning |
|---|---|
| ``aggravated_felonies`` | convictions the records show as aggravated felonies (INA 101(a)(43)) |
| ``felonies`` | convictions with a sentence over a year (a felony's defining punishment) |
| ``misdemeanours`` | other convictions, minor traffic offences left out |
| ``significant_misdemeanours`` | misdemeanours in a significant family (sexual abuse, |
| | burglary, firearms, drugs, DUI) or sentenced to 90 days or more |
| ``convictions`` | every conviction |
| ``final_order_on`` | the date the person's latest removal order became final, if any |

Gang membership, terrorism and national-security grounds are in no feed: tiers that
rest on them cannot be shown and are left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    label: str
    predicate: str
    """SQL over the priority facts of one person."""


@dataclass(frozen=True)
class Tier:
    code: str
    label: str
    criteria: tuple[Criterion, ...]
    """Any one criterion puts the person in this tier."""


@dataclass(frozen=True)
class PriorityPolicy:
    id: str
    title: str
    source: str
    effective_from: dt.date
    effective_to: dt.date | None
    tiers: tuple[Tier, ...]
    """Highest priority first: a person gets the first tier they meet."""

    def in_effect(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


AGGRAVATED_FELONY = Criterion("aggravated felony", "aggravated_felonies > 0")
FELONY = Criterion("felony conviction", "felonies > 0")

MORTON_2011 = PriorityPolicy(
    id="ICE-2011",
    title="Civil immigration enforcement priorities (Morton)",
    source="ICE Policy 10072.1, 2 March 2011",
    effective_from=dt.date(2011, 3, 2),
    effective_to=dt.date(2014, 11, 20),
    tiers=(
        Tier(
            "P1",
            "threat to public safety (level 1 and 2 offenders)",
            (
                AGGRAVATED_FELONY,
                Criterion("two or more felonies", "felonies >= 2"),
                FELONY,
                Criterion("three or more misdemeanours", "misdemeanours >= 3"),
            ),
        ),
        Tier(
            "P3",
            "fugitive: final order of removal",
            (Criterion("final order of removal", "final_order_on IS NOT NULL"),),
        ),
    ),
)

JOHNSON_2014 = PriorityPolicy(
    id="DHS-2014",
    title="Policies for the apprehension, detention and removal of undocumented immigrants",
    source="DHS Secretary Johnson memorandum, 20 November 2014",
    effective_from=dt.date(2014, 11, 20),
    effective_to=dt.date(2017, 1, 25),
    tiers=(
        Tier("P1", "threats to public safety", (AGGRAVATED_FELONY, FELONY)),
        Tier(
            "P2",
            "misdemeanants",
            (
                Criterion("three or more misdemeanours", "misdemeanours >= 3"),
                Criterion("significant misdemeanour", "significant_misdemeanours > 0"),
            ),
        ),
        Tier(
            "P3",
            "final order on or after 1 January 2014",
            (
                Criterion(
                    "final order on or after 2014-01-01",
                    "final_order_on >= DATE '2014-01-01'",
                ),
            ),
        ),
    ),
)

EO_13768 = PriorityPolicy(
    id="EO-13768",
    title="Enhancing public safety in the interior of the United States",
    source="Executive Order 13768, 25 January 2017",
    effective_from=dt.date(2017, 1, 25),
    effective_to=dt.date(2021, 1, 20),
    tiers=(
        Tier(
            "P1",
            "convicted of any offence, or subject to a final order",
            (
                Criterion("any conviction", "convictions > 0"),
                Criterion("final order of removal", "final_order_on IS NOT NULL"),
            ),
        ),
    ),
)

POLICIES: dict[str, PriorityPolicy] = {p.id: p for p in (MORTON_2011, JOHNSON_2014, EO_13768)}
DEFAULT_POLICY = JOHNSON_2014.id

AGGRAVATED_FAMILIES = ("HOMICIDE", "SEXUAL_ASSAULT", "SEX_OFFENCE", "SMUGGLING_PERSONS")
"""Families whose conviction is an aggravated felony at any sentence: murder and rape,
sexual abuse of a minor, alien smuggling (INA 101(a)(43)(A), (N))."""
AGGRAVATED_WITH_YEAR = (
    "KIDNAPPING",
    "ROBBERY",
    "ASSAULT",
    "BURGLARY",
    "LARCENY",
    "DRUGS",
    "WEAPONS",
)
"""Aggravated felonies when sentenced to a year or more: crimes of violence, theft and
burglary (INA 101(a)(43)(F), (G)); drug and firearms trafficking are approximated by the
same sentence floor, since the feeds do not say trafficking."""
SIGNIFICANT_FAMILIES = ("SEXUAL_ASSAULT", "SEX_OFFENCE", "BURGLARY", "WEAPONS", "DRUGS")
"""Significant misdemeanours of the 2014 memorandum: sexual abuse, burglary, unlawful
firearms, drug distribution (domestic violence cannot be told apart from assault)."""
DUI_CODES = ("5403", "5404")
"""NCIC 2000: driving under the influence of drugs (5403) or liquor (5404)."""
SIGNIFICANT_SENTENCE_DAYS = 90
FELONY_SENTENCE_DAYS = 365
MINOR_TRAFFIC_FAMILY = "TRAFFIC"
