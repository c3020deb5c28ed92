"""A new article's numbers as candidate facts, to grow a region from it.

`draft(text, file_name, dataset)` gives one row per number the article states (years are not candidates of
their own: they are the `year` of the numbers in their sentence), in article order: the value, qualifier and
unit as written, the section and line, a measure phrase of at most 8 characters from just before the number
(enough to recognise it, never its sentence), whether its sentence makes it a target or a projection, and
whether the dataset already holds it: an entry citing this file with the same amount in a unit that agrees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from linping_cli.articles.article import Article, outlook_of
from linping_cli.articles.claims import claims_of
from linping_cli.articles.library import Library, named_files
from linping_cli.articles.numbers import Number, Reader, plain_number, units_agree
from linping_cli.model.records import Entry
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

# file -> amount in plain units -> (plain unit, "entry: what") of every claim citing that file
Held = dict[str, dict[Decimal, list[tuple[str, str]]]]


def held_index(entries: Iterable[Entry], reader: Reader) -> Held:
    """What a dataset holds from each article: each claim's amount under every file it cites."""
    held: Held = {}
    for entry in entries:
        for claim in claims_of(entry, reader):
            name = entry.id if claim.key == "value" else f"{entry.id}: {claim.key}"
            for file in dict.fromkeys(ref["file"] for ref in claim.refs):
                held.setdefault(file, {}).setdefault(claim.magnitude, []).append((claim.base, name))
    return held


def draft(text: str, file_name: str, dataset: Dataset | None = None) -> list[dict[str, Any]]:
    """Rows of DRAFT_KEYS for every number of the article `text`, cited as `file_name`."""
    reader = Reader(unit["unit"] for unit in dataset.units) if dataset is not None else Reader()
    held = held_index(dataset.entries, reader).get(file_name, {}) if dataset is not None else {}
    return candidates(Article(file_name, text, reader), held)


def candidates(article: Article, held: dict[Decimal, list[tuple[str, str]]]) -> list[dict[str, Any]]:
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
        holders = _holders(number, held)
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


def _holders(number: Number, held: dict[Decimal, list[tuple[str, str]]]) -> list[str]:
    amounts = [number.magnitude] if number.max_magnitude is None else [number.magnitude, number.max_magnitude]
    found = [name for amount in amounts for base, name in held.get(amount, ()) if units_agree(number.base, base)]
    return list(dict.fromkeys(found))


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
        after = _CLAUSE_BREAK.split(text[number.end:min(number.sentence[1], number.end + 40)])[0].strip()
        return after[:MEASURE_LENGTH]
    return clause[-MEASURE_LENGTH:]


def uncovered(dataset: Dataset, sources: Path, *,
              progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Rows of DRAFT_KEYS for every number of the articles `dataset` names (in the folder `sources`) that no
    entry holds: the region's coverage of its articles. `progress(done, all)` counts articles."""
    reader = Reader(unit["unit"] for unit in dataset.units)
    entries = dataset.entries
    held = held_index(entries, reader)
    present = Library(sources, named_files(dataset, entries), reader).present()
    rows: list[dict[str, Any]] = []
    for done, article in enumerate(present, 1):
        rows.extend(row for row in candidates(article, held.get(article.name, {})) if not row["held"])
        if progress is not None:
            progress(done, len(present))
    return rows
