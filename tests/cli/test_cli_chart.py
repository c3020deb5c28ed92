"""`linping chart` and `compare --chart`: bars of one unit in panels of one meaning, each fact once, labels
wrapped, bounds drawn as bounds, refusals, every format."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.output.chart import render_chart
from linping_cli.output.views import Target

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"


def _panels(text: str) -> dict[str, list[str]]:
    """A piped chart's lines under each panel heading (the heading up to its axis), blank lines left out."""
    panels: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in text.split("\n\n")[1:-1]:
        heading, *lines = line.splitlines()
        panels[heading.split(" · axis ")[0]] = lines
    return panels


def test_a_piped_chart_is_plain_bars_in_proportion(run: Runner) -> None:
    result = run("chart", "trade-total-2024", "exports-2024")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "以亿元计的实际数值 · Stated amounts in 100 million yuan"
    assert lines[2] == "实际数值 · stated amounts · axis 0–500 亿元"
    total, exports = (line.count("█") for line in lines[3:5])
    assert abs(exports / total - 460 / 499) < 0.03
    assert lines[4].endswith(">460 亿元") and "▶" in lines[4]  # a lower bound, drawn as one
    assert "source: 000" in result.stdout and "\x1b[" not in result.stdout


def test_figures_of_different_units_are_refused_naming_them(run: Runner) -> None:
    result = run("chart", "gdp-2024", "industrial-firms-above-scale")
    assert result.exit_code == 2
    assert "cannot chart figures of different units together: 亿元 (1), 家 (1)" in result.stderr


def test_units_that_convert_chart_together_keeping_what_was_stated() -> None:
    result = CliRunner().invoke(app, ["--data", str(BEYOND), "chart", "--category", "economy"])
    assert result.exit_code == 0, result.stderr
    assert ">90 亿元 (stated: 900000 万元)" in result.stdout
    data = json.loads(CliRunner().invoke(app, ["--data", str(BEYOND), "chart", "--category", "economy",
                                               "--unit", "万元", "--json"]).stdout)
    assert [(bar["value"], bar["unit"], bar["converted_value"], bar["converted_unit"]) for bar in data["bars"]] == [
        (120, "亿元", 1200000.0, "万元"), (900000, "万元", 900000.0, "万元")]


def test_one_entrys_key_figures_with_a_unit(run: Runner) -> None:
    result = run("chart", "--entry", "hgt51f", "--unit", "%")
    assert result.exit_code == 0
    assert result.stdout.startswith("F级50兆瓦重型燃气轮机HGT51F · HGT51F F-class 50 MW heavy-duty gas turbine\n")
    panels = _panels(result.stdout)  # a projection is not a measured value: a panel of its own
    assert list(panels) == ["实际数值 · stated amounts", "预计数值 · projections"]
    stated = panels["实际数值 · stated amounts"]
    assert len(stated) == 1 and "简单循环效率" in stated[0] and "≥35 %" in stated[0]
    assert panels["预计数值 · projections"][0].endswith("≥50 % (projected)")
    refused = run("chart", "--entry", "hgt51f")
    assert refused.exit_code == 2 and "兆瓦 (1)" in refused.stderr and "--unit" in refused.stderr


def test_derived_bars_say_so(run: Runner) -> None:
    result = run("chart", "trade-total-2024", "--derived")
    assert "≈424 亿元 (derived)" in result.stdout and "▓" in result.stdout
    assert "derived" not in run("chart", "trade-total-2024").stdout


def test_every_format(run: Runner) -> None:
    rows = list(csv.DictReader(io.StringIO(run("chart", "--category", "trade", "--unit", "亿元", "-f", "csv")
                                           .stdout)))
    assert [(row["entry"], row["panel"], row["entries"]) for row in rows] == [
        ("trade-total-2024", "stated", '["trade-total-2024"]'), ("exports-2024", "stated", '["exports-2024"]')]
    lines = run("chart", "--category", "trade", "--unit", "亿元", "-f", "jsonl").stdout.splitlines()
    assert json.loads(lines[1])["qualifier"] == "more-than"
    assert "| 2024年出口总额 |" in run("chart", "--category", "trade", "--unit", "亿元", "-f", "markdown").stdout
    assert run("chart", "--category", "trade", "--unit", "亿元", "-f", "tsv").stdout.startswith("entry\tlabel")
    assert run("chart", "gdp-2024", "-f", "svg").stdout.startswith("<svg ")


def test_compare_chart_draws_figures(run: Runner) -> None:
    result = run("compare", "trade-total-2024", "exports-2024", "--chart")
    assert result.exit_code == 0 and "█" in result.stdout
    assert run("compare", "cfmoto", "xiolift", "--chart").exit_code == 2
    assert run("compare", "trade-total-2024", "exports-2024", "-f", "svg").exit_code == 2


def test_nothing_to_chart_is_a_usage_error(run: Runner) -> None:
    assert run("chart").exit_code == 2
    assert "nothing in category 'trad'; did you mean trade" in run("chart", "--category", "trad").stderr


@pytest.mark.parametrize("qualifier", ["nearly", "some-new-word", "class"])
def test_an_unknown_qualifier_is_shown_by_name(qualifier: str) -> None:
    bar = {"entry": "x", "label": "某\x1b[31m", "label_en": "x", "value": 5, "value_max": None, "unit": "个",
           "unit_en": None, "qualifier": qualifier, "target": False, "projected": False, "year": None,
           "derived": False, "formula": None, "converted_value": 5, "converted_max": None, "converted_unit": "个",
           "panel": "p", "entries": ["x"], "source": []}
    out = io.StringIO()
    render_chart(_one_panel(bar), out, Target())
    assert "\x1b" not in out.getvalue() and "\\x1b[31m" in out.getvalue()
    if qualifier == "some-new-word":
        assert f"[{qualifier}] 5 个" in out.getvalue()
    if qualifier == "class":  # its panel says it is a class; no '?' at the end of its bar
        assert "5 个 (class)" in out.getvalue() and "?" not in out.getvalue()


def test_a_range_is_drawn_to_its_upper_end() -> None:
    bar = {"entry": "x", "label": "range", "label_en": "x", "value": 5, "value_max": 10, "unit": "个",
           "unit_en": None, "qualifier": "range", "target": False, "projected": False, "year": None,
           "derived": False, "formula": None, "converted_value": 5, "converted_max": 10, "converted_unit": "个",
           "panel": "p", "entries": ["x"], "source": []}
    out = io.StringIO()
    render_chart(_one_panel(bar), out, Target())
    line = out.getvalue().splitlines()[3]
    assert abs(line.count("█") - line.count("░")) <= 1 and "[range] 5–10 个" in line


def _one_panel(bar: dict[str, Any]) -> dict[str, Any]:
    return {"title": "t", "title_en": None, "unit": "个", "unit_en": None, "bars": [bar], "sources": [],
            "panels": [{"panel": "p", "heading": "某", "heading_en": "some"}]}


def test_classes_targets_and_amounts_are_never_on_one_axis(run: Runner) -> None:
    result = run("chart", "--unit", "亿元")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("以亿元计的实际数值、目标、规模级别和目标规模级别 · Stated amounts, targets, size")
    panels = _panels(result.stdout)
    assert list(panels) == ["实际数值 · stated amounts", "目标 · targets", "规模级别 · size classes",
                            "目标规模级别 · target size classes"]
    for line in panels["实际数值 · stated amounts"]:
        assert "(target)" not in line and "(class)" not in line
    assert all("(target)" in line for line in panels["目标 · targets"])
    assert sum("(class)" in line for line in panels["规模级别 · size classes"]) == 2
    assert panels["目标规模级别 · target size classes"][0].endswith("3000 亿元 (class) (target)")
    assert "[class]" not in result.stdout and "?" not in result.stdout
    # each panel has its own axis: the longest bar of each reaches about as far
    longest = [max(line.count("█") for line in lines) for lines in panels.values()]
    assert max(longest) - min(longest) <= 10
    assert "axis 0–1250 亿元" in result.stdout and "axis 0–100 亿元" in result.stdout


def test_a_fact_two_entries_hold_is_one_bar_naming_both(run: Runner) -> None:
    data = json.loads(run("chart", "--unit", "亿元", "--json").stdout)
    spending = [bar for bar in data["bars"] if bar["value"] == 10]
    assert len(spending) == 1
    assert spending[0]["entries"] == ["htc", "hgt51f"]
    assert spending[0]["label"] == ("杭州汽轮动力集团股份有限公司：燃气轮机研发投入；"
                                    "F级50兆瓦重型燃气轮机HGT51F：研发投入")
    assert spending[0]["label_en"] == ("Hangzhou Steam Turbine Power Group Co., Ltd.: gas turbine R&D spending; "
                                       "HGT51F F-class 50 MW heavy-duty gas turbine: R&D investment")
    firms = json.loads(run("chart", "--unit", "家", "--json").stdout)["bars"]
    assert [bar["entries"] for bar in firms if bar["value"] in (2400, 88)] == [
        ["computing-town-firms", "suanli-town"], ["canton-fair-137", "canton-fair-exhibitors"]]
    assert len(firms) == 7  # nine facts, two of them held twice
    text = run("chart", "--unit", "亿元").stdout
    assert text.count(">10 亿元") == 1 and "HGT51F：研发投入" in text.replace("\n", "")


def test_labels_wrap_rather_than_being_cut(run: Runner) -> None:
    text = run("chart", "--unit", "亿元").stdout
    assert "…" not in text
    lines = _panels(text)["规模级别 · size classes"]
    assert lines[0].startswith("3+2+X先进制造业集群体系：领头集群的  ")  # the label's first line, then its bar
    assert lines[1] == "规模级别"  # and the rest of the label under it
    labels = [line.split("  ")[0] for panel in _panels(text).values() for line in panel]
    assert 30 < max(sum(1 + (unicodedata.east_asian_width(c) == "W") for c in label) for label in labels) <= 36


def test_the_title_is_the_users(run: Runner) -> None:
    result = run("chart", "--category", "trade", "--unit", "亿元", "--title", "贸易两项")
    assert result.stdout.splitlines()[0] == "贸易两项"  # not made into an English title too
    both = run("chart", "--category", "trade", "--unit", "亿元", "--title", "贸易", "--title-en", "Trade", "--json")
    assert (json.loads(both.stdout)["title"], json.loads(both.stdout)["title_en"]) == ("贸易", "Trade")
    english = run("chart", "--category", "trade", "--unit", "亿元", "--title-en", "Trade", "-f", "svg").stdout
    assert '<title id="linping-chart-title">Trade</title>' in english
