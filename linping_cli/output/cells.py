"""Cells: a value as a person reads it in a table or Markdown, and as CSV and TSV carry it."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from linping_cli.model.numbers import format_number, order_words
from linping_cli.model.records import ENTRY_TYPES, outside_fields, reference_fields

# Looks up an entry's name by id (and, where known, region), for tables that name what they link to.
NameOf = Callable[[str, str | None], str | None]
ATTRIBUTE, FIELD = "(attribute)", "(field)"  # compare's own columns: brackets, so no entry id equals them
# A row's cells from outside the articles where its own keys do not say (a compared or localized row): each
# column, with None (all of the cell) or the items of a list cell that are.
OUTSIDE = "(outside)"
# What a reader sees beside a name, alias or tag the articles do not write, and the line under a table that has one.
OUTSIDE_MARK = "†"
OUTSIDE_NOTE = f"{OUTSIDE_MARK} not in the articles: from outside them (linping show ID says where from)"

# How a value's qualifier reads before the number; the worded ones ("range", "class", "several") are written
# around it or in its place instead, and
# "less-than" is carried only by derived figures (a share of a more-than whole).
QUALIFIER_SIGNS = {"more-than": ">", "about": "≈", "nearly": "<≈", "at-least": "≥", "at-most": "≤", "less-than": "<"}
_id_columns: set[str] = set()


def id_columns() -> set[str]:
    """Columns that hold ids, shown in tables with the names they point at (worked out on first use)."""
    if not _id_columns:
        _id_columns.update({"referenced_by", "people"}, (name for type_name in ENTRY_TYPES
                                               for name, _ in reference_fields(type_name)))
    return _id_columns


def qualifier_sign(qualifier: str | None) -> str:
    """The sign before a value: '>' for more-than; a qualifier this code does not know, by its name."""
    if not qualifier:
        return ""
    return QUALIFIER_SIGNS.get(qualifier) or f"[{qualifier}] "


def qualified(item: Mapping[str, Any], value_key: str = "value", qualifier_key: str = "qualifier",
              lang: str | None = None) -> str:
    """A value with its qualifier and status as a person reads it: >460, <≈100, 200–900, 数百 / several hundred,
    500 (class: 超五百亿级), 2 (target); a worded value with the article's words (`stated`) beside it."""
    value, qualifier = format_number(item[value_key]), item.get(qualifier_key)
    stated = item.get("stated" if value_key == "value" else f"{value_key}_stated")
    if qualifier == "range":
        text = f"{value}–{format_number(item.get('value_max'))}" + (f" ({stated})" if stated else "")
    elif qualifier == "class":
        text = f"{value} (class: {stated})" if stated else f"{value} (class)"
    elif qualifier == "several":
        text = order_words(item[value_key], lang) or (f"{stated}" if stated else f"[several] {value}")
    else:
        text = qualifier_sign(qualifier) + value
    if item.get("target"):
        text += " (target)"
    if item.get("projected"):
        text += " (projected)"
    if item.get("derived") is True:  # a derived fact; `show --derived` puts the derived lines under this key
        text += " (derived)"
    return text


def flat_cell(value: Any) -> str:
    """A cell for CSV/TSV: see the module docstring for the rules."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def outside_cells(row: Mapping[str, Any]) -> Mapping[str, frozenset[str] | None]:
    """The cells of a row from outside the articles: those its OUTSIDE names, else an entry's `outside` items,
    else a fact's or timeline item's English name where `name_en_outside` says so."""
    given = row.get(OUTSIDE)
    if given is not None:
        return given  # type: ignore[no-any-return]
    outside = row.get("outside")
    found = outside_fields(outside) if isinstance(outside, list) and outside else {}
    return {**found, "name_en": None} if row.get("name_en_outside") is True else found


def outside_note(cells: Iterable[str]) -> str | None:
    """The line under a table that explains the outside mark, where one of its cells has it."""
    return OUTSIDE_NOTE if any(OUTSIDE_MARK in cell for cell in cells) else None


def _is_outside(marks: Mapping[str, frozenset[str] | None], column: str) -> Callable[[Any], bool]:
    """Whether an item of a column's cell (the cell itself, for one value) is from outside the articles."""
    if column not in marks:
        return lambda item: False
    chosen = marks[column]
    if chosen is None:
        return lambda item: True
    return lambda item: isinstance(item, str) and item in chosen


def human_cell(column: str, value: Any, row: Mapping[str, Any], name_of: NameOf,
               brief: bool = False, lang: str | None = None) -> str:
    """A cell for people to read: lists joined, numbers with their qualifier, ids with names, and what is from
    outside the articles marked (OUTSIDE_MARK) item by item.

    Phrases made of several fields (a key figure's label and unit, a person's role) are in one
    language: English with `lang` en, else Chinese, the dataset's own.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    outside = _is_outside(outside_cells(row), column)
    mark = OUTSIDE_MARK
    if column in id_columns() or row.get(FIELD) in id_columns():
        ids = value if isinstance(value, list) else [value]
        return ", ".join(_named(i, row.get("region"), name_of) + (mark if outside(i) else "") for i in ids)
    if isinstance(value, list) and value and not isinstance(value[0], dict):
        return ", ".join(str(v) + (mark if outside(v) else "") for v in value)
    text = _cell(column, value, row, brief, lang)
    return text + mark if not isinstance(value, list) and outside(value) else text


def _cell(column: str, value: Any, row: Mapping[str, Any], brief: bool, lang: str | None) -> str:
    if column == "value" and "qualifier" in row:  # a figure, or a fact row
        return qualified(row, lang=lang)
    if column == "scale" and row.get("type") == "industry":
        return qualified(row, "scale", "scale_qualifier", lang)
    if (column == "growth" or row.get(FIELD) == "growth") and isinstance(value, (int, float)):
        return percent(value)
    if column == "source" and brief:
        return ", ".join(dict.fromkeys(short_source(ref["file"]) for ref in value))
    if isinstance(value, dict):
        return _describe(value, labelled=row.get(FIELD) != "key_figure", lang=lang)
    if isinstance(value, list):
        return "\n".join(_describe(v, lang=lang) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def short_source(file: str) -> str:
    """An article's name for a one-line cell: 000 for 000_f15d39121070376d.txt, notes for notes.txt."""
    stem = file.rsplit(".", 1)[0]
    number = stem.split("_", 1)[0]
    return number if number.isdigit() else stem


def percent(value: float) -> str:
    return f"{'' if math.copysign(1, value) < 0 else '+'}{format_number(value)}%"


def _named(key: str, region: str | None, name_of: NameOf) -> str:
    name = name_of(key, region)
    return f"{name} ({key})" if name else key


def in_language(item: Mapping[str, Any], key: str, lang: str | None) -> Any:
    """item[key] in the language asked for: its `_en` twin for English, where there is one."""
    return (item.get(f"{key}_en") or item.get(key)) if lang == "en" else item.get(key)


UNTITLED = "untitled (the file gives no headline)"


def headline(citation: Mapping[str, Any]) -> str:
    """An article's headline and subtitle as its file gives them, or that it gives none."""
    title, subtitle = citation["title"], citation["subtitle"]
    if title is None:
        return UNTITLED
    return f"{title}: {subtitle}" if subtitle else str(title)


def citation_text(citation: Mapping[str, Any]) -> str:
    """A citation as a reader writes it: authors, headline, where and when it was published (where the region's
    [[source]] says), the section and the file, and the web address last."""
    authors = f"{', '.join(citation['authors'])}. " if citation["authors"] else ""
    head = headline(citation)
    head = head[0].upper() + head[1:] if citation["title"] is None else f"“{head}”"
    published = ", ".join(part for part in (citation.get("outlet"), citation.get("published")) if part)
    parts = [f"{authors}{head}.", f"{published}." if published else None, f"Section “{citation['section']}”.",
             f"File {citation['file']}.", citation.get("url")]
    return " ".join(part for part in parts if part)


def _describe(item: Mapping[str, Any], *, labelled: bool = True, lang: str | None = None) -> str:
    """One nested table (citation, source, outside item, statement or key figure) as a short phrase, in one
    language."""
    if "authors" in item:
        return citation_text(item)
    if "section" in item:
        return f"{item['file']} § {item['section']}"
    if "field" in item and "note" in item:  # an outside item
        return f"{item['field']}: {item['note']}"
    if "summary" in item:  # a person's statement
        return str(in_language(item, "summary", lang))
    label = f"{in_language(item, 'label', lang)}: " if labelled else ""
    parts = [f"{label}{qualified(item, lang=lang)} {in_language(item, 'unit', lang)}"]
    if item.get("year"):
        parts.append(f"({item['year']})")
    if item.get("growth") is not None:
        parts.append(percent(item["growth"]))
    return " ".join(parts)
