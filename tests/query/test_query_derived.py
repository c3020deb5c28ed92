"""Derived figures: shown only when asked, marked, with formula, inputs and sources; bounds keep their sense."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.query.derived import _combined, _prior_year

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"


def test_show_gives_derived_figures_only_when_asked(run: Runner) -> None:
    assert "derived" not in run("show", "trade-total-2024").stdout
    plain = json.loads(run("show", "trade-total-2024", "--json").stdout)
    assert plain["id"] == "trade-total-2024"  # the entry object, unchanged
    result = run("show", "trade-total-2024", "--derived")
    assert result.exit_code == 0
    assert ("prior-year value (derived): ≈424.0 亿元 (2023) = 499 / (1 + 17.7%) = 423.9592, estimating 2023's value, "
            "at 2023's prices (the growth compares current prices); from trade-total-2024; rounded, so about"
            ) in result.stdout


def test_a_real_growth_rate_gives_no_prior_year_value(run: Runner) -> None:
    # GDP grows at comparable prices: 1175.09 / 1.05 is 2023's output at 2024's prices, not 2023's GDP (audit 12b #3).
    assert "(none can be derived)" in run("show", "gdp-2024", "--derived").stdout
    facts = json.loads(run("facts", "--derived", "--entry", "gdp-2024", "--json").stdout)
    assert [row.get("derived") for row in facts] == [None] and facts[0]["growth_basis"] == "comparable-prices"
    assert "1119" not in run("facts", "--derived").stdout + run("chart", "gdp-2024", "--derived").stdout


def test_every_derived_value_says_what_it_estimates(run: Runner) -> None:
    derived = [row for row in json.loads(run("facts", "--derived", "--json").stdout) if row.get("derived")]
    assert {(row["entry"], row["basis"], row["estimates"]) for row in derived} == {
        ("trade-total-2024", "prior-year", "2023's value, at 2023's prices (the growth compares current prices)"),
        ("exports-2024", "prior-year", "2023's value, at 2023's prices (the growth compares current prices)"),
        ("valid-inventions", "prior-year", "2023's count or amount (the growth compares quantities)"),
        ("new-invention-patents", "prior-year", "2023's count or amount (the growth compares quantities)"),
        ("exports-2024", "share", "Total exports, 2024 as a percentage of Total imports and exports, 2024")}


def test_a_share_of_a_more_than_figure_is_itself_a_bound(run: Runner) -> None:
    data = json.loads(run("show", "exports-2024", "--derived", "--json").stdout)
    assert data["entry"]["value"] == 460 and data["entry"]["qualifier"] == "more-than"  # stated, untouched
    share = next(row for row in data["derived"] if row["basis"] == "share")
    # 460 / 499 = 92.18...: rounded down, so "more than 92.1%" still holds
    assert (share["value"], share["unit"], share["qualifier"], share["derived"]) == (92.1, "%", "more-than", True)
    assert share["formula"] == "460 / 499 x 100% = 92.1844"
    assert [given["entry"] for given in share["inputs"]] == ["exports-2024", "trade-total-2024"]
    assert "so the result is more-than" in share["qualifier_note"]
    assert share["source"] == [{"file": "000_f15d39121070376d.txt",
                                "section": "“大树”深扎根 发展更高层次的开放型经济"}]


def test_compare_adds_derived_rows_apart_from_stated_ones(run: Runner) -> None:
    data = json.loads(run("compare", "trade-total-2024", "exports-2024", "--derived", "--json").stdout)
    derived = [row for row in data["rows"] if row["field"] == "derived"]
    assert [row["label"] for row in derived] == ["prior-year value (derived)",
                                                  "share of Total imports and exports, 2024 (derived)"]
    assert derived[0]["values"][0]["value"] == 424.0 and derived[1]["values"][0] is None
    value_row = next(row for row in data["rows"] if row["field"] == "value")
    assert value_row["values"] == [499, 460]
    assert "derived" not in run("compare", "trade-total-2024", "exports-2024").stdout


def test_a_share_across_units_converts_them_in_a_second_region() -> None:
    result = CliRunner().invoke(app, ["--data", str(BEYOND), "show", "exports-2024", "--derived", "--json"])
    [share] = json.loads(result.stdout)["derived"]
    assert share["formula"] == "900000 / (120 x 10000) x 100% = 75" and share["value"] == 75.0
    prior = json.loads(CliRunner().invoke(app, ["--data", str(BEYOND), "show", "output-2024", "--derived",
                                                "--json"]).stdout)["derived"]
    assert [(row["value"], row["year"]) for row in prior] == [(100.0, 2023)]


def test_an_entry_with_nothing_to_derive_says_so(run: Runner) -> None:
    assert "(none can be derived)" in run("show", "xiolift", "--derived").stdout


def _fact(**given: Any) -> dict[str, Any]:
    return {"entry": "x", "type": "figure", "name": "x", "name_en": "x", "label": None, "label_en": None,
            "value": 100, "unit": "亿元", "unit_en": None, "qualifier": None, "target": False, "year": 2024,
            "year_inferred": False, "growth": 25, "source": [], "stated": None, "growth_basis": "current-prices",
            "name_en_outside": False, **given}


def test_unknown_qualifiers_ranges_classes_and_real_rates_are_never_used_in_arithmetic() -> None:
    assert _prior_year(_fact())["value"] == 80.0  # type: ignore[index]
    assert _prior_year(_fact(qualifier="nearly"))["qualifier"] == "nearly"  # type: ignore[index]
    for unsafe in ({"qualifier": "class"}, {"qualifier": "range", "value_max": 200}, {"qualifier": "some-day"},
                   {"value_max": 120}, {"target": True}, {"growth_basis": "comparable-prices"},
                   {"growth_basis": None}):
        assert _prior_year(_fact(**unsafe)) is None, unsafe


def test_bounds_combine_in_a_share_by_their_sense() -> None:
    assert _combined(None, "more-than")[0] == "less-than"  # a part of more than the whole is less of it
    assert _combined("at-least", "at-most")[0] == "at-least"
    assert _combined("more-than", "more-than") == (None, None)  # open: no share given
    assert _combined("about", None)[0] == "about"


def test_show_derived_marks_only_the_derived_lines(run: Runner) -> None:
    # The stated values of the articles stay stated beside the derived lines (audit 12b #4).
    for entry, stated in (("trade-total-2024", "499"), ("exports-2024", ">460"), ("valid-inventions", "5272"),
                          ("new-invention-patents", "1498"), ("gdp-2024", "1175.09")):
        lines = run("show", entry, "--derived").stdout.splitlines()
        [value] = [line for line in lines if line.startswith("value ")]
        assert value.split() == ["value", stated], entry
        derived = [line for line in lines if "(derived)" in line]
        assert all("prior-year value" in line or "share of" in line for line in derived), entry
