"""The conventions of gh and ripgrep: global options anywhere, -V, -q, help, man, several ids and sort keys."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE, SCRIPT, SECOND_REGION, Runner, needs

from linping_cli import __version__


@pytest.mark.parametrize("args", [
    ["list", "figure", "--no-color"],
    ["list", "figure", "--data", str(FIXTURE)],
    ["list", "--data", str(FIXTURE), "figure", "-q", "--no-cache", "--color", "never", "--lang", "zh"],
])
def test_global_options_follow_the_command(run: Runner, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("id ")


def test_data_after_the_command_is_the_data_used(run: Runner) -> None:
    ids = json.loads(run("list", "figure", "--json", "--data", str(FIXTURE)).stdout)
    assert [e["id"] for e in ids] == ["gdp-2024", "trade-2024", "exports-2024", "firms"]


def test_data_before_and_after_adds_up(run: Runner) -> None:
    result = run("--data", str(FIXTURE), "list", "figure", "--data", str(SECOND_REGION), "--json")
    assert {e["region"] for e in json.loads(result.stdout)} == {"testville", "example-town"}


def test_version_short_and_long_anywhere(run: Runner) -> None:
    for args in (["-V"], ["--version"], ["list", "-V"]):
        assert run(*args).stdout == f"linping {__version__}\n"


def test_color_takes_three_values(run_fixture: Runner) -> None:
    assert "\x1b[" in run_fixture("list", "figure", "--color", "always").stdout
    assert "\x1b[" in run_fixture("list", "figure", "--color", "always", env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run_fixture("list", "figure", "--color", "never", env={"FORCE_COLOR": "1"}).stdout
    bad = run_fixture("list", "--color", "sometimes")
    assert bad.exit_code == 2 and "sometimes" in bad.stderr


def test_quiet_validate_prints_no_count(run: Runner) -> None:
    assert run("validate", str(FIXTURE)).stderr == "linping: no problems found\n"
    quiet = run("validate", str(FIXTURE), "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_validate_reads_standard_input(run: Runner) -> None:
    good = run("validate", "-", input=FIXTURE.read_text(encoding="utf-8"))
    assert (good.exit_code, good.stderr) == (0, "linping: no problems found\n")
    broken = FIXTURE.read_text(encoding="utf-8").replace('unit = "亿元"', 'unit = ""', 1)
    bad = run("validate", "-", input=broken)
    assert bad.exit_code == 3
    assert bad.stdout.startswith("<stdin>:") and "unit" in bad.stdout


def test_validate_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    needs("linping")
    result = subprocess.run(f"cat '{FIXTURE}' | '{SCRIPT}' validate -q -", shell=True, capture_output=True,
                            text=True, env={**os.environ, "LINPING_CACHE_DIR": str(tmp_path)})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_show_takes_several_ids(run_fixture: Runner) -> None:
    shown = json.loads(run_fixture("show", "gdp-2024", "acme-lift", "--json").stdout)
    assert [e["id"] for e in shown] == ["gdp-2024", "acme-lift"]
    assert json.loads(run_fixture("show", "gdp-2024", "--json").stdout)["id"] == "gdp-2024"  # one: an object
    table = run_fixture("show", "gdp-2024", "acme-lift").stdout
    first, second = table.split("\n\n")
    assert first.split()[:2] == ["id", "gdp-2024"] and second.split()[:2] == ["id", "acme-lift"]
    assert run_fixture("show", "gdp-2024", "nope").exit_code == 2


def test_several_sort_keys(run_fixture: Runner) -> None:
    result = run_fixture("list", "figure", "--sort", "unit,value", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["exports-2024", "trade-2024", "gdp-2024", "firms"]
    reverse = run_fixture("list", "figure", "--sort", "unit,value", "--reverse", "--json")
    assert [e["id"] for e in json.loads(reverse.stdout)] == ["firms", "gdp-2024", "trade-2024", "exports-2024"]


def test_help_command_is_the_help_option(run: Runner) -> None:
    assert run("help").stdout == run("--help").stdout
    assert run("help", "list").stdout == run("list", "--help").stdout
    assert "--sort" in run("help", "list").stdout
    wrong = run("help", "lsit")
    assert wrong.exit_code == 2 and "did you mean list" in wrong.stderr


def test_piped_help_is_plain(run: Runner) -> None:
    text = run("list", "--help").stdout
    assert "Usage: linping list" in text and not set("╭│╰─") & set(text)


def test_man_page_holds_every_command_and_the_environment(run: Runner) -> None:
    page = run("man").stdout
    assert page.startswith("LINPING(1)")
    for name in ("search", "list", "show", "compare", "sources", "stats", "validate", "schema", "values", "help"):
        assert f"\n    linping {name}\n" in page, name
    for section in ("NAME", "SYNOPSIS", "GLOBAL OPTIONS", "ENVIRONMENT", "EXIT STATUS"):
        assert f"\n{section}\n" in page
    assert "LINPING_LANG" in page and "--no-pager" in page and not set("╭│╰") & set(page)


@pytest.mark.tool("man")
def test_man_page_reads_as_plain_text(run: Runner) -> None:
    assert "\x1b" not in run("man").stdout and "\b" not in run("man").stdout


def test_values_lists_categories_and_tags(run_fixture: Runner) -> None:
    categories = run_fixture("values", "category", "--json")
    assert {"category": "trade", "entries": 2} in json.loads(categories.stdout)
    tags = json.loads(run_fixture("values", "tag", "--type", "company", "--json").stdout)
    assert tags and all(set(row) == {"tag", "entries"} for row in tags)


def test_lang_shows_one_language(run_fixture: Runner) -> None:
    english = run_fixture("list", "figure", "--lang", "en").stdout
    assert english.split("\n")[0].split() == ["id", "name", "value", "unit", "year", "growth", "source"]
    assert "Gross domestic product" in english and "地区生产总值" not in english
    chinese = run_fixture("list", "figure", "--lang", "zh").stdout
    assert "地区生产总值" in chinese and "Gross domestic product" not in chinese
    assert run_fixture("list", "figure", "--json", "--lang", "en").stdout == run_fixture("list", "figure",
                                                                                           "--json").stdout
    compare = run_fixture("compare", "acme-lift", "bolt-moto", "--lang", "en").stdout
    assert "countries served" in compare and "出口国家" not in compare
    assert run_fixture("list", "figure", env={"LINPING_LANG": "en"}).stdout == english
    assert run_fixture("list", env={"LINPING_LANG": "fr"}).exit_code == 2
