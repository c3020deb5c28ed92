"""The loaded dataset: an entry read by its head alone (as `show` reads the thousands of entries naming a hub) is
the same entry as one read whole, once any other field is asked for; and the names and ids it knows by position."""

from __future__ import annotations

from pathlib import Path

import pytest

from linping_cli.cli.load import load_dataset
from linping_cli.model.records import to_dict

HUB = Path(__file__).parent.parent / "fixture_hub_region.toml"


@pytest.mark.parametrize("cached", [True, False])
def test_a_head_reads_its_other_fields_when_first_asked(cached: bool) -> None:
    load_dataset([HUB], use_cache=cached)  # with the cache: fills it, so the next load reads the cache file
    dataset, whole = load_dataset([HUB], use_cache=cached), load_dataset([HUB], use_cache=False)
    position = dataset.position("south")
    assert position is not None
    [head] = dataset.heads([position])
    assert (head.id, head.type, head.region, head.name, head.name_en) == (
        "south", "place", "hub-town", "南村", "South Village")
    assert dataset.get("south") is head and dataset.record(position) is head  # one entry, read no further yet
    assert getattr(head, "parent") == "hub" and getattr(head, "value", None) is None  # noqa: B009
    read = whole.get("south")
    assert read is not None and to_dict(head) == to_dict(read) and list(to_dict(head)) == list(to_dict(read))
    [other] = dataset.heads([dataset.position("beta")])  # type: ignore[list-item]
    assert other == whole.get("beta") and whole.get("beta") == other
    with pytest.raises(AttributeError):
        other.no_such_field  # type: ignore[attr-defined]  # noqa: B018


def test_names_and_ids_by_position() -> None:
    dataset = load_dataset([HUB], use_cache=False)
    names = dataset.names()
    assert names[:4] == ["枢镇", "Hub Town", "北村", "North Village"]
    assert dataset.qualified_ids()[:3] == ["hub", "north", "south"]
    assert dataset.position("hub-town:south") == dataset.position("south") == 2
    assert dataset.position("nothing") is None
