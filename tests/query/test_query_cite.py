"""`linping cite`: what the article files give, and nothing they do not."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import Runner

# Read from the data, not written here: a headline is a fact, but its words are the article's.
META = tomllib.loads((Path(__file__).parents[2] / "data" / "meta.toml").read_text(encoding="utf-8"))
HEADLINE = META["source"][0]["title"]


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
                        "title": None, "subtitle": None, "authors": []}


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
