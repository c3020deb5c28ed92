"""Turn results into text: one layer, every format, for every command.

Each command builds a View (what JSON prints, and the same as columns and rows);
`write` prints a View in the chosen format. Rich is imported only for tables, and
json only for the formats that use it.

Flattening for CSV and TSV, reversible given a field's type: null is an empty
cell, true/false are `true`/`false`, and a list or table is compact JSON. TSV
escapes backslash, tab, newline and carriage return as \\\\, \\t, \\n and \\r.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal

from linping_cli.models import ENTRY_TYPES, Entry, field_order, format_number, reference_fields, to_dict

if TYPE_CHECKING:
    from linping_cli.query import Comparison

Format = Literal["table", "json", "jsonl", "csv", "tsv", "markdown"]
QUALIFIER_SIGNS = {"more-than": ">", "about": "≈", "at-least": "≥", "at-most": "≤"}
_id_columns: set[str] = set()


def id_columns() -> set[str]:
    """Columns that hold ids, shown in tables with the names they point at (worked out on first use)."""
    if not _id_columns:
        _id_columns.update({"referenced_by"}, (name for type_name in ENTRY_TYPES
                                               for name, _ in reference_fields(type_name)))
    return _id_columns


DEFAULT_COLUMNS = {
    "figure": ["id", "name", "value", "unit", "year", "growth", "source"],
    "company": ["id", "name", "name_en", "category", "location", "source"],
    "organisation": ["id", "name", "name_en", "category", "source"],
    "place": ["id", "name", "name_en", "category", "source"],
    "event": ["id", "name", "date", "location", "source"],
    "plan": ["id", "name", "name_en", "year", "source"],
    "product": ["id", "name", "maker", "year", "source"],
    "project": ["id", "name", "name_en", "source"],
    "industry": ["id", "name", "tier", "scale", "scale_unit", "source"],
}
MIXED_COLUMNS = ["id", "type", "name", "name_en", "source"]


# Looks up an entry's name by id (and, where known, region), for tables that name what they link to.
NameOf = Callable[[str, str | None], str | None]
ATTRIBUTE, FIELD = "(attribute)", "(field)"  # compare's own columns: brackets, so no entry id equals them


def _no_name(key: str, region: str | None) -> str | None:
    return None


class View:
    """One result, ready for any format: what JSON prints, and the same as columns and rows."""

    def __init__(self, data: Any, lines: list[Any], columns: list[str], rows: list[dict[str, Any]], *,
                 vertical: bool = False, name_of: NameOf = _no_name,
                 all_columns: list[str] | None = None, brief: bool = False) -> None:
        self.data = data
        self.lines = lines
        self.columns = columns  # what a table or Markdown shows
        self.all_columns = all_columns or columns  # what CSV and TSV carry: everything, so nothing is lost
        self.rows = rows
        self.brief = brief  # one line per row: sources by their short names
        self.vertical = vertical  # a table shows the one row as field/value pairs
        self.name_of = name_of


def _pick(data: dict[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    return data if not fields else {name: data.get(name) for name in fields}


def entries_view(entries: Sequence[Entry], fields: Sequence[str] | None, *,
                 show_region: bool = False, name_of: NameOf = _no_name) -> View:
    rows = [to_dict(entry) for entry in entries]
    objects = [_pick(row, fields) for row in rows]
    if fields:
        return View(objects, objects, list(fields), rows, name_of=name_of, brief=True)
    kinds = list(dict.fromkeys(entry.type for entry in entries))
    columns = list(DEFAULT_COLUMNS[kinds[0]] if len(kinds) == 1 else MIXED_COLUMNS)
    if show_region:
        columns.insert(1, "region")
    everything = list(dict.fromkeys(name for kind in kinds for name in field_order(ENTRY_TYPES[kind])))
    return View(objects, objects, columns, rows, name_of=name_of, all_columns=everything, brief=True)


def entry_view(entry: Entry, fields: Sequence[str] | None, *, referenced_by: Sequence[str] = (),
               name_of: NameOf = _no_name) -> View:
    full = to_dict(entry)
    data = _pick(full, fields)
    row = {**full, "referenced_by": list(referenced_by)}
    columns = list(fields) if fields else list(row)
    return View(data, [data], columns, [row], vertical=True, name_of=name_of)


def comparison_view(comparison: Comparison, fields: Sequence[str] | None, *, headers: Sequence[str],
                    name_of: NameOf = _no_name) -> View:
    rows = [r for r in comparison.rows if not fields or r.field in fields or r.field == "key_figure"]
    data = {
        "entries": [_pick(to_dict(entry), fields) for entry in comparison.entries],
        "rows": [{"field": r.field, "label": r.label, "values": r.values} for r in rows],
    }
    columns = [ATTRIBUTE, *headers]
    grid = [{ATTRIBUTE: r.label, FIELD: r.field, **dict(zip(headers, r.values, strict=True))} for r in rows]
    return View(data, data["rows"], columns, grid, name_of=name_of)


def records_view(records: list[dict[str, Any]]) -> View:
    columns = list(records[0]) if records else []
    return View(records, records, columns, records)


def stats_view(stats: dict[str, Any]) -> View:
    rows = [{"group": group, "key": key, "count": count}
            for group, counts in stats.items() if isinstance(counts, dict) for key, count in counts.items()]
    return View(stats, rows, ["group", "key", "count"], rows)


def write(view: View, fmt: str, stream: IO[str], *, color: bool, terminal: bool, ascii_only: bool = False) -> None:
    if fmt == "json":
        import json

        stream.write(json.dumps(view.data, ensure_ascii=ascii_only, indent=2 if terminal else None) + "\n")
    elif fmt == "jsonl":
        import json

        stream.writelines(json.dumps(item, ensure_ascii=ascii_only) + "\n" for item in view.lines)
    elif fmt in ("csv", "tsv"):
        _write_delimited(view, stream, "," if fmt == "csv" else "\t")
    elif fmt == "markdown":
        _write_markdown(view, stream)
    elif color or terminal:
        render_table(view, stream, color=color, terminal=terminal)
    else:
        render_plain_table(view, stream)


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


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _write_delimited(view: View, stream: IO[str], delimiter: str) -> None:
    rows = [[flat_cell(row.get(c)) for c in view.all_columns] for row in view.rows]
    if delimiter == "\t":
        for cells in [view.all_columns, *rows]:
            stream.write("\t".join(cell.translate(_TSV_ESCAPES) for cell in cells) + "\n")
        return
    import csv

    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(view.all_columns)
    writer.writerows(rows)


def human_cell(column: str, value: Any, row: Mapping[str, Any], name_of: NameOf,
               brief: bool = False) -> str:
    """A cell for people to read: lists joined, numbers with their qualifier, ids with names."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if column in id_columns() or row.get(FIELD) in id_columns():
        ids = value if isinstance(value, list) else [value]
        return ", ".join(_named(i, row.get("region"), name_of) for i in ids)
    if column == "value" and row.get("type") == "figure":
        sign = QUALIFIER_SIGNS.get(row.get("qualifier") or "", "")
        return f"{sign}{format_number(value)}" + (" (target)" if row.get("target") else "")
    if (column == "growth" or row.get(FIELD) == "growth") and isinstance(value, (int, float)):
        return _percent(value)
    if column == "source" and brief:
        return ", ".join(dict.fromkeys(short_source(ref["file"]) for ref in value))
    if isinstance(value, dict):
        return _describe(value, labelled=row.get(FIELD) != "key_figure")
    if isinstance(value, list):
        separator = "\n" if value and isinstance(value[0], dict) else ", "
        return separator.join(_describe(v) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def short_source(file: str) -> str:
    """An article's name for a one-line cell: 000 for 000_f15d39121070376d.txt, notes for notes.txt."""
    stem = file.rsplit(".", 1)[0]
    number = stem.split("_", 1)[0]
    return number if number.isdigit() else stem


def _percent(value: float) -> str:
    return f"{'+' if value >= 0 else ''}{format_number(value)}%"


def _named(key: str, region: str | None, name_of: NameOf) -> str:
    name = name_of(key, region)
    return f"{name} ({key})" if name else key


def _describe(item: Mapping[str, Any], *, labelled: bool = True) -> str:
    """One nested table (source, outside item, statement or key figure) as a short phrase."""
    if "section" in item:
        return f"{item['file']} § {item['section']}"
    if "field" in item and "note" in item:  # an outside item
        return f"{item['field']}: {item['note']}"
    if "summary" in item:  # a person's statement
        return str(item["summary_en"] or item["summary"])
    sign = QUALIFIER_SIGNS.get(item.get("qualifier") or "", "")
    label = f"{item.get('label_en') or item['label']}: " if labelled else ""
    parts = [f"{label}{sign}{format_number(item['value'])} {item['unit']}"]
    if item.get("year"):
        parts.append(f"({item['year']})")
    if item.get("growth") is not None:
        parts.append(_percent(item["growth"]))
    if item.get("target"):
        parts.append("[target]")
    return " ".join(parts)


def _write_markdown(view: View, stream: IO[str]) -> None:
    def cell(column: str, row: Mapping[str, Any]) -> str:
        text = human_cell(column, row.get(column), row, view.name_of, view.brief)
        return text.replace("|", "\\|").replace("\n", "<br>")

    stream.write("| " + " | ".join(view.columns) + " |\n")
    stream.write("|" + "|".join(" --- " for _ in view.columns) + "|\n")
    for row in view.rows:
        stream.write("| " + " | ".join(cell(c, row) for c in view.columns) + " |\n")


def render_table(view: View, stream: IO[str], *, color: bool, terminal: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=stream,
        color_system="auto" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        width=None if terminal else 100_000,
        emoji=False,
    )
    def cell(column: str, row: Mapping[str, Any]) -> Text:
        return Text(human_cell(column, row.get(column), row, view.name_of, view.brief))

    no_wrap = not terminal  # in a pipe, whole values on one line
    if view.vertical:
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold cyan" if color else None, no_wrap=True)
        table.add_column(no_wrap=no_wrap, overflow="fold")
        row = view.rows[0]
        for column in view.columns:
            table.add_row(Text(column), cell(column, row))
    else:
        table = Table(header_style="bold" if color else None)
        for column in view.columns:
            table.add_column(column if column != ATTRIBUTE else "", no_wrap=no_wrap, overflow="fold")
        for row in view.rows:
            table.add_row(*(cell(column, row) for column in view.columns))
    console.print(table)


def render_plain_table(view: View, stream: IO[str]) -> None:
    """A table for pipes and files: aligned columns, every value whole, no colour and no Rich.

    Columns are two spaces apart and padded by display width (a Chinese character
    takes two cells); a cell of several lines continues on the rows below.
    """
    if view.vertical:
        row = view.rows[0]
        grid = [[column, human_cell(column, row.get(column), row, view.name_of, view.brief)] for column in view.columns]
        header = None
    else:
        grid = [[human_cell(c, row.get(c), row, view.name_of, view.brief) for c in view.columns] for row in view.rows]
        header = [c if c != ATTRIBUTE else "" for c in view.columns]
    cells = [[cell.split("\n") for cell in line] for line in ([header] if header else []) + grid]
    widths = [max((_display_width(part) for line in cells for part in line[i]), default=0)
              for i in range(len(view.columns) if header else 2)]
    out = []
    for number, line in enumerate(cells):
        for depth in range(max(len(cell) for cell in line)):
            parts = [cell[depth] if depth < len(cell) else "" for cell in line]
            text = "  ".join(part + " " * (width - _display_width(part)) for part, width in zip(parts, widths,
                                                                                             strict=True))
            out.append(text.rstrip())
        if header and number == 0:
            out.append("  ".join("-" * width for width in widths))
    stream.write("\n".join(out) + "\n")


def _display_width(text: str) -> int:
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
