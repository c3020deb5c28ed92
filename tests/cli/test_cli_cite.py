"""`cite --fact`, `facts --cite` and `sources` over a region whose user wrote where an article was published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Runner, schema_errors
from typer.testing import CliRunner, Result

from linping_cli.cli.app import app

FACT_BOX = Path(__file__).parent.parent / "fixture_fact_box.toml"


def box(*args: str) -> Result:
    return CliRunner().invoke(app, ["--data", str(FACT_BOX), *args])


def test_a_citation_names_the_outlet_date_and_address_a_user_gave_in_every_format() -> None:
    assert box("cite", "kettle-works", "--fact", "合作企业").stdout == (
        "甲作者. “溪田镇工业一瞥: 虚构的报道”. 溪田日报, 2025-06-03. Section “合作”. File daily.txt. "
        "https://example.org/brookfield\n")
    assert box("cite", "kettle-works", "--fact", "partner", "-f", "markdown").stdout == (
        "- 甲作者, *溪田镇工业一瞥: 虚构的报道*, 溪田日报, 2025-06-03, section “合作” (file `daily.txt`), "
        "<https://example.org/brookfield>\n")
    bibtex = box("cite", "kettle-works", "--fact", "合作企业", "-f", "bibtex").stdout
    assert ("  howpublished = {溪田日报},\n  year = {2025},\n  date = {2025-06-03},\n"
            "  url = {https://example.org/brookfield},\n  note = {Section: 合作. File: daily.txt}\n}\n") in bibtex
    [citation] = json.loads(box("cite", "kettle-works", "--fact", "合作企业", "--json").stdout)
    assert (citation["outlet"], citation["published"], citation["url"]) == (
        "溪田日报", "2025-06-03", "https://example.org/brookfield")


def test_where_the_file_gives_nothing_nothing_is_invented() -> None:
    # notes.txt has no headline, authors, outlet, date or address: the production lines cite it alone.
    assert box("cite", "kettle-works", "--fact", "产线").stdout == (
        "Untitled (the file gives no headline). Section “工厂”. File notes.txt.\n")
    for fmt in ("markdown", "bibtex", "json"):
        out = box("cite", "kettle-works", "--fact", "产线", "-f", fmt).stdout
        assert "溪田日报" not in out and "2025" not in out and "http" not in out, fmt
    assert "untitled (the file gives no headline)" in box("cite", "kettle-works", "--fact", "产线",
                                                          "-f", "markdown").stdout


def test_without_fact_every_section_the_entry_rests_on_is_cited() -> None:
    lines = box("cite", "kettle-works").stdout.splitlines()
    assert [line.split("Section ")[1] for line in lines] == [
        "“lead”. File daily.txt. https://example.org/brookfield", "“工厂”. File notes.txt.",
        "“合作”. File daily.txt. https://example.org/brookfield"]


def test_a_figures_own_value_is_named_by_value_or_its_name() -> None:
    for label in ("value", "VALUE", "2024年工业产值", "industrial output, 2024"):
        [citation] = json.loads(box("cite", "output-2024", "--fact", label, "--json").stdout)
        assert citation["section"] == "产值", label


@pytest.mark.parametrize(("args", "message"), [
    (("kettle-works", "--fact", "销售额"),
     "linping: kettle-works has no fact '销售额' (its facts: 合作企业; 产线)\n"),
    (("kettle-works", "--fact", "企业 产线"),
     "linping: kettle-works has no fact '企业 产线' (its facts: 合作企业; 产线)\n"),
    (("brookfield", "--fact", "value"), "linping: brookfield holds no number to cite by --fact: cite it without "
                                        "--fact\n"),
])
def test_a_fact_that_is_not_there_is_a_usage_error_naming_those_that_are(args: tuple[str, ...], message: str) -> None:
    result = box("cite", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_label_that_names_two_facts_says_which_it_could_be(run: Runner) -> None:
    result = run("cite", "xiolift", "--fact", "单条产线")
    assert result.exit_code == 2
    assert result.stderr == ("linping: --fact '单条产线' names several facts of xiolift: 单条产线原需工人; "
                             "单条产线现需工人\n")


def test_facts_cite_carries_the_citation_in_every_format() -> None:
    rows = json.loads(box("facts", "--cite", "--json").stdout)
    assert [[c["file"] for c in row["citation"]] for row in rows] == [["daily.txt"], ["notes.txt"], ["daily.txt"]]
    assert list(rows[0])[-1] == "citation"
    table = box("facts", "--cite", "--entry", "kettle-works", "--fields", "label,citation").stdout
    assert table.splitlines()[2] == ("合作企业  甲作者. “溪田镇工业一瞥: 虚构的报道”. 溪田日报, 2025-06-03. "
                                     "Section “合作”. File daily.txt. https://example.org/brookfield")
    assert "citation" not in box("facts", "--json").stdout  # only when asked
    result = box("facts", "--fields", "citation")
    assert result.exit_code == 2 and result.stderr.startswith("linping: unknown field 'citation'")


def test_sources_leaves_out_where_published_only_where_no_source_says(run: Runner) -> None:
    header = run("sources").stdout.splitlines()[0].split()
    assert "outlet" not in header and "published" not in header and "url" not in header
    first = json.loads(run("sources", "--json").stdout)[0]
    assert (first["outlet"], first["published"], first["url"]) == (None, None, None)  # JSON keeps the keys
    assert "outlet,published,url" in run("sources", "-f", "csv").stdout.splitlines()[0]
    assert box("sources").stdout.splitlines()[0].split()[-4:] == ["outlet", "published", "url", "entries"]


OUTPUTS = [("cite", ["cite", "kettle-works", "--json"]), ("cite", ["cite", "kettle-works", "--fact", "产线", "--json"]),
           ("cite", ["cite", "kettle-works", "-f", "jsonl"]), ("facts", ["facts", "--cite", "--json"]),
           ("facts", ["facts", "--cite", "--derived", "--json"]), ("facts", ["facts", "--cite", "-f", "jsonl"]),
           ("facts", ["facts", "--derived", "--json"]), ("timeline", ["timeline", "--json"]),
           ("sources", ["sources", "--json"]), ("show", ["show", "output-2024", "--derived", "--json"])]


@pytest.mark.parametrize(("output", "args"), OUTPUTS, ids=[" ".join(args) for _, args in OUTPUTS])
def test_every_new_output_validates_against_the_schema(output: str, args: list[str]) -> None:
    assert schema_errors(box, output, *args) == []


@pytest.mark.parametrize("args", [["facts", "--cite", "--derived", "--json"],
                                  ["cite", "xiolift", "--fact", "年出厂电梯", "--json"]])
def test_the_bundled_citations_validate(run: Runner, args: list[str]) -> None:
    assert schema_errors(run, args[0], *args) == []
