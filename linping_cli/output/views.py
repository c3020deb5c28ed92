"""What each command prints, as a View: the data JSON prints, and the same as columns and rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from linping_cli.model.records import ENTRY_TYPES, Entry, field_order, to_dict

if TYPE_CHECKING:
    from linping_cli.query.compare import Comparison

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


def records_view(records: list[dict[str, Any]], columns: list[str] | None = None) -> View:
    """Records of one shape; `columns` names their keys where there may be none to read them from."""
    return View(records, records, columns or (list(records[0]) if records else []), records)


def stats_view(stats: dict[str, Any]) -> View:
    rows = [{"group": group, "key": key, "count": count}
            for group, counts in stats.items() if isinstance(counts, dict) for key, count in counts.items()]
    return View(stats, rows, ["group", "key", "count"], rows)
