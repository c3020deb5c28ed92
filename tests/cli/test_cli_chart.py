"""`linping chart` and `compare --chart`: bars of one unit, bounds drawn as bounds, refusals, every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.output.chart import render_chart
from linping_cli.output.views import Target

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"


def test_a_piped_chart_is_plain_bars_in_proportion(run: Runner) -> None:
    result = run("chart", "trade-total-2024", "exports-2024")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "以亿元计的数字 · Figures in 100 million yuan"
    total, exports = (line.count("█") for line in lines[1:3])
    assert abs(exports / total - 460 / 499) < 0.03
    assert lines[2].endswith(">460 亿元") and "▶" in lines[2]  # a lower bound, drawn as one
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
    assert "热电联供效率" in result.stdout and "≥50 %" in result.stdout and "≥35 %" in result.stdout
    refused = run("chart", "--entry", "hgt51f")
    assert refused.exit_code == 2 and "兆瓦 (1)" in refused.stderr and "--unit" in refused.stderr


def test_derived_bars_say_so(run: Runner) -> None:
    result = run("chart", "gdp-2024", "--derived")
    assert "≈1119.1 亿元 (derived)" in result.stdout and "▓" in result.stdout
    assert "derived" not in run("chart", "gdp-2024").stdout


def test_every_format(run: Runner) -> None:
    rows = list(csv.DictReader(io.StringIO(run("chart", "--category", "trade", "--unit", "亿元", "-f", "csv")
                                           .stdout)))
    assert [row["entry"] for row in rows] == ["trade-total-2024", "exports-2024"]
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
           "unit_en": None, "qualifier": qualifier, "target": False, "year": None, "derived": False, "formula": None,
           "converted_value": 5, "converted_max": None, "converted_unit": "个", "source": []}
    out = io.StringIO()
    render_chart({"title": "t", "title_en": "t", "bars": [bar]}, out, Target())
    assert "\x1b" not in out.getvalue() and "\\x1b[31m" in out.getvalue()
    if qualifier != "nearly":
        assert f"[{qualifier}] 5 个" in out.getvalue()


def test_a_range_is_drawn_to_its_upper_end() -> None:
    bar = {"entry": "x", "label": "range", "label_en": "x", "value": 5, "value_max": 10, "unit": "个",
           "unit_en": None, "qualifier": "range", "target": False, "year": None, "derived": False, "formula": None,
           "converted_value": 5, "converted_max": 10, "converted_unit": "个", "source": []}
    out = io.StringIO()
    render_chart({"title": "t", "title_en": "t", "bars": [bar]}, out, Target())
    line = out.getvalue().splitlines()[1]
    assert abs(line.count("█") - line.count("░")) <= 1 and "[range] 5–10 个" in line
