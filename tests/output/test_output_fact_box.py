"""A fact box as a reader sees it: worded values with the article's words, and what is from outside marked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Runner
from typer.testing import CliRunner, Result

from linping_cli.cli.app import app

FACT_BOX = Path(__file__).parent.parent / "fixture_fact_box.toml"


def box(*args: str) -> Result:
    """`linping --data fixture_fact_box.toml ARGS`, in a pipe."""
    return CliRunner().invoke(app, ["--data", str(FACT_BOX), *args])


def cells(table: str, first: str) -> list[str]:
    """The cells of a plain table's row that starts `first` (columns are two or more spaces apart)."""
    return re.split(r" {2,}", next(line for line in table.splitlines() if line.startswith(first)).strip())


@pytest.mark.parametrize(("lang", "shown"), [((), "数百 / several hundred"), (("--lang", "zh"), "数百"),
                                             (("--lang", "en"), "several hundred")])
def test_several_hundred_reads_as_an_order_never_as_a_count(lang: tuple[str, ...], shown: str) -> None:
    table = box(*lang, "facts", "--entry", "kettle-works", "--fields", "entry,value,unit").stdout
    assert cells(table, "kettle-works") == ["kettle-works", shown, "家" if lang != ("--lang", "en") else "firms"]
    assert "100" not in table and "[several]" not in table


def test_a_range_and_a_class_keep_the_articles_words() -> None:
    table = box("facts").stdout
    assert "3–5 (3至5条)" in table
    assert cells(box("list", "industry").stdout, "small-appliances")[3] == "50 (class: 超五十亿级)"
    shown = box("show", "kettle-works").stdout
    assert "合作企业: 数百 / several hundred 家" in shown and "产线: 3–5 (3至5条) 条" in shown


def test_the_bundled_worded_values(run: Runner) -> None:
    facts = run("facts", "--entry", "zynalog").stdout
    assert "数百 / several hundred" in facts and "[several]" not in facts
    industries = run("list", "industry").stdout
    assert "500 (class: 超五百亿级)" in industries and "1000 (class: 千亿级)" in industries
    cluster = run("show", "cluster-3-2-x").stdout
    assert "重点产业的规模级别（超过五百亿级）: 500 (class: 超五百亿级) 亿元" in cluster
    assert "3000 (class: 三千亿级) (target)" in run("facts", "--target").stdout



NOTE = "† not in the articles: from outside them (linping show ID says where from)"


def test_outside_names_aliases_and_tags_are_marked_in_every_table() -> None:
    listed = box("list", "company", "--fields", "id,name,name_en,aliases,tags").stdout
    assert cells(listed, "kettle-works") == ["kettle-works", "溪田水壶厂", "Brookfield Kettle Works Ltd.†",
                                             "水壶厂, 溪壶†", "kettles, 水壶, 家电†"]
    assert listed.splitlines()[-1] == NOTE and listed.count("†") == 4  # three marks, and the note explains them
    for args in (("search", "水壶"), ("facts", "--fields", "entry,name_en,value"), ("timeline",),
                 ("compare", "kettle-works", "brookfield"), ("show", "kettle-works")):
        shown = box(*args).stdout
        assert "Brookfield Kettle Works Ltd.†" in shown and shown.splitlines()[-1] == NOTE, args
        assert "Brookfield†" not in shown and "Industrial output, 2024†" not in shown, args  # our translations


def test_a_table_with_nothing_from_outside_has_no_note() -> None:
    assert "†" not in box("list", "figure").stdout + box("facts", "--entry", "output-2024").stdout


def test_english_alone_shows_an_outside_name_marked_never_as_the_articles() -> None:
    for args in (("search", "水壶"), ("facts", "--entry", "kettle-works"), ("show", "kettle-works"),
                 ("compare", "kettle-works", "brookfield"), ("list", "company")):
        shown = box("--lang", "en", *args).stdout
        assert "Brookfield Kettle Works Ltd.†" in shown and NOTE in shown, args
    name = next(line for line in box("--lang", "en", "show", "kettle-works").stdout.splitlines()
                if line.startswith("name "))
    assert name.split(None, 1) == ["name", "Brookfield Kettle Works Ltd.†"]
    assert "溪田水壶厂" not in box("--lang", "zh", "show", "kettle-works").stdout.split("name_en")[0].split("name")[0]


def test_markdown_marks_and_explains_once() -> None:
    out = box("search", "水壶", "-f", "markdown").stdout
    assert "| Brookfield Kettle Works Ltd.† |" in out and out.endswith(f"\n\n{NOTE}\n")


def test_json_and_csv_say_what_is_outside_in_keys_added_at_the_end() -> None:
    import csv
    import io
    import json

    facts = json.loads(box("facts", "--json").stdout)
    assert {row["entry"]: row["name_en_outside"] for row in facts} == {"kettle-works": True, "output-2024": False}
    assert list(facts[0])[-3:] == ["stated", "growth_basis", "name_en_outside"]
    [header, *_] = csv.reader(io.StringIO(box("facts", "-f", "csv").stdout))
    assert header[16:] == ["source", "stated", "growth_basis", "name_en_outside"]
    items = json.loads(box("timeline", "--json").stdout)
    assert [(item["entry"], item["name_en_outside"]) for item in items] == [
        ("kettle-works", True), ("kettle-plan", False), ("output-2024", False), ("kettle-plan", False)]
    entry = json.loads(box("show", "kettle-works", "--json").stdout)
    assert entry["outside"][0] == {"field": "name_en", "note": "the firm's own English name, from its website",
                                   "values": []}


def test_on_a_terminal_the_note_follows_the_marks_it_explains() -> None:
    from linping_cli.cli.io import IOStreams

    def terminal(width: int, *args: str) -> str:
        streams = IOStreams.fake(terminal=True, width=width, color="never")
        result = CliRunner().invoke(app, ["--data", str(FACT_BOX), *args], obj=streams)
        assert result.exit_code == 0, result.stderr
        return streams.output()

    wide = terminal(120, "search", "水壶")
    assert "Brookfield Kettle Works Ltd.†" in wide and wide.rstrip().endswith(NOTE)
    narrow = terminal(40, "search", "水壶")  # name_en is the first column a narrow table leaves out
    assert "name_en, source left out" in narrow and "†" not in narrow
    shown = terminal(60, "show", "kettle-works")
    assert " ".join(shown.split()).count(NOTE) == 1 and "溪壶†" in shown  # wrapped to the width


def test_the_bundled_outside_english_names_are_marked_wherever_a_table_shows_them(run: Runner) -> None:
    import json

    entries = json.loads(run("list", "--json").stdout)
    outside = {entry["id"] for entry in entries if any(item["field"] == "name_en" for item in entry["outside"])}
    # The names the audit found unmarked (12b #6), among them.
    assert {"xiolift", "witmem", "htc", "cfmoto", "tianyuan-pet", "robam", "firstack", "miit", "zju", "zstu", "xjtu",
            "g60-corridor", "canton-fair-137", "electronica-china-2025"} <= outside
    table = run("list", "--fields", "id,name_en").stdout
    marked = {cells(table, entry["id"] + " ")[0] for entry in entries if cells(table, entry["id"] + " ")[-1]
              .endswith("†")}
    assert marked == outside
    assert run("--lang", "en", "show", "tianyuan-pet").stdout.splitlines()[3].split(None, 1) == [
        "name", "Hangzhou Tianyuan Pet Products Co., Ltd.†"]
    facts = run("--lang", "en", "facts", "--entry", "cfmoto", "--fields", "entry,name,value").stdout
    assert "Zhejiang CFMOTO Power Co., Ltd.†" in facts and facts.splitlines()[-1].startswith("† not in the articles")
    assert "Hangzhou XIOLIFT Co., Ltd.†" in run("compare", "xiolift", "cfmoto").stdout
    aliases = run("show", "zju", "--fields", "aliases").stdout
    assert aliases.startswith("aliases  浙大†, ZJU†")
