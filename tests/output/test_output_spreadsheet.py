"""CSV and TSV for a spreadsheet: with --spreadsheet, text that a spreadsheet would run as a formula
starts with a quote (OWASP's advice); without it, the cells are the data exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import Runner

FORMULAS = ["=HYPERLINK(\\\"http://x\\\")", "+1+2", "-2+3", "@SUM(A1)", "=1"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("formula", FORMULAS)
def test_formulas_are_defused_only_when_asked(fixture_file: Path, run: Runner, fmt: str, formula: str) -> None:
    text = fixture_file.read_text(encoding="utf-8").replace('name = "北部工业园"', f'name = "{formula}"')
    fixture_file.write_text(text, encoding="utf-8")
    as_data = formula.replace('\\"', '"')
    for options, expected in (([], as_data), (["--spreadsheet"], "'" + as_data)):
        out = run("--data", str(fixture_file), *options, "show", "north-park", "-f", fmt,
                  "--fields", "id,name").stdout
        reader = csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t")
        assert list(reader)[1][:2] == ["north-park", expected]


def test_numbers_stay_numbers_for_a_spreadsheet(run: Runner, fixture_file: Path) -> None:
    text = fixture_file.read_text(encoding="utf-8").replace("value = 800", "value = -800")
    fixture_file.write_text(text, encoding="utf-8")
    out = run("--data", str(fixture_file), "--spreadsheet", "show", "firms", "-f", "csv", "--fields", "id,value").stdout
    assert out.splitlines()[1] == "firms,-800"
