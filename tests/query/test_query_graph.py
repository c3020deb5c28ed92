"""The order of a hub's graph: nodes, edges, tree lines and referrers, pinned on a small hub-shaped region, as
they were before the graph was built from the index (an entry's links in field order, then the entries naming
it in dataset order; a link once; an entry met again marked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linping_cli.cli.app import app

HUB = Path(__file__).parent.parent / "fixture_hub_region.toml"


def hub(*args: str) -> str:
    result = CliRunner().invoke(app, ["--data", str(HUB), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def edges(data: dict[str, list[dict[str, str]]]) -> list[str]:
    return [f"{edge['from']} {edge['relation']} {edge['to']}" for edge in data["edges"]]


def test_a_hub_tree_lists_its_links_in_order() -> None:
    assert hub("related", "hub").splitlines() == [
        "枢镇 (hub)",
        "  ← parent 北村 (north)",
        "  ← parent 南村 (south)",
        "  ← location, ← related 阿克米公司 (acme)",
        "  ← related 贝塔公司 (beta)",
        "  ← related 小器件 (gizmo)",
        "  ← location 枢镇集市 (hub-fair)",
    ]
    assert hub("related", "hub", "--depth", "2").splitlines() == [
        "枢镇 (hub)",
        "  ← parent 北村 (north)",
        "    ← related 南村 (south)",
        "  ← parent 南村 (south) (see above)",
        "  ← location, ← related 阿克米公司 (acme)",
        "    related → 南村 (south) (see above)",
        "    ← organisation 王五 (Wang Wu)",
        "    ← maker 小器件 (gizmo)",
        "    ← organiser 枢镇集市 (hub-fair)",
        "  ← related 贝塔公司 (beta)",
        "    location → 南村 (south) (see above)",
        "  ← related 小器件 (gizmo) (see above)",
        "  ← location 枢镇集市 (hub-fair) (see above)",
    ]
    assert hub("related", "gizmo").splitlines() == ["小器件 (gizmo)", "  maker → 阿克米公司 (acme)",
                                                    "  related → 枢镇 (hub)"]


def test_a_hub_neighbourhood_keeps_its_order_of_nodes_and_edges() -> None:
    data = json.loads(hub("related", "hub", "--json"))
    assert [node["id"] for node in data["nodes"]] == ["hub", "north", "south", "acme", "beta", "gizmo", "hub-fair"]
    assert data["nodes"][3] == {"id": "acme", "type": "company", "region": "hub-town", "name": "阿克米公司",
                                "name_en": "Acme Ltd."}
    assert edges(data) == ["north parent hub", "south parent hub", "acme location hub", "acme related hub",
                           "beta related hub", "gizmo related hub", "hub-fair location hub"]
    deeper = json.loads(hub("related", "hub", "--depth", "2", "--json"))
    assert edges(deeper) == [
        "north parent hub", "south parent hub", "acme location hub", "acme related hub", "beta related hub",
        "gizmo related hub", "hub-fair location hub", "south related north", "acme related south",
        "beta location south", "wang-wu organisation acme", "gizmo maker acme", "hub-fair organiser acme",
        "gizmo related gizmo"]
    assert [node["id"] for node in deeper["nodes"]] == ["hub", "north", "south", "acme", "beta", "gizmo",
                                                        "hub-fair", "wang-wu"]


def test_the_whole_graph_goes_entry_by_entry_in_field_order() -> None:
    data = json.loads(hub("graph", "--json"))
    assert [node["id"] for node in data["nodes"]] == ["hub", "north", "south", "acme", "beta", "wang-wu", "gizmo",
                                                      "hub-fair"]
    assert edges(data) == [
        "north parent hub", "south parent hub", "south related north", "acme location hub", "acme related south",
        "acme related hub", "beta location south", "beta related hub", "wang-wu organisation acme",
        "gizmo maker acme", "gizmo related hub", "gizmo related gizmo", "hub-fair location hub",
        "hub-fair organiser acme"]
    assert edges(json.loads(hub("graph", "--type", "place", "--json"))) == [
        "north parent hub", "south parent hub", "south related north"]


def test_show_names_a_hubs_referrers_in_dataset_order() -> None:
    line = next(line for line in hub("show", "hub").splitlines() if line.startswith("referenced_by"))
    assert line.split(None, 1)[1] == ("北村 (north), 南村 (south), 阿克米公司 (acme), 贝塔公司 (beta), "
                                      "小器件 (gizmo), 枢镇集市 (hub-fair)")
    shown = json.loads(hub("show", "north", "--json"))
    assert shown["name"] == "北村" and shown["parent"] == "hub" and shown["related"] == []
    # Named first by the hub (and read no further), then shown: every field, in the order of its own show.
    both = json.loads(hub("show", "hub", "north", "south", "--json"))
    assert both[1] == shown and list(both[1]) == list(shown)
    assert both[2] == json.loads(hub("show", "south", "--json"))


@pytest.mark.parametrize("args", [["related", "hub", "--depth", "3", "--json"], ["related", "south", "--depth", "2"],
                                  ["related", "hub", "--depth", "2", "--relation", "related", "-f", "csv"]])
def test_referrers_found_one_by_one_or_in_one_pass_give_one_graph(monkeypatch: pytest.MonkeyPatch,
                                                                  args: list[str]) -> None:
    from linping_cli.query import graph

    one_by_one = hub(*args)
    monkeypatch.setattr(graph, "_FOUND_ONE_BY_ONE", 0)  # every step a pass over every entry's links
    assert hub(*args) == one_by_one
