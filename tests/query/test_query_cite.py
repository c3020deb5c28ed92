"""`linping cite`: what the article files give, and nothing they do not."""

from __future__ import annotations

import json
import os
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Runner

from linping_cli.articles.article import Article, stated_values

# Read from the data, not written here: a headline is a fact, but its words are the article's.
META = tomllib.loads((Path(__file__).parents[2] / "data" / "meta.toml").read_text(encoding="utf-8"))
HEADLINE = META["source"][0]["title"]
SOURCES = Path(os.environ.get("LINPING_SOURCES") or Path(__file__).parents[3] / "shared" / "sources")


def test_a_citation_names_headline_authors_section_and_file(run: Runner) -> None:
    result = run("cite", "xiolift")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"胡金, 胡心怡. “{HEADLINE}: 杭州城东新中心焕新工业森林”. Section ““老树”发新枝 传统产业向服务型制造转型”. "
        "File 000_f15d39121070376d.txt.",
        "Untitled (the file gives no headline). Section “智造引擎 驱动“新中心”能级跃升”. "
        "File 004_2e8b7f18f2c2e2c7.txt.",
    ]


def test_an_article_without_a_headline_is_untitled_in_every_format(run: Runner) -> None:
    for fmt in ("text", "markdown", "bibtex"):
        out = run("cite", "gdp-2024", "-f", fmt).stdout
        assert "ntitled (the file gives no headline)" in out and "004_2e8b7f18f2c2e2c7.txt" in out, fmt
    [citation] = json.loads(run("cite", "gdp-2024", "--json").stdout)
    assert citation == {"entry": "gdp-2024", "file": "004_2e8b7f18f2c2e2c7.txt", "section": "lead",
                        "title": None, "subtitle": None, "authors": [], "outlet": None, "published": None, "url": None}


def test_no_date_outlet_or_address_the_files_do_not_give(run: Runner) -> None:
    for fmt in ("text", "markdown", "bibtex", "json"):
        out = run("cite", "cfmoto", "-f", fmt).stdout
        assert "2025" not in out and "http" not in out and "year" not in out, fmt


def test_bibtex_entries_are_balanced_with_authors_joined_by_and(run: Runner) -> None:
    out = run("cite", "xiolift", "-f", "bibtex").stdout
    assert out.startswith("@misc{xiolift-1,\n") and "author = {胡金 and 胡心怡}" in out
    assert out.count("@misc{") == 2 and out.count("{") == out.count("}")


def test_a_persons_statements_are_cited_too(run: Runner) -> None:
    out = run("cite", "sui-yongfeng", "-f", "markdown").stdout
    assert out == "- untitled (the file gives no headline), section “智造引擎 驱动“新中心”能级跃升” " \
                  "(file `004_2e8b7f18f2c2e2c7.txt`)\n"


def test_bad_format_and_unknown_id_are_usage_errors(run: Runner) -> None:
    result = run("cite", "gdp-2024", "-f", "apa")
    assert (result.exit_code, result.stderr) == (
        2, "linping: --format takes text, json, jsonl, csv, tsv, markdown, bibtex, not 'apa'\n")
    assert run("cite", "gdp-2042").exit_code == 2


def test_sources_give_the_headline_as_the_file_gives_it(run: Runner) -> None:
    first, second = json.loads(run("sources", "--json").stdout)
    assert (first["title"], first["subtitle"]) == (HEADLINE, "杭州城东新中心焕新工业森林")
    assert first["authors"] == ["胡金", "胡心怡"] and HEADLINE.startswith("临平加快构建")
    assert (second["title"], second["authors"], second["year_inferred"]) == (None, [], True)


# The fact box a newspaper prints, one figure a fact: each must be citable by one command, to its own section.
FACT_BOX = {
    "gdp-2024": [("004_2e8b7f18f2c2e2c7.txt", "lead")],
    "trade-total-2024": [("000_f15d39121070376d.txt", "“大树”深扎根 发展更高层次的开放型经济")],
    "exports-2024": [("000_f15d39121070376d.txt", "“大树”深扎根 发展更高层次的开放型经济")],
    "industrial-firms-above-scale": [("000_f15d39121070376d.txt", "lead"),
                                     ("004_2e8b7f18f2c2e2c7.txt", "智造引擎 驱动“新中心”能级跃升")],
    "high-tech-enterprises": [("000_f15d39121070376d.txt", "lead"),
                              ("004_2e8b7f18f2c2e2c7.txt", "智造引擎 驱动“新中心”能级跃升")],
    "valid-inventions": [("004_2e8b7f18f2c2e2c7.txt", "创新生态 点燃“新中心”发展活力")],
    "new-invention-patents": [("004_2e8b7f18f2c2e2c7.txt", "创新生态 点燃“新中心”发展活力")],
    "high-skilled-talent-2024": [("004_2e8b7f18f2c2e2c7.txt", "创新生态 点燃“新中心”发展活力")],
    "excellent-engineers-target-2025": [("004_2e8b7f18f2c2e2c7.txt", "创新生态 点燃“新中心”发展活力")],
    "high-level-engineers-target-2025": [("004_2e8b7f18f2c2e2c7.txt", "创新生态 点燃“新中心”发展活力")],
}


@pytest.mark.parametrize("entry", FACT_BOX)
def test_each_fact_of_the_fact_box_has_a_citation_of_its_own_section(run: Runner, entry: str) -> None:
    found = json.loads(run("cite", entry, "--fact", "value", "--json").stdout)
    assert [(citation["file"], citation["section"]) for citation in found] == FACT_BOX[entry]
    text = run("cite", entry, "--fact", "value").stdout.splitlines()
    assert all(line.endswith(f"Section “{section}”. File {file}.")
               for line, (file, section) in zip(text, FACT_BOX[entry], strict=True))
    folder = SOURCES if SOURCES.is_dir() else None
    if folder is None:
        pytest.skip("the source articles are not present: set LINPING_SOURCES")
    value = Decimal(str(json.loads(run("show", entry, "--json").stdout)["value"]))
    for file, section in FACT_BOX[entry]:  # the cited section states the number
        article = Article(file, (folder / file).read_text(encoding="utf-8"))
        [where] = article.find(section)
        assert value in stated_values(article.text[where.start:where.end]), (entry, file, section)


def test_a_key_figure_is_cited_to_its_own_article_alone(run: Runner) -> None:
    # XIOLIFT is named in 004 too, but its shipments come from 000 alone (audit 12b, citations).
    assert "004_2e8b7f18f2c2e2c7.txt" in run("cite", "xiolift").stdout
    for label in ("年出厂电梯", "elevators shipped per year", "出厂"):
        [citation] = json.loads(run("cite", "xiolift", "--fact", label, "--json").stdout)
        assert (citation["file"], citation["section"]) == ("000_f15d39121070376d.txt",
                                                           "“老树”发新枝 传统产业向服务型制造转型"), label


def test_facts_cite_gives_each_fact_the_citations_of_its_own_sources(run: Runner) -> None:
    rows = json.loads(run("facts", "--cite", "--json").stdout)
    assert rows and all([(c["file"], c["section"]) for c in row["citation"]]
                        == [(ref["file"], ref["section"]) for ref in row["source"]] for row in rows)
    assert all(row["citation"][0]["entry"] == row["entry"] for row in rows)
    table = run("facts", "--cite", "--entry", "gdp-2024").stdout
    assert table.splitlines()[0].split() == ["entry", "name", "label", "value", "unit", "year", "growth", "citation"]
    assert "Untitled (the file gives no headline). Section “lead”. File 004_2e8b7f18f2c2e2c7.txt." in table
