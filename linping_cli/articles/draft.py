"""A new article's numbers as candidate facts, to grow a region from it.

`draft(text, file_name, dataset)` gives one row per number the article states (years are not candidates of
their own: they are the `year` of the numbers in their sentence), in article order: the value, qualifier and
unit as written, the section and line, a measure phrase of at most 8 characters from just before the number
(enough to recognise it, never its sentence), whether its sentence makes it a target or a projection, and
whether the dataset already holds it: an entry citing this file states the same amount in a unit that agrees.
Each of the dataset's numbers holds one number of the article, the one verify would find for it (in its cited
section, else elsewhere in the file with its unit given), so a bare 两 is not held just because some entry
somewhere counts two of something.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from linping_cli.articles.article import Article, outlook_of
from linping_cli.articles.claims import Claim, claims_of
from linping_cli.articles.library import Library, collector_paused, named_files
from linping_cli.articles.match import away_fits, in_section, rank
from linping_cli.articles.numbers import Number, Reader, plain_number
from linping_cli.model.records import Entry, Table
from linping_cli.store.dataset import Dataset

# The keys of a draft row, in order, with the kind of each (model/kinds.py).
DRAFT_FIELDS: tuple[tuple[str, str], ...] = (
    ("file", "text"), ("section", "text"), ("line", "int"), ("value", "num"), ("value_max", "num?"),
    ("qualifier", "qualifier?"), ("unit", "text"), ("year", "year?"), ("target", "bool"), ("projected", "bool"),
    ("measure", "text"), ("article", "text"), ("held", "bool"), ("held_by", "texts"),
)
DRAFT_KEYS = tuple(name for name, _ in DRAFT_FIELDS)
MEASURE_LENGTH = 8
_CLAUSE_BREAK = re.compile(r"[,.。;:!?、“”‘’\"'()《》\[\]\n—]")

# file -> (name of the fact, claim, the citation of that file) of every claim citing it
Held = dict[str, list[tuple[str, Claim, Table]]]


def fact_name(entry: Entry, claim: Claim) -> str:
    """How a draft row names a fact the dataset holds: the entry id, and what of it (xiolift: 年出厂电梯)."""
    return entry.id if claim.key == "value" else f"{entry.id}: {claim.key}"


def held_index(entries: Iterable[Entry], reader: Reader) -> Held:
    """What a dataset holds from each article: each claim under every file it cites."""
    held: Held = {}
    for entry in entries:
        for claim in claims_of(entry, reader):
            name = fact_name(entry, claim)
            for ref in claim.refs:
                held.setdefault(ref["file"], []).append((name, claim, ref))
    return held


def _holders(article: Article, held: list[tuple[str, Claim, Table]]) -> dict[int, list[str]]:
    """id(number) -> the facts of the dataset that are that number of the article."""
    holders: dict[int, list[str]] = {}
    for name, claim, ref in held:
        found = in_section(article, claim, ref)
        if found is None:
            away = [(number, role) for number, role in article.by_magnitude.get(claim.magnitude, ())
                    if away_fits(claim, number, role)]
            found = max(away, key=lambda item: rank(claim, *item)) if away else None
        if found is not None:
            names = holders.setdefault(id(found[0]), [])
            if name not in names:
                names.append(name)
    return holders


def draft(text: str, file_name: str, dataset: Dataset | None = None) -> list[dict[str, Any]]:
    """Rows of DRAFT_KEYS for every number of the article `text`, cited as `file_name`."""
    with collector_paused():
        reader = Reader(unit["unit"] for unit in dataset.units) if dataset is not None else Reader()
        held = held_index(dataset.entries, reader).get(file_name, []) if dataset is not None else []
        return candidates(Article(file_name, text, reader), held)


def candidates(article: Article, held: list[tuple[str, Claim, Table]]) -> list[dict[str, Any]]:
    """The draft rows of an article, each held by the facts of `held` (from `held_index`) that are it."""
    holding = _holders(article, held)
    rows = []
    years: dict[tuple[int, int], list[Number]] = {}
    for number in article.numbers:
        if number.kind == "year":
            years.setdefault(number.sentence, []).append(number)
    previous_end = 0
    for number in article.numbers:
        after, previous_end = previous_end, number.end
        if number.kind == "year":
            continue
        outlook = outlook_of(number.cues)
        holders = holding.get(id(number), [])
        rows.append({
            "file": article.name, "section": number.section, "line": number.line,
            "value": plain_number(number.value),
            "value_max": None if number.value_max is None else plain_number(number.value_max),
            "qualifier": number.qualifier, "unit": number.unit, "year": _year(number, years.get(number.sentence)),
            "target": outlook == "target", "projected": outlook == "projected",
            "measure": measure(article, number, after), "article": article.written(number),
            "held": bool(holders), "held_by": holders,
        })
    return rows


def _year(number: Number, years: list[Number] | None) -> int | None:
    """The year its sentence states: the last one before it, else the first after it."""
    if not years:
        return None
    before = [year for year in years if year.start < number.start]
    return int((before[-1] if before else years[0]).value)


def measure(article: Article, number: Number, after: int = 0) -> str:
    """Up to 8 characters just before the number within its clause and after the number before it
    (`after`): 现有规上工业企业; else just after it."""
    text = article.text
    start = max(number.sentence[0], number.written_from - 40, after)
    clause = _CLAUSE_BREAK.split(text[start:number.written_from])[-1].strip()
    if not clause:
        following = _CLAUSE_BREAK.split(text[number.end:min(number.sentence[1], number.end + 40)])[0].strip()
        return following[:MEASURE_LENGTH]
    return clause[-MEASURE_LENGTH:]


def uncovered(dataset: Dataset, sources: Path, *,
              progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Rows of DRAFT_KEYS for every number of the articles `dataset` names (in the folder `sources`) that no
    entry holds: the region's coverage of its articles. `progress(done, all)` counts articles."""
    with collector_paused():
        reader = Reader(unit["unit"] for unit in dataset.units)
        entries = dataset.entries
        held = held_index(entries, reader)
        present = Library(sources, named_files(dataset, entries), reader).present()
        rows: list[dict[str, Any]] = []
        for done, article in enumerate(present, 1):
            rows.extend(row for row in candidates(article, held.get(article.name, [])) if not row["held"])
            if progress is not None:
                progress(done, len(present))
    return rows
