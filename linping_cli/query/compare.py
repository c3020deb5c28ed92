"""Line entries up side by side: attribute by attribute, and figures of one unit by difference and ratio."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry, Figure, field_order


class Row:
    """One compared attribute: its key, a label for people, one value per entry, and why some are null."""

    __slots__ = ("field", "label", "note", "values")

    def __init__(self, field: str, label: str, values: list[Any], note: str | None = None) -> None:
        self.field, self.label, self.values, self.note = field, label, values, note


class Comparison:
    __slots__ = ("entries", "rows")

    def __init__(self, entries: list[Entry], rows: list[Row]) -> None:
        self.entries, self.rows = entries, rows


_FIGURE_ROWS = ("name", "name_en", "value", "unit", "qualifier", "target", "year", "period", "growth",
                "category", "subject")
_SKIPPED = {"id", "type", "pinyin", "aliases", "tags", "summary", "summary_en", "key_figures", "related",
            "note", "source", "region"}


def compare(entries: Sequence[Entry]) -> Comparison:
    """Line entries up attribute by attribute; figures sharing a unit also get difference and ratio."""
    if len(entries) < 2:
        raise UserError("compare needs at least two ids")
    seen: set[tuple[str | None, str]] = set()
    for entry in entries:
        if (entry.region, entry.id) in seen:
            raise UserError(f"{entry.id!r} is given twice")
        seen.add((entry.region, entry.id))
    kinds = {entry.type for entry in entries}
    if "figure" in kinds and len(kinds) > 1:
        other = next(k for k in kinds if k != "figure")
        raise UserError(f"cannot compare a figure with a {other}: compare figures with figures")
    if kinds == {"figure"}:
        rows = _figure_rows([e for e in entries if isinstance(e, Figure)])
    else:
        rows = _attribute_rows(entries)
    if len({entry.region for entry in entries}) > 1:
        rows.insert(0, Row("region", "region", [entry.region for entry in entries]))
    return Comparison(list(entries), rows)


def _figure_rows(figures: list[Figure]) -> list[Row]:
    rows = [Row(name, name, [getattr(f, name) for f in figures]) for name in _FIGURE_ROWS]
    if len({f.unit for f in figures}) == 1:
        base = figures[0].value
        rows.append(_arithmetic("difference", f"difference from {figures[0].id}",
                                [f.value - base for f in figures[1:]]))
        rows.append(_arithmetic("ratio", f"ratio to {figures[0].id}",
                                [f.value / base if base else math.nan for f in figures[1:]],
                                "null where the first value is 0" if not base else None))
    return rows


def _arithmetic(field: str, label: str, results: list[float], note: str | None = None) -> Row:
    """A row of differences or ratios: one that overflows a float (1e308 - -1e308) is null, with a note."""
    values: list[Any] = [None]
    for result in results:
        finite = math.isfinite(result)
        values.append(round(result, 6) if finite else None)
        if not finite and note is None:
            note = "null where the result is beyond the range of a number"
    return Row(field, label, values, note)


def _attribute_rows(entries: Sequence[Entry]) -> list[Row]:
    shared = [name for name in field_order(type(entries[0]))
              if name not in _SKIPPED and all(name in field_order(type(e)) for e in entries)]
    rows = [Row(name, name, [getattr(e, name) for e in entries]) for name in shared]
    labels: dict[str, None] = {}
    for entry in entries:
        labels.update(dict.fromkeys(figure["label_en"] or figure["label"] for figure in entry.key_figures))
    for label in labels:
        values = []
        for entry in entries:
            match = [f for f in entry.key_figures if (f["label_en"] or f["label"]) == label]
            values.append(match[0] if match else None)
        rows.append(Row("key_figure", label, values))
    return rows
