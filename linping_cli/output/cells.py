"""Cells: a value as a person reads it in a table or Markdown, and as CSV and TSV carry it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linping_cli.model.records import ENTRY_TYPES, reference_fields
from linping_cli.output.views import FIELD, NameOf

QUALIFIER_SIGNS = {"more-than": ">", "about": "≈", "at-least": "≥", "at-most": "≤"}
_id_columns: set[str] = set()


def id_columns() -> set[str]:
    """Columns that hold ids, shown in tables with the names they point at (worked out on first use)."""
    if not _id_columns:
        _id_columns.update({"referenced_by"}, (name for type_name in ENTRY_TYPES
                                               for name, _ in reference_fields(type_name)))
    return _id_columns


def format_number(value: Any) -> str:
    """A number as a person would write it: 1175.09, 810 (not 810.0), every digit kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


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
    if column == "value" and "qualifier" in row:  # a figure, or a fact row
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
    """One nested table (source, person or key figure) as a short phrase."""
    if "section" in item:
        return f"{item['file']} § {item['section']}"
    if "role" in item:
        role = " / ".join(r for r in (item.get("role"), item.get("role_en")) if r)
        return f"{item['name']} ({role})" if role else str(item["name"])
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
