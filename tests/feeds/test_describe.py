"""Layouts read like the interface documents they encode."""

from __future__ import annotations

from tessera.feeds import LAYOUTS, describe_fields


def test_every_field_of_every_feed_is_described_once() -> None:
    for layout in LAYOUTS.values():
        names = [f.name for f in describe_fields(layout)]
        expected = [layout.record_id, *(f.name for f in layout.fields)]
        expected += [
            f"{n.name}[].{f.name}"
            for n in layout.nested
            for f in ((n.item,) if n.item else n.fields)
        ]
        assert names == expected
        assert layout.system and layout.legal_basis, layout.name


def test_descriptions_say_how_values_are_written() -> None:
    by_name = {f.name: f for f in describe_fields(LAYOUTS["arrivals"])}
    assert "YYMMDD" in by_name["dob"].kind and "event_date" in by_name["dob"].kind
    assert by_name["mode"].kind == "code: AIR | SEA | LAND"
    assert by_name["event_type"].required and not by_name["port"].required
