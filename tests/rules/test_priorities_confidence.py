"""Priority tiers under dated policies; confidence from the identity links."""

from __future__ import annotations

import pytest

from tessera.model.priorities import POLICIES
from tessera.rules import RULES, UnknownPolicyError
from tests.rules.kit import D, World


def fugitive(w: World, person: str, convictions: list[tuple[str, int]]) -> None:
    w.court(person, [(D("2015-01-10"), "ORDER", "REMOVAL")])
    if convictions:
        w.criminal(person, [(o, "CONVICTED", D("2016-01-01"), days) for o, days in convictions])


@pytest.mark.parametrize(
    ("convictions", "policy", "tier"),
    [
        ([("0911", 30)], "DHS-2014", "P1"),  # homicide: an aggravated felony
        ([("2399", 400)], "DHS-2014", "P1"),  # a felony by its sentence
        ([("5404", 2)], "DHS-2014", "P2"),  # DUI: a significant misdemeanour
        ([("7399", 5), ("2399", 5), ("5099", 5)], "DHS-2014", "P2"),  # three misdemeanours
        ([("5405", 1)], "DHS-2014", "P3"),  # minor traffic: only the 2015 final order counts
        ([("5405", 1)], "ICE-2011", "P3"),
        ([("5405", 1)], "EO-13768", "P1"),  # any conviction
        ([], "EO-13768", "P1"),  # final order
    ],
)
def test_each_finding_records_its_tier_under_the_active_policy(
    convictions: list[tuple[str, int]], policy: str, tier: str
) -> None:
    w = World()
    fugitive(w, "P", convictions)
    [found] = [f for f in w.judge(policy) if f.code == "FUGITIVE"]
    assert (found.tier, found.policy) == (tier, policy)
    assert found.tier_reason


def test_a_final_order_before_2014_is_no_priority_under_the_2014_tiers() -> None:
    w = World()
    w.court("P", [(D("2010-01-10"), "ORDER", "REMOVAL")])
    [found] = [f for f in w.judge("DHS-2014") if f.code == "FUGITIVE"]
    assert found.tier is None and found.policy == "DHS-2014"


def test_policies_are_dated_and_an_unknown_one_is_refused() -> None:
    assert POLICIES["DHS-2014"].in_effect(D("2015-06-01"))
    assert not POLICIES["DHS-2014"].in_effect(D("2017-02-01"))
    with pytest.raises(UnknownPolicyError, match="DHS-2014"):
        World().judge("NO-SUCH-POLICY")


def test_a_rule_not_in_effect_on_the_drop_date_does_not_run() -> None:
    w = World(D("1995-01-01"))
    w.arrival("P", D("1994-01-10"), "B2", D("1994-07-09"))
    w.judge()
    assert w.run is not None and "OVERSTAY v1.0" not in w.run.rules
    assert "UNAUTHORIZED_EMPLOYMENT v1.0" in w.run.rules
    assert len(RULES) == 11


def test_confidence_follows_the_weakest_link_a_finding_rests_on() -> None:
    w = World()
    # One person, one record: nothing linked.
    w.arrival("ALONE", D("2024-01-10"), "B2", D("2024-07-09"))
    # Two arrivals sharing a passport: a strong tie.
    w.arrival("TIED", D("2023-01-10"), "B2", D("2023-02-09"), passport="Q1")
    w.departure("TIED", D("2023-02-01"), passport="Q1")
    w.arrival("TIED", D("2024-01-10"), "B2", D("2024-07-09"), passport="Q1")
    # A hire joined to an arrival by name and date of birth only, while the person's
    # records carry two different passports: a possible namesake.
    w.arrival("NAMESAKE", D("2024-01-10"), "B2", D("2024-07-09"), passport="Q2")
    w.hire("NAMESAKE", D("2024-03-01"), "USC", "US_PASSPORT", "Q3")
    w.hire("NAMESAKE2", D("2024-03-01"), "AUTHORIZED_ALIEN", "EAD", "E1", "900-00-0005")
    w.arrival("NAMESAKE2", D("2024-01-10"), "B2", D("2024-07-09"), passport="Q4")
    found = {(f.entity_id, f.code): f for f in w.judge()}
    assert found["ALONE", "OVERSTAY"].confidence == 1.0
    assert found["TIED", "OVERSTAY"].confidence == pytest.approx(0.95)
    weak = found["NAMESAKE2", "UNAUTHORIZED_EMPLOYMENT"]
    assert weak.confidence == pytest.approx(0.9) and not weak.identity_check
    assert ("NAMESAKE", "OVERSTAY") not in found  # a U.S. passport shown: a citizen


def test_a_record_with_other_fingers_is_marked_for_identity_verification() -> None:
    w = World()
    w.arrival("P", D("2020-01-10"), "B2", D("2020-07-09"), passport="Z1", fin="FIN0000000001")
    w.departure("P", D("2020-02-01"), passport="Z1")
    w.arrival("P", D("2024-01-10"), "B2", D("2024-07-09"), passport="Z1", fin="FIN0000000002")
    [found] = [f for f in w.judge() if f.code == "OVERSTAY"]
    assert found.identity_check and found.confidence < 0.8
