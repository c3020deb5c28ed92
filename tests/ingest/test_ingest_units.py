"""The [[unit]] tables: checked like every table, carried in the cache, agreeing across regions."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"
UNIT = '\n[[unit]]\nunit = "{unit}"\ndimension = "{dimension}"\nbase = "{base}"\nfactor = {factor}\n'


def _region(tmp_path: Path, *units: str) -> Path:
    target = tmp_path / "region.toml"
    target.write_text(BEYOND.read_text(encoding="utf-8") + "".join(units), encoding="utf-8")
    return target


def test_the_bundled_units_convert_in_output(run: Runner) -> None:
    result = run("chart", "trade-total-2024", "--unit", "万元", "--json")
    assert result.exit_code == 0, result.stderr
    [bar] = json.loads(result.stdout)["bars"]
    assert (bar["value"], bar["unit"], bar["converted_value"], bar["converted_unit"]) == (499, "亿元", 4990000, "万元")


def test_a_bad_unit_table_is_reported_with_its_line(tmp_path: Path) -> None:
    path = _region(tmp_path, UNIT.format(unit="千元", dimension="money", base="元", factor=-1))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert "factor: expected a number above 0" in result.stdout
    path = _region(tmp_path, '\n[[unit]]\nunit = "千元"\ndimension = "money"\nfactor = "1000"\n')
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "base: missing required field" in result.stdout and "factor: expected a number" in result.stdout


def test_one_dimension_has_one_base_and_a_unit_one_meaning(tmp_path: Path) -> None:
    path = _region(tmp_path, UNIT.format(unit="千元", dimension="money", base="圆", factor=1000))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "dimension 'money' has base '元' elsewhere" in result.stdout
    path = _region(tmp_path, UNIT.format(unit="万元", dimension="money", base="元", factor=1000))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3 and "unit '万元' is already defined otherwise" in result.stdout


def test_regions_that_agree_on_units_load_together() -> None:
    bundled = Path(__file__).parent.parent.parent / "data"
    result = CliRunner().invoke(app, ["--data", str(bundled), "--data", str(BEYOND), "chart", "linping:gdp-2024",
                                      "river-town:exports-2024", "--json"])
    assert result.exit_code == 0, result.stderr
    bars = {bar["entry"]: bar for bar in json.loads(result.stdout)["bars"]}
    assert (bars["exports-2024"]["converted_value"], bars["exports-2024"]["converted_unit"]) == (90, "亿元")


def test_a_unit_that_no_table_knows_is_a_usage_error(run: Runner) -> None:
    result = run("chart", "--unit", "亿元x")
    assert result.exit_code == 2
    assert "unknown unit '亿元x'; did you mean 亿元" in result.stderr
