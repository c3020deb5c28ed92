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

