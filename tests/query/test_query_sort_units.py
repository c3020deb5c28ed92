"""`list --sort value` sorts figures of one dimension by what they come to, whatever unit each is given in."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Runner

REGION = """[meta]
id = "r"
region = "区"
region_en = "R"

[[source]]
file = "a.txt"
title = "甲"

[[unit]]
unit = "万元"
dimension = "money"
base = "元"
factor = 1e4

[[unit]]
unit = "亿元"
dimension = "money"
base = "元"
factor = 1e8
"""
FIGURE = """
[[figure]]
id = "{id}"
name = "数{id}"
name_en = "Figure {id}"
value = {value}
unit = "{unit}"
summary = "一个数。"
summary_en = "A number."
source = [{{ file = "a.txt", section = "lead" }}]
"""


def test_a_value_sorts_by_what_it_comes_to(tmp_path: Path, run: Runner) -> None:
    path = tmp_path / "r.toml"
    path.write_text(REGION + FIGURE.format(id="small", value=5000, unit="万元")
                    + FIGURE.format(id="big", value=1, unit="亿元")
                    + FIGURE.format(id="middle", value=8000, unit="万元"), encoding="utf-8")
    result = run("--data", str(path), "list", "figure", "--sort", "value", "--json")
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["small", "middle", "big"]
    # JSON keeps each value as stated.
    assert [entry["value"] for entry in json.loads(result.stdout)] == [5000, 8000, 1]
