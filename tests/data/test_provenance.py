"""Every number in data/ is stated in the section it cites of the article it cites.

The articles are read from $LINPING_SOURCES if set, else ../shared/sources beside the project;
where neither exists the article checks are skipped (the reader's own tests, tests/articles, still run).
The numbers (figures, key figures, scales, editions, dates) are looked up by `linping_cli.articles.verify`,
which reads the articles' own forms (2万多, 数百, 三十载, 翻番 ...) and the written precision; no value is
excused one by one. Years are checked here, against the numbers a section states (`stated_values`):
an inferred year (year_inferred, date_inferred, deadline_inferred) against the article's date context
instead: the year the article was written (meta.toml) or the year before it (过去的一年), and a deadline
against its plan's year plus a span the section states.
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

from linping_cli.articles.article import LEAD, Article, squash, stated_values
from linping_cli.articles.verify import verify
from linping_cli.cli.load import load_dataset

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
def folder() -> Path:
    where = _sources_dir()
    if where is None:
        pytest.skip("the source articles are not present: set LINPING_SOURCES or put them in ../shared/sources")
    return where


@pytest.fixture(scope="module")
def articles(folder: Path) -> dict[str, Article]:
    return {name: Article(name, (folder / name).read_text(encoding="utf-8")) for name in ARTICLE_YEAR}


def _section(articles: dict[str, Article], ref: dict[str, str]) -> str:
    body = articles[ref["file"]].body(ref["section"])
    assert body is not None, f"{ref['file']} has no section {ref['section']!r}"
    return body


# The numbers: every one in each section it cites, through verify -----------------------------------------------

# The fields verify looks up (articles/claims.py); statements are our own words, checked by tests/articles.
NUMBER_FIELDS = ("value", "value_max", "growth", "scale", "edition", "date month", "date day")


@pytest.fixture(scope="module")
def verified(folder: Path) -> list[dict[str, Any]]:
    dataset = load_dataset([DATA], use_cache=False)
    return [row for row in verify(dataset, folder) if row["field"] in NUMBER_FIELDS]


def test_there_are_numbers_to_check(verified: list[dict[str, Any]]) -> None:
    assert len(verified) >= 90


def test_every_number_is_stated_in_the_section_it_cites(verified: list[dict[str, Any]]) -> None:
    """Stated there with its qualifier and written precision (16.0% is a float, not 16). (Whether a goal or
    forecast is marked so is verify's rule too, reported by tests/articles with the data's known faults.)"""
    problems = [f"{row['entry']} {row['label'] or ''} {row['field']}: {row['status']} "
                f"({row['file']} § {row['section']}) {row['note'] or ''}"
                for row in verified if row["status"] != "ok" and row["status"] != "not marked target"]
    assert problems == []


# The years: (where, value, sources, inferred, all_sections) ----------------------------------------------------


def _claims() -> list[tuple[str, Any, list[dict[str, str]], str | None, bool]]:
    """Every year field. `inferred` names the flag that says the value is worked out, not written.

    An entry's year need only be in one of its sections.
    """
    claims: list[tuple[str, Any, list[dict[str, str]], str | None, bool]] = []
    for entry in ENTRIES:
        where, refs = entry["id"], entry["source"]
        if entry.get("year") is not None:
            claims.append((f"{where}.year", entry["year"], refs, "year" if entry.get("year_inferred") else None, False))
        if entry.get("founded") is not None:
            claims.append((f"{where}.founded", entry["founded"], refs,
                           "year" if entry.get("founded_inferred") else None, False))
        if entry.get("deadline") is not None:
            claims.append((f"{where}.deadline", entry["deadline"], refs,
                           "deadline" if entry.get("deadline_inferred") else None, False))
        if entry.get("date"):
            year = int(entry["date"].split("-")[0])
            claims.append((f"{where}.date year", year, refs, "year" if entry.get("date_inferred") else None, False))
        for figure in entry.get("key_figures", ()):
            if figure.get("year") is not None:
                claims.append((f"{where}: {figure['label']}.year", figure["year"], figure.get("source") or refs,
                               "year" if figure.get("year_inferred") else None, False))
    return claims


CLAIMS = _claims()
PLAN_YEAR = {entry["id"]: entry.get("year") for entry in ENTRIES}


def _problem(articles: dict[str, Article], where: str, value: Any, refs: list[dict[str, str]],
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
        spans = set().union(*(stated_values(body) for body in bodies))
        ok = start is not None and Decimal(value - start) in spans
        if ok:
            return None
        return f"{where}: inferred deadline {value} is not the plan's year plus a span the section states"
    found = [wanted in stated_values(body) for body in bodies]
    if not (all(found) if every else any(found)):
        missing = [ref["section"] for ref, ok in zip(refs, found, strict=True) if not ok]
        return f"{where}: {value} is not stated in {missing}"
    return None


def test_there_are_years_to_check() -> None:
    assert len(CLAIMS) >= 20


def test_every_year_is_stated_in_a_section_it_cites(articles: dict[str, Article]) -> None:
    problems = [_problem(articles, *claim) for claim in CLAIMS]
    assert [problem for problem in problems if problem] == []


def _refs() -> set[tuple[str, str]]:
    refs: set[tuple[str, str]] = set()
    for entry in ENTRIES:
        refs.update((ref["file"], ref["section"]) for ref in entry["source"])
        for item in (*entry.get("key_figures", ()), *entry.get("statements", ())):
            refs.update((ref["file"], ref["section"]) for ref in item.get("source") or ())
    return refs


def test_every_cited_section_heading_exists_in_its_article(articles: dict[str, Article]) -> None:
    missing = [(file, section) for file, section in sorted(_refs()) if not articles[file].find(section)]
    assert missing == []


def test_source_headlines_are_the_files_own(articles: dict[str, Article]) -> None:
    """A [[source]] title is the file's headline as written, and a file without one has no title."""
    for document in DOCUMENTS:
        for source in document.get("source", []):
            lead = articles[source["file"]].body(LEAD) or ""
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


def test_the_words_of_a_worded_quantity_are_the_articles(articles: dict[str, Article]) -> None:
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
