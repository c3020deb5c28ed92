"""What `validate` can tell is unsound in a region's entries from the data alone, without the articles.

These are a fact-checker's rules, not the schema's: data that breaks them still loads and answers queries
(as text with control characters does), and `validate` reports every case. A rule that needs the article
text (is this alias written there? is this figure a projection?) is not here: it needs the sources.

- A worded quantity (a range, a size class, "several hundred") says in `stated` the words it was read
  from (an industry's size band in `scale_stated`), so they can be checked and shown.
- A growth says what it compares (`growth_basis`): a prior-year value follows only from money at current
  prices or a quantity, never from a real (comparable-price) rate.
- An `outside` item on a list field (aliases, tags, related) names which of its `values` are from outside.
- An organisation's own English name is from outside the articles: an `outside` item says where. A
  transliteration is the name's pinyin; a name that is its pinyin is a transliteration, not a translation.
- A translated English name has no word that is a single syllable of the Chinese name: that is an
  abbreviation's character spelt out (沪乍杭 is Shanghai-Zhapu-Hangzhou, not "Zha").
- Prose states no year as fact that the data marks as inferred, its entry's own or that of an entry it
  names, unless the prose says it is inferred.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linping_cli.model.errors import Problem
from linping_cli.model.kinds import GROWTH_BASES, WORDED_QUALIFIERS
from linping_cli.model.records import kinds_of

if TYPE_CHECKING:
    from linping_cli.ingest.checks import FileReport

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# Words by which prose says a year is worked out rather than written.
_INFERENCE = re.compile(r"推定|推断|推算|推测|inferred|presum|taken as|taken to be|assum|worked out", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")  # Xi'an is one word
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
# (the field holding a year or a date, the flag saying it is inferred)
_DATED = (("year", "year_inferred"), ("date", "date_inferred"), ("deadline", "deadline_inferred"),
          ("founded", "founded_inferred"))


def check_region(reports: list[FileReport]) -> list[Problem]:
    """Every editorial problem of one region's valid entries (each report's `rows`, beside its `entries`)."""
    from linping_cli.ingest.checks import LinesOfFiles

    lines = LinesOfFiles()
    rows = {facts[0]: (report, facts, row) for report in reports
            for facts, row in zip(report.entries, report.rows, strict=True)}
    years = {entry_id: _years(row) for entry_id, (_, _, row) in rows.items()}
    problems = []
    for entry_id, (report, facts, row) in rows.items():
        _, type_name, index, refs, _ = facts
        found = list(_entry_problems(row))
        scope = [years[entry_id], *(years[target] for _, target in refs if target in years)]
        inferred = set().union(*(each[0] for each in scope)) - set().union(*(each[1] for each in scope))
        for field, text in _prose(row) if inferred else ():
            stated_as_fact = sorted({int(y) for y in _YEAR.findall(text)} & inferred)
            if stated_as_fact and not _INFERENCE.search(text):
                shown = ", ".join(map(str, stated_as_fact))
                found.append((field, f"an inferred year stated as fact: {shown} is flagged inferred in this entry "
                                     "or one it names; say so in the text, or leave it out"))
        for field, message in found:
            problems.append(Problem(report.path, lines(report.path).line_of(type_name, index, field), entry_id,
                                    field, message))
    return problems


def _entry_problems(row: dict[str, Any]) -> Iterator[tuple[str, str]]:
    figures = [row] if row["type"] == "figure" else []
    for figure in [*figures, *row.get("key_figures", ())]:
        where, prefix = ("stated", "") if figure is row else ("key_figures", f"key figure {figure['label']!r}: ")
        qualifier = figure.get("qualifier")
        if qualifier in WORDED_QUALIFIERS and not figure.get("stated"):
            yield where, (f"a worded value needs stated: {prefix}qualifier {qualifier!r} is read from words; "
                          "write the article's words for it in stated")
        if figure.get("growth") is not None and figure.get("growth_basis") is None:
            yield ("growth_basis" if figure is row else where), (
                f"a growth needs growth_basis: {prefix}say {' or '.join(GROWTH_BASES)}, as a prior-year value "
                "follows from it only at current prices or for a quantity")
    if row.get("scale_qualifier") in WORDED_QUALIFIERS and not row.get("scale_stated"):
        yield "scale_stated", (f"a worded scale needs scale_stated: scale_qualifier {row['scale_qualifier']!r} is "
                               "read from words; write the article's words for it in scale_stated")
    kinds = kinds_of(row["type"])
    outside = row.get("outside", ())
    for item in outside:
        if kinds.get(item["field"]) in ("texts", "refs") and not item.get("values"):
            yield "outside", f"an outside item on a list field needs values: which of its {item['field']} are meant?"
    origin, name_en = row.get("name_en_origin"), row["name_en"]
    if origin == "own-name" and not any(item["field"] == "name_en" for item in outside):
        yield "name_en_origin", "an organisation's own English name is from outside the articles: add an outside " \
                                "item for name_en saying where it comes from"
    if origin not in ("translation", "transliteration") or not row.get("pinyin"):
        return
    readings = [_letters(reading) for reading in row["pinyin"]]
    if origin == "transliteration" and _letters(name_en) not in readings:
        yield "name_en", "a transliteration is the name's pinyin, and this is not"
    if origin == "translation" and _letters(name_en) in readings:
        yield "name_en_origin", "name_en is the name's pinyin: its origin is transliteration, not translation"
    if origin == "translation":
        syllables = set(row["pinyin"][0].split()) - set(_LATIN.findall(row["name"].casefold()))
        for word in _LATIN.findall(name_en):
            if word[0].isupper() and word.casefold() in syllables:
                yield "name_en", (f"a one-syllable word in a translated name: {word!r} spells one character of the "
                                  "name, as an abbreviation's character would be; write what it stands for")


def _letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.casefold())


def _years(row: dict[str, Any]) -> tuple[set[int], set[int]]:
    """The years an entry marks as inferred, and those it states, in its own fields and its key figures."""
    inferred: set[int] = set()
    stated: set[int] = set()
    for field, flag in _DATED:
        value = row.get(field)
        if value is not None:
            (inferred if row.get(flag) else stated).add(int(str(value)[:4]))
    for figure in row.get("key_figures", ()):
        year = figure.get("year")
        if year is not None:
            (inferred if figure.get("year_inferred") else stated).add(year)
    return inferred, stated


def _prose(row: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, text) for each piece of text an entry says things in: names, a figure's period, summaries,
    notes, key figures' labels and notes, statements."""
    for field in ("name", "name_en", "period", "summary", "summary_en", "note"):
        if row.get(field):
            yield field, row[field]
    for figure in row.get("key_figures", ()):
        for field in ("label", "label_en", "note"):
            if figure.get(field):
                yield "key_figures", figure[field]
    for statement in row.get("statements", ()):
        yield "statements", statement["summary"]
        yield "statements", statement["summary_en"]
