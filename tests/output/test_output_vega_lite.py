"""The chart as a Vega-Lite v5 spec: valid against Vega-Lite's own JSON Schema (the copy altair 5 ships), one
view per panel with the qualifier as a field it draws, and drawn by Vega itself (vl-convert) with every bar in
proportion on its panel's axis and every label whole."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import vl_convert
from conftest import Runner
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.output.vega_lite import render_vega_lite

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"
VEGA_LITE = "5.20"  # the version of the schema altair 5.5 ships


@cache
def _validator() -> Draft7Validator:
    spec = importlib.util.find_spec("altair")  # found, not imported: only its copy of the schema is wanted
    assert spec is not None and spec.submodule_search_locations, "altair 5 is in the test extra"
    path = Path(spec.submodule_search_locations[0]) / "vegalite" / "v5" / "schema" / "vega-lite-schema.json"
    return Draft7Validator(json.loads(path.read_text(encoding="utf-8")))


def _chart(run: Runner, *args: str) -> dict[str, Any]:
    result = run("chart", *args, "--json")
    assert result.exit_code == 0, result.stderr
    chart: dict[str, Any] = json.loads(result.stdout)
    return chart


def _marks(scenegraph: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The items of the mark group called `name` in a Vega scenegraph."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("name") == name and "items" in node:
                found.extend(node["items"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(scenegraph)
    return found


@pytest.mark.parametrize("args", [("--unit", "亿元"), ("--unit", "家"), ("--category", "trade", "--unit", "亿元",
                                                                         "--derived"), ("--entry", "hgt51f", "--unit",
                                                                                        "%")])
def test_the_spec_is_valid_vega_lite_5(run: Runner, args: tuple[str, ...]) -> None:
    spec = json.loads(render_vega_lite(_chart(run, *args)))
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in _validator().iter_errors(spec)]
    assert not errors
    assert list(_validator().iter_errors({**spec, "vconcat": [{**spec["vconcat"][0], "bogus": 1}]}))  # it looks


def test_one_view_per_panel_with_the_qualifier_drawn(run: Runner) -> None:
    chart = _chart(run, "--unit", "亿元")
    spec = json.loads(render_vega_lite(chart))
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    assert spec["title"]["text"] == chart["title"] and spec["title"]["subtitle"][0] == chart["title_en"]
    assert spec["resolve"] == {"scale": {"x": "independent", "y": "independent"}}
    values = spec["data"]["values"]
    assert [(datum["entries"], datum["value"], datum["qualifier"]) for datum in values] == [
        (bar["entries"], bar["value"], bar["qualifier"]) for bar in chart["bars"]]
    views = spec["vconcat"]
    assert [view["transform"] for view in views] == [[{"filter": {"field": "panel", "equal": panel["panel"]}}]
                                                     for panel in chart["panels"]]
    assert [view["title"]["text"] for view in views] == [
        "实际数值 · stated amounts", "目标 · targets", "规模级别 · size classes", "目标规模级别 · target size classes"]
    for view in views:
        bars = view["layer"][0]
        assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["field"] == "converted_value"
        assert bars["encoding"]["color"]["field"] == "qualifier_shown"  # the qualifier, visible as colour
        assert view["encoding"]["y"]["axis"]["labelLimit"] == 0  # labels never cut
    assert {datum["qualifier_shown"] for datum in values} == {"exact", "more-than", "class"}
    assert "Stated amounts (实际数值): 2024年地区生产总值" in spec["description"]


def test_vega_draws_it_in_proportion_on_each_panels_axis(run: Runner) -> None:
    chart = _chart(run, "--unit", "亿元")
    scenegraph = vl_convert.vegalite_to_scenegraph(render_vega_lite(chart), vl_version=VEGA_LITE)
    widths = [[item["width"] for item in _marks(scenegraph, f"concat_{n}_layer_0_marks")] for n in range(4)]
    assert widths[0] and len(widths[0]) == 4 and len(widths[2]) == 2
    for panel, values in zip(widths, [(1175.09, 499, 460, 10), (100,), (1000, 500), (3000,)], strict=True):
        for width, value in zip(panel, values, strict=True):
            assert abs(width / panel[0] - value / values[0]) < 0.01
    texts = [item["text"] for item in _marks(scenegraph, "concat_0_layer_3_marks")]
    assert texts == ["1175.09 亿元", "499 亿元", ">460 亿元", ">10 亿元"]
    svg = vl_convert.vegalite_to_svg(render_vega_lite(chart), vl_version=VEGA_LITE)
    assert "…" not in svg and "HGT51F：研发投" in svg and "Made with linping." in svg


HOSTILE = r"""[meta]
id = "h"
region = "区"
region_en = "H"

[[source]]
file = "h.txt"
title = "甲"

[[figure]]
id = "evil"
name = "恶\"名\" ') + alert(1) + (' \u001b[31m \u202e"
name_en = "Evil </script> datum.x \\n end"
value = 5
unit = "个"
summary = "测试转义。"
summary_en = "Tests escaping."
source = [{ file = "h.txt", section = "lead" }]
"""


def test_dataset_text_stays_data(tmp_path: Path) -> None:
    (tmp_path / "h.toml").write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(tmp_path / "h.toml"), "chart", "evil", "--json"])
    assert result.exit_code == 0, result.stderr
    text = render_vega_lite(json.loads(result.stdout), credit=False)
    assert "\x1b" not in text and "\u202e" not in text  # JSON-escaped: shown rather than obeyed
    assert "\\u001b[31m" in text and "\\u202e" in text
    spec = json.loads(text)
    datum = spec["data"]["values"][0]
    assert datum["label"] == "恶\"名\" ') + alert(1) + (' \x1b[31m \u202e"  # the data exact
    # what Vega draws shows the controls rather than handing them to a renderer
    assert spec["title"]["text"] == "恶\"名\" ') + alert(1) + (' \\x1b[31m <U+202E>"
    assert "\\x1b[31m" in datum["row"] and "<U+202E>" in datum["row"] and datum["value_shown"] == "5 个"
    assert "Made with linping." not in text
    # the only expressions are linping's own: dataset text is never spliced into one
    assert {view["encoding"]["y"]["axis"]["labelExpr"] for view in spec["vconcat"]} == {"split(datum.label, '\\n')"}
    assert "alert" not in json.dumps([view["transform"] for view in spec["vconcat"]])
    assert not list(_validator().iter_errors(spec))
    assert "Evil &lt;/script&gt;" in vl_convert.vegalite_to_svg(text, vl_version=VEGA_LITE)  # Vega draws it as text
