"""Line entries up side by side: attribute by attribute, and figures of one unit by difference and ratio."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry, Figure, field_order

if TYPE_CHECKING:
    from linping_cli.query.units import Units


# One compared attribute: {"field": its key, "label": for people, "values": one per entry, "note"?: why some are null}.
Row = dict[str, Any]


def _row(field: str, label: str, values: list[Any], note: str | None = None) -> Row:
    return {"field": field, "label": label, "values": values, **({"note": note} if note else {})}


_FIGURE_ROWS = ("name", "name_en", "value", "value_max", "unit", "qualifier", "target", "projected", "year",
                "period", "growth", "category", "subject")
_SKIPPED = {"id", "type", "pinyin", "aliases", "tags", "summary", "summary_en", "key_figures", "related",
            "note", "source", "region"}


def compare(entries: Sequence[Entry], units: Units | None = None, unit: str | None = None) -> list[Row]:
    """Line entries up attribute by attribute; figures sharing a unit also get difference and ratio.

    With `units`, figures whose units convert into one another (亿元, 万元) are converted, into `unit` or
    else the first figure's, and get difference and ratio too; the stated value and unit stay.
    """
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
        rows = _figure_rows([e for e in entries if isinstance(e, Figure)], units, unit)
    else:
        rows = _attribute_rows(entries)
    if len({entry.region for entry in entries}) > 1:
        rows.insert(0, _row("region", "region", [entry.region for entry in entries]))
    return rows


def _figure_rows(figures: list[Figure], units: Units | None, unit: str | None) -> list[Row]:
    rows = [_row(name, name, [getattr(f, name) for f in figures]) for name in _FIGURE_ROWS]
    values: list[float] = [f.value for f in figures]
    if unit is not None or len({f.unit for f in figures}) > 1:
        converted = _converted(figures, units, unit)
        if converted is None:
            return rows
        values, target = converted
        rows.append(_row("converted_value", f"value in {target}", values))
        rows.append(_row("converted_unit", "converted unit", [target] * len(figures)))
    # Arithmetic only between exact values: "more than 460" minus 499 is no number.
    exact = [f.qualifier is None and not f.projected for f in figures]
    base = values[0]
    pairs = list(zip(values[1:], exact[1:], strict=True))
    rows.append(_arithmetic("difference", f"difference from {figures[0].id} (exact values only)",
                            [v - base if exact[0] and ok else None for v, ok in pairs]))
    rows.append(_arithmetic("ratio", f"ratio to {figures[0].id} (exact values only)",
                            [(v / base if base else math.nan) if exact[0] and ok else None for v, ok in pairs],
                            "null where the first value is 0" if not base else None))
    return rows


def _arithmetic(field: str, label: str, results: list[float | None], note: str | None = None) -> Row:
    """A row of differences or ratios: one that overflows a float (1e308 - -1e308) is null, with a note."""
    values: list[Any] = [None]
    for result in results:
        finite = result is None or math.isfinite(result)
        values.append(round(result, 6) if result is not None and finite else None)
        if not finite and note is None:
            note = "null where the result is beyond the range of a number"
    return _row(field, label, values, note)


def _converted(figures: list[Figure], units: Units | None, unit: str | None) -> tuple[list[float], str] | None:
    """The figures' values in `unit` (else the first's), or None when they do not convert (an error if asked)."""
    from linping_cli.query.units import round_converted

    stated = list(dict.fromkeys(f.unit for f in figures))
    target = unit or stated[0]
    factors = [units.factor(f.unit, target) if units else None for f in figures]
    if any(factor is None for factor in factors):
        if unit is not None:
            raise UserError(f"cannot convert {', '.join(stated)} into {unit}: not one dimension in the unit tables")
        return None
    return [round_converted(f.value * factor) for f, factor in zip(figures, factors, strict=True)
            if factor is not None], target


def _attribute_rows(entries: Sequence[Entry]) -> list[Row]:
    shared = [name for name in field_order(type(entries[0]))
              if name not in _SKIPPED and all(name in field_order(type(e)) for e in entries)]
    rows = [_row(name, name, [getattr(e, name) for e in entries]) for name in shared]
    labels: dict[str, None] = {}
    for entry in entries:
        labels.update(dict.fromkeys(figure["label_en"] or figure["label"] for figure in entry.key_figures))
    for label in labels:
        values = []
        for entry in entries:
            match = [f for f in entry.key_figures if (f["label_en"] or f["label"]) == label]
            values.append(match[0] if match else None)
        rows.append(_row("key_figure", label, values))
    return rows
