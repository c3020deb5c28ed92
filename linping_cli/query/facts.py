"""Every number in a dataset as one row: each figure's value and each key figure, with what it measures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from linping_cli.model.errors import UserError, did_you_mean
from linping_cli.model.kinds import KEY_FIGURE_KINDS
from linping_cli.model.records import Entry, Figure, outside_fields
from linping_cli.model.rows import FACT

# What a figure's own value shares with a key figure: the fields from `value` on that a key figure has.
_MEASURE = tuple(name for name in FACT.fields[FACT.fields.index("value"):] if name in KEY_FIGURE_KINDS)


def fact_rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """The facts of `entries`, in their order: a figure's own value first (label null), then its key figures."""
    rows = []
    for entry in entries:
        head = {"entry": entry.id, "type": entry.type, "name": entry.name, "name_en": entry.name_en}
        outside = {"name_en_outside": "name_en" in outside_fields(entry.outside)}
        if isinstance(entry, Figure):
            rows.append({**head, "label": None, "label_en": None, **{key: getattr(entry, key) for key in _MEASURE},
                         **outside})
        for figure in entry.key_figures:
            rows.append({**head, "label": figure["label"], "label_en": figure["label_en"],
                         **{key: figure[key] for key in _MEASURE}, **outside})
    return rows


def filter_facts(rows: Iterable[dict[str, Any]], *, types: Sequence[str] = (), unit: str | None = None,
                 year: int | None = None, minimum: float | None = None, maximum: float | None = None,
                 target: bool | None = None) -> list[dict[str, Any]]:
    """The rows of these entry types, in this unit (Chinese or English, any case), year, range and kind."""
    wanted_unit = unit.casefold() if unit else None
    kept = []
    for row in rows:
        if types and row["type"] not in types:
            continue
        if wanted_unit and wanted_unit not in ((row["unit"] or "").casefold(), (row["unit_en"] or "").casefold()):
            continue
        if year is not None and row["year"] != year:
            continue
        if (minimum is not None and row["value"] < minimum) or (maximum is not None and row["value"] > maximum):
            continue
        if target is not None and bool(row["target"]) != target:
            continue
        kept.append(row)
    return kept


def sort_facts(rows: list[dict[str, Any]], field: str, *, reverse: bool = False) -> list[dict[str, Any]]:
    """Sorted by one field, rows lacking it last whichever the direction; ties keep their order."""
    if field not in FACT.fields or field == "source":
        choices = [name for name in FACT.fields if name != "source"]
        raise UserError(f"cannot sort facts by {field!r}{did_you_mean(field, choices)} (fields: {','.join(choices)})")
    present = [row for row in rows if row[field] is not None]
    missing = [row for row in rows if row[field] is None]
    numbers = all(isinstance(row[field], (int, float)) for row in present)
    present.sort(key=lambda row: row[field] if numbers else str(row[field]), reverse=reverse)
    return present + missing
