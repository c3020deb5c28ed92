"""`linping facts`: every number in the dataset as one row, filtered, sorted and in every format."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import Runner

DATA = Path(__file__).resolve().parents[2] / "data"
FIELDS = ["entry", "type", "name", "name_en", "label", "label_en", "value", "value_max", "unit", "unit_en",
          "qualifier", "target", "projected", "year", "year_inferred", "growth", "source",
          "stated", "growth_basis", "name_en_outside"]  # later keys after the first ones: columns keep their places


def facts(run: Runner, *args: str) -> list[dict[str, Any]]:
    result = run("facts", *args, "--json")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _numbers_in_data() -> int:
    count = 0
    for path in DATA.glob("*.toml"):
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
        for key, tables in document.items():
            if key not in ("meta", "source", "synonym"):
                count += sum(("value" in table and key == "figure") + len(table.get("key_figures", []))
                             for table in tables)
    return count


def test_every_number_is_one_row_with_every_field(run: Runner) -> None:
    rows = facts(run)
    assert len(rows) == _numbers_in_data()
    assert all(list(row) == FIELDS for row in rows)
    gdp = next(row for row in rows if row["entry"] == "gdp-2024")
    assert gdp["label"] is None and gdp["year"] == 2024 and gdp["unit"] == "亿元"
    assert any(row["entry"] == "xiolift" and row["label"] == "年出厂电梯" for row in rows)


def test_filters_narrow_the_rows(run: Runner) -> None:
    assert {row["unit"] for row in facts(run, "--unit", "亿元")} == {"亿元"}
    assert {row["unit_en"] for row in facts(run, "--unit", "FIRMS")} == {"firms"}
    assert {row["year"] for row in facts(run, "--year", "2024")} == {2024}
    assert {row["type"] for row in facts(run, "--type", "product")} == {"product"}
    assert all(100 <= row["value"] <= 1000 for row in facts(run, "--min", "100", "--max", "1000"))
    targets = facts(run, "--target")
    assert targets and all(row["target"] for row in targets)
    assert not any(row["target"] for row in facts(run, "--no-target"))
    assert {row["entry"] for row in facts(run, "--entry", "西奥电梯")} == {"xiolift"}


def test_a_query_picks_the_entries_it_finds(run: Runner) -> None:
    rows = facts(run, "HGT51F")
    assert rows[0]["entry"] == "hgt51f"


def test_sort_orders_by_a_field(run: Runner) -> None:
    values = [row["value"] for row in facts(run, "--unit", "亿元", "--sort", "value", "--reverse")]
    assert values == sorted(values, reverse=True)
    result = run("facts", "--sort", "source")
    assert result.exit_code == 2 and "cannot sort facts by 'source'" in result.stderr


def test_csv_carries_every_field_and_fields_picks_some(run: Runner) -> None:
    result = run("facts", "--format", "csv")
    assert result.exit_code == 0
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == FIELDS and len(table) - 1 == _numbers_in_data()
    picked = facts(run, "--fields", "entry,value,unit")
    assert all(list(row) == ["entry", "value", "unit"] for row in picked)
    bad = run("facts", "--fields", "vlaue")
    assert bad.exit_code == 2 and "did you mean value" in bad.stderr


@pytest.mark.parametrize("fmt", ["table", "tsv", "markdown", "jsonl"])
def test_every_format_prints(run: Runner, fmt: str) -> None:
    result = run("facts", "--entry", "gdp-2024", "--format", fmt)
    assert result.exit_code == 0 and "1175.09" in result.stdout


def test_no_fact_matching_exits_1(run: Runner) -> None:
    result = run("facts", "--min", "1e12", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


def test_derived_facts_come_after_the_stated_ones_and_say_so(run: Runner) -> None:
    stated = facts(run)
    everything = facts(run, "--derived")
    assert everything[:len(stated)] == stated
    worked_out = everything[len(stated):]
    assert worked_out and all(row["derived"] is True and row["formula"] and row["inputs"] for row in worked_out)
    trade_2023 = next(row for row in worked_out if row["entry"] == "trade-total-2024" and row["basis"] == "prior-year")
    assert (trade_2023["year"], trade_2023["unit"], trade_2023["qualifier"]) == (2023, "亿元", "about")
    table = run("facts", "--derived", "--year", "2023").stdout
    assert "≈424.0 (derived)" in table
