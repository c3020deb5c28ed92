"""What each command prints, as a View: the data JSON prints, and the same as columns and rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Any

from linping_cli.model.records import ENTRY_TYPES, Entry, Figure, field_order, outside_fields, to_dict
from linping_cli.output.cells import ATTRIBUTE, FIELD, OUTSIDE, NameOf, in_language, outside_cells, qualified

DEFAULT_COLUMNS = {
    "figure": ["id", "name", "name_en", "value", "unit", "year", "growth", "source"],
    "company": ["id", "name", "name_en", "category", "location", "source"],
    "organisation": ["id", "name", "name_en", "category", "source"],
    "place": ["id", "name", "name_en", "category", "source"],
    "event": ["id", "name", "date", "location", "source"],
    "plan": ["id", "name", "name_en", "year", "source"],
    "product": ["id", "name", "maker", "year", "source"],
    "project": ["id", "name", "name_en", "source"],
    "industry": ["id", "name", "tier", "scale", "scale_unit", "source"],
    "person": ["id", "name", "name_en", "role", "organisation", "source"],
}
MIXED_COLUMNS = ["id", "type", "name", "name_en", "source"]


class Target:
    """Where text is written: a terminal or not, with colour or not, how wide, and whether it can carry Chinese."""

    __slots__ = ("ascii_only", "color", "terminal", "width")

    def __init__(self, *, color: bool = False, terminal: bool = False, width: int | None = None,
                 ascii_only: bool = False) -> None:
        self.color, self.terminal, self.width, self.ascii_only = color, terminal, width, ascii_only


# A format a view writes its own way (a chart's bars, a graph's tree, citations): given the stream and its target.
Renderer = Callable[[IO[str], Target], object]


def _no_name(key: str, region: str | None) -> str | None:
    return None


Rows = list[dict[str, Any]]


class View:
    """One result, ready for any format: what JSON prints, and the same as columns and rows."""

    def __init__(self, data: Any, lines: list[Any], columns: list[str], rows: Rows | Callable[[], Rows], *,
                 vertical: bool = False, name_of: NameOf = _no_name,
                 all_columns: list[str] | None = None, brief: bool = False,
                 renderers: dict[str, Renderer] | None = None) -> None:
        self.data = data
        self.lines = lines  # what JSONL prints, a line each
        self.columns = columns  # what a table or Markdown shows
        self.all_columns = all_columns or columns  # what CSV and TSV carry: everything, so nothing is lost
        self._rows = rows  # or what makes them, when only the formats that show rows need them
        self.brief = brief  # one line per row: sources by their short names
        self.vertical = vertical  # a table shows the one row as field/value pairs
        self.name_of = name_of
        self.renderers = renderers or {}
        self.lang: str | None = None  # zh or en: one language where a person reads; None: both where shown

    @property
    def rows(self) -> Rows:
        if callable(self._rows):
            self._rows = self._rows()
        return self._rows

    @property
    def empty(self) -> bool:
        return not self.rows


def localized(view: View) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows a table or Markdown shows in `view.lang`: an `_en` twin replaces or joins its field."""
    lang = view.lang
    if lang is None:
        return view.columns, view.rows
    if view.rows and FIELD in view.rows[0]:  # compare: one row per field
        by_field = {row[FIELD]: row for row in view.rows}
        rows = []
        for row in view.rows:
            field = row[FIELD]
            if field.endswith("_en") and field[:-3] in by_field:
                continue
            twin = by_field.get(f"{field}_en")
            if lang == "en" and twin:
                replaced = [c for c in view.columns[1:] if twin.get(c) is not None]
                row = {**row, **{c: twin[c] for c in replaced}, OUTSIDE: _marks_taken(row, twin, replaced)}
            if field == "key_figure":
                shown = next((v for c in view.columns[1:] if isinstance(v := row.get(c), dict)), None)
                row = {**row, ATTRIBUTE: in_language(shown, "label", lang)} if shown else row
            rows.append(row)
        return view.columns, rows
    columns = [c for c in view.columns if not (c.endswith("_en") and c[:-3] in view.columns)]
    if lang == "zh":
        return columns, view.rows
    rows = []
    for row in view.rows:
        english = {c: row[f"{c}_en"] for c in columns if row.get(f"{c}_en")}
        marks = outside_cells(row)
        # An English name from outside the articles keeps its mark where it stands in for the Chinese one.
        taken = {c: marks[f"{c}_en"] for c in english if f"{c}_en" in marks}
        rows.append({**row, **english, OUTSIDE: {**{c: v for c, v in marks.items() if c not in english}, **taken}})
    return columns, rows


def _marks_taken(row: dict[str, Any], twin: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    """A compared row's outside marks once its `_en` twin's values stand in `columns`: the twin's there."""
    own, given = outside_cells(row), outside_cells(twin)
    return {**{c: v for c, v in own.items() if c not in columns}, **{c: given[c] for c in columns if c in given}}


def _pick(data: dict[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    return data if not fields else {name: data.get(name) for name in fields}


def entries_view(entries: Sequence[Entry], fields: Sequence[str] | None, *, types: Sequence[str] = (),
                 show_region: bool = False, name_of: NameOf = _no_name) -> View:
    """The entries; with none, the columns of `types` (of every type when none given), for a header."""
    rows = [to_dict(entry) for entry in entries]
    objects = [_pick(row, fields) for row in rows]
    if fields:
        return View(objects, objects, list(fields), rows, name_of=name_of, brief=True)
    kinds = list(dict.fromkeys(entry.type for entry in entries)) or list(types) or list(ENTRY_TYPES)
    columns = list(DEFAULT_COLUMNS[kinds[0]] if len(kinds) == 1 else MIXED_COLUMNS)
    if show_region:
        columns.insert(1, "region")
    everything = list(dict.fromkeys(name for kind in kinds for name in field_order(ENTRY_TYPES[kind])))
    return View(objects, objects, columns, rows, name_of=name_of, all_columns=everything, brief=True)


def entry_view(entries: Sequence[Entry], fields: Sequence[str] | None, *,
               referenced_by: Sequence[Sequence[str]] = (), people: Sequence[Sequence[str]] = (),
               name_of: NameOf = _no_name) -> View:
    """show: one entry's object, or a list of several; a table shows each row as field/value pairs."""
    full = [to_dict(entry) for entry in entries]
    objects = [_pick(row, fields) for row in full]
    refs = referenced_by or [()] * len(full)
    persons = people or [()] * len(full)
    rows = [{**row, **({"people": list(who)} if who else {}), "referenced_by": list(linked)}
            for row, linked, who in zip(full, refs, persons, strict=True)]
    columns = list(fields) if fields else list(dict.fromkeys(name for row in rows for name in row))
    return View(objects[0] if len(objects) == 1 else objects, objects, columns, rows, vertical=True,
                name_of=name_of)


def comparison_view(entries: Sequence[Entry], rows: Sequence[dict[str, Any]], fields: Sequence[str] | None, *,
                    headers: Sequence[str], name_of: NameOf = _no_name) -> View:
    """compare: rows as `query.compare` gives them ({"field", "label", "values", "note"?}), one column per entry."""
    kept = [r for r in rows if not fields or r["field"] in fields or r["field"] == "key_figure"]
    data = {"entries": [_pick(to_dict(entry), fields) for entry in entries], "rows": kept}
    columns = [ATTRIBUTE, *headers]
    outside = [outside_fields(entry.outside) for entry in entries]
    grid = [{ATTRIBUTE: f"{r['label']} ({r['note']})" if r.get("note") else r["label"], FIELD: r["field"],
             **dict(zip(headers, r["values"], strict=True)),
             OUTSIDE: {h: marks[r["field"]] for h, marks in zip(headers, outside, strict=True) if r["field"] in marks}}
            for r in kept]
    for line in grid:
        if line[FIELD] == "value" and all(isinstance(e, Figure) for e in entries):
            # As a person reads it, the value carries its qualifier: >460, not 460.
            line.update({h: qualified(to_dict(e)) for h, e in zip(headers, entries, strict=True)})
    return View(data, data["rows"], columns, grid, name_of=name_of)


def records_view(records: list[dict[str, Any]], columns: list[str] | None = None) -> View:
    """Records of one shape; `columns` names their keys where there may be none to read them from."""
    return View(records, records, columns or (list(records[0]) if records else []), records)


# Where a source was published: columns a table shows only where some source says.
_PUBLISHED = ("outlet", "published", "url")


def sources_view(records: list[dict[str, Any]], fields: Sequence[str]) -> View:
    """`sources`: every field in JSON and CSV; a table leaves out where-published columns no source fills."""
    empty = {name for name in _PUBLISHED if all(record[name] is None for record in records)}
    return View(records, records, [name for name in fields if name not in empty], records, all_columns=list(fields))


def stats_view(stats: dict[str, Any]) -> View:
    rows = [{"group": group, "key": key, "count": count}
            for group, counts in stats.items() if isinstance(counts, dict) for key, count in counts.items()]
    return View(stats, rows, ["group", "key", "count"], rows)


FACT_COLUMNS = ["entry", "name", "label", "value", "unit", "year", "growth", "source"]


def facts_view(rows: list[dict[str, Any]], fields: Sequence[str] | None, all_fields: Sequence[str], *,
               cite: bool = False) -> View:
    """Fact rows (see query.facts): the chosen fields, or every field (a table shows the main ones, with each
    fact's citation in place of its source's short name when `cite`)."""
    objects = [_pick(row, fields) for row in rows]
    columns = list(fields) if fields else [c if c != "source" or not cite else "citation" for c in FACT_COLUMNS]
    return View(objects, objects, columns, rows, all_columns=list(fields or all_fields), brief=True)


def answers_view(question: str, answers: list[dict[str, Any]], *, growth: bool = False) -> View:
    """ask's answers: an object with the question for JSON, a row per answer for the other formats, and for a
    table a line per answer, as a person reads it."""
    from linping_cli.output.answers import answer_lines

    columns = list(answers[0]) if answers else ["entry", "label", "value", "unit", "year", "source"]
    return View({"question": question, "answers": answers}, answers, columns, answers, brief=True,
                renderers={"table": lambda stream, target: stream.write(answer_lines(answers, growth=growth))})
