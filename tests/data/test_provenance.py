"""Every number in data/ is stated in the section it cites of the article it cites.

The articles are read from $LINPING_SOURCES if set, else ../shared/sources beside the project;
where neither exists the article checks are skipped (the normaliser's own tests still run).
Numbers the articles write in words or other units are matched through `provenance.numbers`,
which turns a section into the set of numbers it states; no value is excused one by one.
An inferred year (year_inferred, date_inferred, deadline_inferred) is checked against the
article's date context instead: the year the article was written (meta.toml) or the year
before it (过去的一年), and a deadline against its plan's year plus a span the section states.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from provenance import LEAD, find_section, numbers, sections, squash, written_forms

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
ENTRY_TYPES = ("figure", "company", "organisation", "place", "event", "plan", "product", "project", "industry",
               "person")


def _sources_dir() -> Path | None:
    configured = os.environ.get("LINPING_SOURCES")
    path = Path(configured) if configured else REPO.parent / "shared" / "sources"
    return path if path.is_dir() else None


def _documents() -> list[dict[str, Any]]:
    documents = []
    for path in sorted(DATA.glob("*.toml")):
        with open(path, "rb") as handle:
            documents.append(tomllib.load(handle))
    return documents


DOCUMENTS = _documents()
ENTRIES = [{**table, "type": kind}
           for document in DOCUMENTS for kind in ENTRY_TYPES for table in document.get(kind, [])]
ARTICLE_YEAR = {source["file"]: source.get("year") for document in DOCUMENTS for source in document.get("source", [])}


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    where = _sources_dir()
    if where is None:
        pytest.skip("the source articles are not present: set LINPING_SOURCES or put them in ../shared/sources")
    return {name: (where / name).read_text(encoding="utf-8") for name in ARTICLE_YEAR}


def _section(articles: dict[str, str], ref: dict[str, str]) -> str:
    text = articles[ref["file"]]
    if ref["section"] == LEAD:
        return sections(text)[LEAD]
    body = find_section(text, ref["section"])
    assert body is not None, f"{ref['file']} has no section {ref['section']!r}"
    return body


# What is checked: (where, value, sources, inferred, all_sections) --------------------------------


def _claims() -> list[tuple[str, Any, list[dict[str, str]], str | None, bool]]:
    """Every number field. `inferred` names the flag that says the value is worked out, not written.

    A key figure or a figure's own value must be in every section it cites (its source list says exactly
    where it is stated); an entry's year need only be in one of its sections.
    """
    claims: list[tuple[str, Any, list[dict[str, str]], str | None, bool]] = []
    for entry in ENTRIES:
        where, refs = entry["id"], entry["source"]
        if entry["type"] == "figure":
            for field in ("value", "value_max", "growth"):
                if entry.get(field) is not None:
                    claims.append((f"{where}.{field}", entry[field], refs, None, True))
        if entry.get("year") is not None:
            claims.append((f"{where}.year", entry["year"], refs, "year" if entry.get("year_inferred") else None, False))
        if entry.get("founded") is not None:
            claims.append((f"{where}.founded", entry["founded"], refs,
                           "year" if entry.get("founded_inferred") else None, False))
        if entry.get("deadline") is not None:
            claims.append((f"{where}.deadline", entry["deadline"], refs,
                           "deadline" if entry.get("deadline_inferred") else None, False))
        if entry.get("scale") is not None:
            claims.append((f"{where}.scale", entry["scale"], refs, None, True))
        if entry.get("edition") is not None:
            claims.append((f"{where}.edition", entry["edition"], refs, None, False))
        if entry.get("date"):
            year, *rest = (int(part) for part in entry["date"].split("-"))
            claims.append((f"{where}.date year", year, refs, "year" if entry.get("date_inferred") else None, False))
            for name, part in zip(("month", "day")[:len(rest)], rest, strict=True):
                claims.append((f"{where}.date {name}", part, refs, None, False))
        for figure in entry.get("key_figures", ()):
            label, own = f"{where}: {figure['label']}", figure.get("source") or refs
            for field in ("value", "value_max", "growth"):
                if figure.get(field) is not None:
                    claims.append((f"{label}.{field}", figure[field], own, None, True))
            if figure.get("year") is not None:
                claims.append((f"{label}.year", figure["year"], own,
                               "year" if figure.get("year_inferred") else None, False))
    return claims


CLAIMS = _claims()
PLAN_YEAR = {entry["id"]: entry.get("year") for entry in ENTRIES}


def _problem(articles: dict[str, str], where: str, value: Any, refs: list[dict[str, str]],
             inferred: str | None, every: bool) -> str | None:
    wanted = Decimal(str(value))
    bodies = [_section(articles, ref) for ref in refs]
    if inferred == "year":
        context = {ARTICLE_YEAR[ref["file"]] for ref in refs} | {ARTICLE_YEAR[ref["file"]] - 1 for ref in refs}
        if value in context:
            return None
        return f"{where}: inferred year {value} is not the year of writing or the one before"
    if inferred == "deadline":
        start = PLAN_YEAR[where.split(".")[0]]
        spans = set().union(*(numbers(body) for body in bodies))
        ok = start is not None and Decimal(value - start) in spans
        if ok:
            return None
        return f"{where}: inferred deadline {value} is not the plan's year plus a span the section states"
    found = [wanted in numbers(body) for body in bodies]
    if not (all(found) if every else any(found)):
        missing = [ref["section"] for ref, ok in zip(refs, found, strict=True) if not ok]
        return f"{where}: {value} is not stated in {missing}"
    # precision is a fact too: a percentage an article writes as 16.0% is a float, not 16
    forms = set().union(*(written_forms(body, wanted) for body in bodies))
    if forms and all("." in form for form in forms) and not isinstance(value, float):
        return f"{where}: the article writes {sorted(forms)}, so write {value} as a float"
    return None


def test_there_are_numbers_to_check() -> None:
    assert len(CLAIMS) >= 100


def test_every_number_is_stated_in_the_section_it_cites(articles: dict[str, str]) -> None:
    problems = [_problem(articles, *claim) for claim in CLAIMS]
    assert [problem for problem in problems if problem] == []


def _refs() -> set[tuple[str, str]]:
    refs: set[tuple[str, str]] = set()
    for entry in ENTRIES:
        refs.update((ref["file"], ref["section"]) for ref in entry["source"])
        for item in (*entry.get("key_figures", ()), *entry.get("statements", ())):
            refs.update((ref["file"], ref["section"]) for ref in item.get("source") or ())
    return refs


def test_every_cited_section_heading_exists_in_its_article(articles: dict[str, str]) -> None:
    headings = {name: {squash(h) for h in sections(text)} for name, text in articles.items()}
    missing = [(file, section) for file, section in sorted(_refs()) if squash(section) not in headings[file]]
    assert missing == []


def test_source_headlines_are_the_files_own(articles: dict[str, str]) -> None:
    """A [[source]] title is the file's headline as written, and a file without one has no title."""
    for document in DOCUMENTS:
        for source in document.get("source", []):
            lead = sections(articles[source["file"]])[LEAD]
            lead_lines = [line.strip() for line in lead.splitlines() if line.strip()]
            if source.get("title") is None:
                continue
            assert lead_lines[0] == source["title"]
            if source.get("subtitle"):
                assert lead_lines[1] == source["subtitle"]
            if source.get("authors"):
                assert lead_lines[2].split() == source["authors"]


_PUNCTUATION = re.compile(r"[\s\"'“”‘’《》（）()，,。、；;：:！!？?…—·*-]+")


def _bare(text: str) -> str:
    """Text without white space or punctuation, to find a name the article writes with quotes or a 、."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text)).casefold()


def test_the_words_of_a_worded_quantity_are_the_articles(articles: dict[str, str]) -> None:
    """`stated` is in every section its figure cites; an industry's `scale_stated` in one its entry cites."""
    wrong = []
    for entry in ENTRIES:
        for figure in [entry, *entry.get("key_figures", ())]:
            if figure.get("stated"):
                refs = figure.get("source") or entry["source"]
                words = squash(figure["stated"])
                missing = [ref["section"] for ref in refs if words not in squash(_section(articles, ref))]
                if missing:
                    wrong.append((entry["id"], figure["stated"], missing))
        if entry.get("scale_stated") and not any(
                squash(entry["scale_stated"]) in squash(_section(articles, ref)) for ref in entry["source"]):
            wrong.append((entry["id"], entry["scale_stated"], ["no cited section"]))
    assert wrong == []


_CJK = re.compile(r"[\u3400-\u9fff]")


def test_an_alias_or_chinese_tag_the_articles_do_not_write_is_marked_outside(articles: dict[str, str]) -> None:
    """Every alias is written in an article the entry cites, is the entry's pinyin or English name, or is
    named in an `outside` item's values; so is every tag in Chinese (English tags are our own words)."""
    unmarked = []
    for entry in ENTRIES:
        cited = "".join(_bare(articles[ref["file"]]) for ref in entry["source"])
        ours = {_bare(reading) for reading in entry["pinyin"]} | {_bare(entry["name_en"])}
        for field in ("aliases", "tags"):
            marked = {value for item in entry.get("outside", ()) if item["field"] == field
                      for value in item.get("values", ())}
            for value in entry.get(field, ()):
                if field == "tags" and not _CJK.search(value):
                    continue
                if _bare(value) not in cited and _bare(value) not in ours and value not in marked:
                    unmarked.append((entry["id"], field, value))
    assert unmarked == []


# The normaliser ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深耕三十载", {30}),
        ("机器有2万多个部件", {2, 20000}),
        ("年产超10万台", {10, 100000}),
        ("一年发电量约4亿度", {1, 4, 4 * 10**8}),  # 一年 is one year
        ("突破百亿元", {100, 10**10}),
        ("三个千亿级集群", {3, 1000, 10**11}),
        ("三千亿级未来智造城", {3000, 3 * 10**11}),
        ("双五百亿级产业", {2, 500, 5 * 10**10}),
        ("目标是三年翻番", {2, 3}),
        ("已与国内数百家企业", {100}),
        ("全区首个系统", {1}),
        ("一年多的时光过去", {1}),
        ("增长16.0%", {Decimal("16.0")}),
        ("2024年产值 1175.09亿元", {2024, Decimal("1175.09"), Decimal("117509000000")}),
        ("植树2700多万棵", {2700, 27 * 10**6}),
        ("十年投入超10亿元", {10, 10**9}),
    ],
)
def test_numbers_states_what_the_text_says(text: str, expected: set[Any]) -> None:
    assert numbers(text) == {Decimal(value) for value in expected}


def test_numbers_keeps_the_precision_written() -> None:
    assert written_forms("出口增长16.0%", Decimal(16)) == {"16.0"}
    assert written_forms("增长5%", Decimal(5)) == {"5"}
    assert written_forms("临影厂2.0版本", Decimal(2)) == set()  # only percentages


def test_sections_split_at_headings_including_a_bold_one_over_two_lines() -> None:
    text = ("标题一行\n\n胡甲 胡乙\n\n开头的段落，有逗号。\n\n甲乙丙丁 戊己庚辛壬癸\n\n第一节的正文，2024年。\n\n"
            "**“小树”长高\n第二节的标题分两行**\n\n第三节正文，三届。\n")
    found = sections(text)
    assert list(found) == [LEAD, "甲乙丙丁 戊己庚辛壬癸", "“小树”长高 第二节的标题分两行"]
    assert "胡甲 胡乙" in found[LEAD]  # a byline is too short to be a heading
    assert numbers(found["甲乙丙丁 戊己庚辛壬癸"]) == {Decimal(2024)} | {Decimal(1)}  # 第一
    assert find_section(text, "“小树”长高第二节的标题分两行") is not None
    assert find_section(text, "没有这一节") is None
