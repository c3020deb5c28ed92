"""Every command in every format, and each format read back by the tool a user would use."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, Runner

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")
COMMANDS = {
    "search": ["search", "测试"],
    "list": ["list", "figure"],
    "show": ["show", "acme-lift"],
    "compare": ["compare", "acme-lift", "bolt-moto"],
    "sources": ["sources"],
    "stats": ["stats"],
}


def unflatten(cell: str) -> object:
    """The documented inverse of a CSV cell: empty is null, JSON for lists and tables."""
    if cell == "":
        return None
    if cell in ("true", "false"):
        return cell == "true"
    if cell[:1] in "[{":
        return json.loads(cell)
    for cast in (int, float):
        try:
            return cast(cell)
        except ValueError:
            pass
    return cell


def untsv(cell: str) -> str:
    out, chars = [], iter(cell)
    for char in chars:
        out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)] if char == "\\" else char)
    return "".join(out)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_prints_every_format(run_fixture: Runner, command: str, fmt: str) -> None:
    result = run_fixture(*COMMANDS[command], "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.endswith("\n") and "\x1b[" not in out
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt == "markdown":
        lines = out.splitlines()
        assert lines[0].startswith("| ") and set(lines[1]) <= {"|", " ", "-"}
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t",
                               quoting=csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE))
        assert len({len(row) for row in rows}) == 1


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_output_round_trips_to_the_json(run_fixture: Runner, fmt: str) -> None:
    expected = json.loads(run_fixture("list", "--json").stdout)
    out = run_fixture("list", "--format", fmt, "--fields", "id,type,value,aliases,key_figures,source,year").stdout
    reader = csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t",
                        quoting=csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE)
    header, *rows = list(reader)
    assert header == ["id", "type", "value", "aliases", "key_figures", "source", "year"]
    assert len(rows) == len(expected)
    for row, entry in zip(rows, expected, strict=True):
        cells = [untsv(cell) for cell in row] if fmt == "tsv" else row
        back = {name: unflatten(cell) for name, cell in zip(header, cells, strict=True)}
        assert back == {name: entry.get(name) for name in header}


def test_tsv_escapes_tabs_and_newlines(tmp_path: Path, fixture_file: Path, run: Runner) -> None:
    text = fixture_file.read_text(encoding="utf-8").replace(
        'summary_en = "An invented district for tests."', 'summary_en = "Tab\\there,\\nnew line \\\\ done"')
    fixture_file.write_text(text, encoding="utf-8")
    out = run("--data", str(fixture_file), "show", "testville", "-f", "tsv", "--fields", "id,summary_en").stdout
    assert out == "id\tsummary_en\ntestville\tTab\\there,\\nnew line \\\\ done\n"
    assert untsv(out.splitlines()[1].split("\t")[1]) == "Tab\there,\nnew line \\ done"


def test_fields_select_and_order_keys_in_every_format(run_fixture: Runner) -> None:
    result = run_fixture("list", "figure", "--fields", "value,id", "--json")
    assert json.loads(result.stdout)[0] == {"value": 1000.5, "id": "gdp-2024"}
    assert run_fixture("list", "figure", "--fields", "value,id", "-f", "csv").stdout.splitlines()[:2] == [
        "value,id", "1000.5,gdp-2024"]
    table = run_fixture("list", "figure", "--fields", "value,id").stdout.splitlines()
    assert table[:3] == ["value   id", "------  ------------", "1000.5  gdp-2024"]
    assert run_fixture("list", "figure", "--fields", "id", "-f", "markdown").stdout.splitlines()[2] == "| gdp-2024 |"


def test_unknown_field_lists_the_valid_ones_for_the_type(run_fixture: Runner) -> None:
    result = run_fixture("list", "company", "--fields", "id,nmae")
    assert result.exit_code == 2
    assert result.stderr.startswith("linping: unknown field 'nmae'; did you mean name?")
    assert "valid fields: id,type,region,name,name_en,location,industry,founded" in result.stderr
    assert "value" not in result.stderr  # figures' fields are not a company's


def test_fields_without_a_value_lists_the_valid_ones(run_fixture: Runner) -> None:
    result = run_fixture("list", "--fields")
    assert result.exit_code == 2
    assert "requires an argument" in result.stderr and "valid fields: id,type,region" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_json_and_a_different_format_disagree(run_fixture: Runner) -> None:
    result = run_fixture("list", "--json", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr == "linping: --json and --format csv disagree: give one\n"


def test_json_keeps_chinese_unescaped_and_numbers_as_numbers(run_fixture: Runner) -> None:
    out = run_fixture("show", "gdp-2024", "--json").stdout
    assert "地区生产总值" in out and '"value": 1000.5' in out


def test_compare_jsonl_is_one_row_per_attribute(run_fixture: Runner) -> None:
    lines = run_fixture("compare", "trade-2024", "gdp-2024", "-f", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert {"field": "ratio", "label": "ratio to trade-2024 (exact values only)", "values": [None, 2.50125]} in rows


# Real consumers ----------------------------------------------------------------

def linping(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "linping_cli", "--data", str(FIXTURE), *args],
                          capture_output=True, text=True, check=True)


@pytest.mark.tool("jq")
def test_jq_reads_json_and_jsonl() -> None:
    names = subprocess.run(["jq", "-r", ".[].name"], input=linping("list", "company", "--json").stdout,
                           capture_output=True, text=True, check=True).stdout
    assert names == "测试升降机有限公司\n测试摩托股份有限公司\n"
    values = subprocess.run(["jq", "-r", "select(.type == \"figure\") | \"\\(.id) \\(.value)\""],
                            input=linping("list", "-f", "jsonl").stdout, capture_output=True, text=True,
                            check=True).stdout
    assert values.splitlines() == ["gdp-2024 1000.5", "trade-2024 400", "exports-2024 300", "firms 800"]


@pytest.mark.tool("sqlite3")
def test_sqlite3_imports_the_csv_with_nothing_lost(tmp_path: Path) -> None:
    csv_file = tmp_path / "figures.csv"
    csv_file.write_text(linping("list", "figure", "-f", "csv", "--fields", "id,value,unit,year").stdout)
    database = tmp_path / "d.db"
    subprocess.run(["sqlite3", str(database), f".import --csv {csv_file} figures"], check=True)
    out = subprocess.run(["sqlite3", str(database), "SELECT count(*), sum(value) FROM figures;"],
                         capture_output=True, text=True, check=True).stdout
    assert out == "4|2500.5\n"


def test_sqlite_loads_jsonl_rows_with_the_same_values() -> None:
    entries = [json.loads(line) for line in linping("list", "-f", "jsonl").stdout.splitlines()]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE entries (doc TEXT)")
    db.executemany("INSERT INTO entries VALUES (?)", [(json.dumps(e, ensure_ascii=False),) for e in entries])
    rows = db.execute("SELECT json_extract(doc, '$.id'), json_extract(doc, '$.value') FROM entries "
                      "WHERE json_extract(doc, '$.type') = 'figure' ORDER BY 2").fetchall()
    assert rows == [("exports-2024", 300), ("trade-2024", 400), ("firms", 800), ("gdp-2024", 1000.5)]
    assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == len(entries) == 10


# What spreadsheets and data tools read --------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_an_empty_result_still_has_its_header_for_pandas(run_fixture: Runner, fmt: str) -> None:
    pandas = pytest.importorskip("pandas")
    result = run_fixture("list", "figure", "--year", "1900", "-f", fmt, "--fields", "id,value")
    assert result.exit_code == 1 and result.stdout.splitlines() == [f"id{',' if fmt == 'csv' else chr(9)}value"]
    frame = pandas.read_csv(io.StringIO(result.stdout), sep="," if fmt == "csv" else "\t")
    assert list(frame.columns) == ["id", "value"] and len(frame) == 0
    everything = run_fixture("search", "nothing-like-it", "-f", fmt).stdout.splitlines()
    assert everything[0].startswith("id") and "value" in everything[0] and "founded" in everything[0]
    clean = run_fixture("validate", "-f", fmt).stdout
    assert clean.splitlines() == ["file,line,entry_id,field,message".replace(",", "," if fmt == "csv" else "\t")]


def test_no_headers_leaves_the_rows(run_fixture: Runner) -> None:
    out = run_fixture("list", "figure", "-f", "csv", "--fields", "id,value", "--no-headers").stdout
    assert out.splitlines()[0] == "gdp-2024,1000.5"
    assert run_fixture("stats", "-f", "tsv", "--no-headers").stdout.splitlines()[0] == "types\tfigure\t4"
    result = run_fixture("list", "--no-headers")
    assert result.exit_code == 2 and result.stderr == "linping: --no-headers is for --format csv or tsv\n"


def test_bom_csv_opens_with_its_chinese_in_a_spreadsheet_reader(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    target = tmp_path / "companies.csv"
    target.write_bytes(subprocess.run([sys.executable, "-m", "linping_cli", "--data", str(FIXTURE), "list", "company",
                                       "-f", "csv", "--bom", "--fields", "id,name"], capture_output=True,
                                      check=True).stdout)
    # Excel takes a CSV as UTF-8 only when it starts with this mark; without it Chinese turns to mojibake.
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,name\r\n")
    frame = pandas.read_csv(target, encoding="utf-8-sig")
    assert list(frame.columns) == ["id", "name"] and frame["name"][0] == "测试升降机有限公司"


def test_markdown_shows_markup_characters_literally_on_github(fixture_file: Path, run: Runner) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    import html
    import re

    nasty = "*a* _b_ `c` ~~d~~ [e](http://x) www.x.org ![f](y) <b>g</b> &amp; $h$ \\ i|j\r\nk\rl"
    text = fixture_file.read_text(encoding="utf-8").replace(
        'summary_en = "An invented district for tests."', f"summary_en = {json.dumps(nasty, ensure_ascii=False)}")
    fixture_file.write_text(text, encoding="utf-8")
    out = run("--data", str(fixture_file), "show", "testville", "-f", "markdown", "--fields", "id,summary_en").stdout
    assert len(out.splitlines()) == 3  # CR and LF inside a cell do not end the row
    rendered = cmarkgfm.github_flavored_markdown_to_html(out, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE)
    cells = re.findall(r"<td>(.*?)</td>", rendered, re.S)
    assert cells[0] == "testville"
    shown = html.unescape(cells[1].replace("<br>", "\n"))
    assert "<" not in cells[1].replace("<br>", "")  # no tag, link or image made from the text
    assert shown == nasty.replace("\r\n", "\n").replace("\r", "\n")
