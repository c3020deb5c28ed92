"""The record types: what an entry omits is filled in afresh for each entry, in the schema's order."""

from __future__ import annotations

from conftest import FIXTURE

from linping_cli.cli.load import load_dataset
from linping_cli.model.kinds import default_of
from linping_cli.model.records import ENTRY_TYPES, complete, field_order


def test_omitted_lists_are_new_for_each_entry() -> None:
    one = complete({"type": "company", "id": "a"})
    two = complete({"type": "company", "id": "b"})
    one["related"].append("c")
    one["key_figures"].append({"label": "x"})
    assert two["related"] == [] and two["key_figures"] == [] and complete({"type": "company", "id": "d"})["tags"] == []


def test_loaded_entries_share_no_list() -> None:
    dataset = load_dataset([FIXTURE], use_cache=False)
    first, second = [entry for entry in dataset.entries if not entry.related][:2]
    first.related.append("gdp-2024")
    assert second.related == []


def test_a_completed_entry_has_every_field_of_its_type_in_order() -> None:
    for type_name, cls in ENTRY_TYPES.items():
        assert tuple(complete({"type": type_name, "id": "x"})) == field_order(cls)


def test_defaults_are_new_objects() -> None:
    assert default_of("texts") is not default_of("texts")
    assert default_of("bool") is False and default_of("text?") is None
