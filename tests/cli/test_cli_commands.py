"""The commands as a user sees them: exit codes, stdout, stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Runner

from linping_cli import __version__


def test_version(run: Runner) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"linping {__version__}\n"


def test_search_json_is_ranked_best_first(run_fixture: Runner) -> None:
    result = run_fixture("search", "测试", "--json")
    assert result.exit_code == 0
    ids = [entry["id"] for entry in json.loads(result.stdout)]
    # The alias 测试 is exact for the district; the rest contain it in their names, by id.
    assert ids[0] == "testville"
    assert ids[1:4] == ["acme-lift", "bolt-moto", "expo-2025"]


def test_search_table_when_piped_is_plain(run_fixture: Runner) -> None:
    result = run_fixture("search", "BOLT")
    assert result.exit_code == 0
    assert result.stdout == (
        "id         name                  name_en              category     location                 source\n"
        "---------  --------------------  -------------------  -----------  -----------------------  ---------\n"
        "bolt-moto  测试摩托股份有限公司  Bolt Moto Co., Ltd.  motorcycles  北部工业园 (north-park)  article-b\n"
    )


def test_search_without_match_exits_1_with_a_note(run_fixture: Runner) -> None:
    result = run_fixture("search", "nothing-like-this")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "linping: nothing matches 'nothing-like-this'\n"


def test_search_without_match_prints_empty_json_array(run_fixture: Runner) -> None:
    result = run_fixture("search", "nothing-like-this", "--json")
    assert result.exit_code == 1
    assert result.stdout == "[]\n"


def test_search_type_and_limit(run_fixture: Runner) -> None:
    result = run_fixture("search", "测试", "--type", "company", "--limit", "1", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["acme-lift"]


def test_search_unknown_type_suggests(run_fixture: Runner) -> None:
    result = run_fixture("search", "x", "--type", "compny")
    assert result.exit_code == 2
    assert result.stderr.startswith("linping: unknown entry type 'compny'; did you mean company?")
    assert len(result.stderr.splitlines()) == 1


def test_empty_query_is_a_usage_error(run_fixture: Runner) -> None:
    result = run_fixture("search", "   ")
    assert result.exit_code == 2
    assert result.stderr == "linping: the query is empty: give some text to search for\n"


def test_list_type_table(run_fixture: Runner) -> None:
    result = run_fixture("list", "figure")
    assert result.exit_code == 0
    # The qualifier 'more than' travels with its number; growth reads as a percentage, with the
    # precision the data gives (5.0); the source is the article's short name.
    assert result.stdout == (
        "id            name          name_en                      value   unit  year  growth  source\n"
        "------------  ------------  ---------------------------  ------  ----  ----  ------  --------------------\n"
        "gdp-2024      地区生产总值  Gross domestic product       1000.5  亿元  2024  +5.0%   article-a, article-b\n"
        "trade-2024    进出口总额    Total trade                  400     亿元  2024  +10.0%  article-a\n"
        "exports-2024  出口总额      Exports                      >300    亿元  2024  +8.0%   article-a\n"
        "firms         规上企业      Firms above designated size  800     家                  article-b\n"
    )


def test_list_json_figures_have_numbers_and_years(run_fixture: Runner) -> None:
    figures = json.loads(run_fixture("list", "figure", "--json").stdout)
    gdp = next(f for f in figures if f["id"] == "gdp-2024")
    assert gdp["value"] == 1000.5 and gdp["unit"] == "亿元" and gdp["year"] == 2024
    firms = next(f for f in figures if f["id"] == "firms")
    assert firms["year"] is None


def test_list_filters_and_sort(run_fixture: Runner) -> None:
    result = run_fixture("list", "figure", "--category", "trade", "--sort", "value", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["exports-2024", "trade-2024"]
    result = run_fixture("list", "figure", "--sort", "value", "--reverse", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["gdp-2024", "firms", "trade-2024", "exports-2024"]
    result = run_fixture("list", "--year", "2025", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["expo-2025"]
    result = run_fixture("list", "--tag", "export", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["bolt-moto"]


def test_filtered_list_without_match_exits_1(run_fixture: Runner) -> None:
    result = run_fixture("list", "company", "--year", "1999", "--json")
    assert result.exit_code == 1
    assert result.stdout == "[]\n"
    assert result.stderr == "linping: no entry matches those filters\n"


def test_list_unknown_type(run_fixture: Runner) -> None:
    result = run_fixture("list", "figures")
    assert result.exit_code == 2
    assert "did you mean figure?" in result.stderr


def test_list_sort_by_unknown_field(run_fixture: Runner) -> None:
    result = run_fixture("list", "figure", "--sort", "valeu")
    assert result.exit_code == 2
    assert "unknown field 'valeu'; did you mean value?" in result.stderr


def test_show_prints_every_field_source_and_named_relations(run_fixture: Runner) -> None:
    result = run_fixture("show", "acme-lift")
    assert result.exit_code == 0
    out = result.stdout
    assert "北部工业园 (north-park)" in out  # the park by name, not a bare id
    assert "article-a.txt § 工厂" in out
    assert "X1电梯 (lift-x1)" in out  # referenced by its product
    assert "出口国家: >70 个" in out  # a key figure in one language: label and unit alike (the fixture has no unit_en)
    assert "countries served: >70 个" in run_fixture("--lang", "en", "show", "acme-lift").stdout


def test_show_json_is_the_entry_object(run_fixture: Runner) -> None:
    shown = json.loads(run_fixture("show", "acme-lift", "--json").stdout)
    listed = json.loads(run_fixture("list", "company", "--json").stdout)
    assert shown == next(e for e in listed if e["id"] == "acme-lift")
    assert list(shown)[:4] == ["id", "type", "region", "name"]


def test_show_unknown_id_suggests(run_fixture: Runner) -> None:
    result = run_fixture("show", "acme-lfit")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "linping: no entry has id 'acme-lfit'; did you mean acme-lift?\n"


def test_compare_figures_difference_and_ratio(run_fixture: Runner) -> None:
    result = run_fixture("compare", "trade-2024", "exports-2024", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [e["id"] for e in data["entries"]] == ["trade-2024", "exports-2024"]
    rows = {row["field"]: row["values"] for row in data["rows"]}
    assert rows["value"] == [400, 300]
    # exports is "more than 300": no exact difference or ratio can be had from it.
    assert rows["difference"] == [None, None] and rows["ratio"] == [None, None]
    exact = run_fixture("compare", "trade-2024", "gdp-2024", "--json")
    rows = {row["field"]: row["values"] for row in json.loads(exact.stdout)["rows"]}
    assert rows["difference"] == [None, 600.5]
    assert rows["ratio"] == [None, 2.50125]


def test_compare_figures_of_different_units_has_no_ratio(run_fixture: Runner) -> None:
    data = json.loads(run_fixture("compare", "gdp-2024", "firms", "--json").stdout)
    assert "ratio" not in {row["field"] for row in data["rows"]}


def test_compare_companies_aligns_key_figures(run_fixture: Runner) -> None:
    result = run_fixture("compare", "acme-lift", "bolt-moto")
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if "countries served" in line)
    assert ">70 个" in line and ">120 个" in line


def test_compare_figure_with_company_is_refused(run_fixture: Runner) -> None:
    result = run_fixture("compare", "gdp-2024", "acme-lift")
    assert result.exit_code == 2
    assert result.stderr == "linping: cannot compare a figure with a company: compare figures with figures\n"


def test_compare_needs_two(run_fixture: Runner) -> None:
    result = run_fixture("compare", "gdp-2024")
    assert result.exit_code == 2
    assert result.stderr == "linping: compare needs at least two ids\n"


def test_unknown_command_suggests(run: Runner) -> None:
    result = run("serch", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith("linping: no command 'serch'; did you mean search? (commands: search, ask, list")
    assert len(result.stderr.splitlines()) == 1


def test_unknown_option_is_one_line(run: Runner) -> None:
    result = run("search", "x", "--jsn")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "--jsn" in result.stderr and "--json" in result.stderr


def test_help_lists_every_command_with_an_example(run: Runner) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("search", "list", "show", "compare", "sources", "stats", "validate", "schema"):
        assert command in result.stdout
        sub = run(command, "-h")
        assert sub.exit_code == 0
        assert "Example" in sub.stdout, command


def test_sources_counts_entries(run_fixture: Runner) -> None:
    data = json.loads(run_fixture("sources", "--json").stdout)
    counts = {s["file"]: s["entries"] for s in data}
    assert counts == {"article-a.txt": 7, "article-b.txt": 4}


def test_stats(run_fixture: Runner) -> None:
    data = json.loads(run_fixture("stats", "--json").stdout)
    assert data["entries"] == 10
    assert data["types"]["figure"] == 4 and data["types"]["company"] == 2
    assert data["figures_by_year"] == {"2024": 3, "none": 1}


def test_numbers_keep_every_digit(fixture_file: Path, run: Runner) -> None:
    fixture_file.write_text(fixture_file.read_text(encoding="utf-8").replace("value = 800", "value = 12345.678"),
                            encoding="utf-8")
    table = run("--data", str(fixture_file), "list", "figure").stdout
    assert "12345.678" in table
    found = run("--data", str(fixture_file), "search", "12345.678", "--json", "--fields", "id").stdout
    assert json.loads(found) == [{"id": "firms"}]


def test_bare_linping_prints_help_once(run: Runner) -> None:
    result = run()
    assert result.exit_code == 2
    assert result.stdout.count("Usage:") == 1


def test_sort_is_given_once_and_by_single_valued_fields(run_fixture: Runner) -> None:
    result = run_fixture("list", "--sort", "value", "--sort", "year")
    assert (result.exit_code, result.stderr) == (2, "linping: --sort is given 2 times: give it once, with keys "
                                                    "joined by commas (--sort value,year)\n")
    assert run_fixture("list", "--sort", "source").stderr == "linping: cannot sort by 'source': it holds a list\n"


def test_fields_hint_only_for_fields(run_fixture: Runner) -> None:
    result = run_fixture("sources", "--fields", "id")
    assert result.exit_code == 2
    assert "valid fields" not in result.stderr


@pytest.mark.parametrize("query", ["c++", "a.b.c", "%%%", "@@", "+++", "''"])
def test_punctuation_queries_match_only_literally(run_fixture: Runner, query: str) -> None:
    result = run_fixture("search", "--json", "--", query)
    assert (result.exit_code, result.stdout) == (1, "[]\n")
