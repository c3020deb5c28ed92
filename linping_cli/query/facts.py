"""Every number in a dataset as one row: each figure's value and each key figure, with what it measures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry, Figure

# The keys of a fact row, in order.
FACT_FIELDS = ("entry", "type", "name", "name_en", "label", "label_en", "value", "value_max", "unit", "unit_en",
               "qualifier", "target", "projected", "year", "year_inferred", "growth", "source")


def fact_rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """The facts of `entries`, in their order: a figure's own value first (label null), then its key figures."""
    rows = []
    for entry in entries:
        head = {"entry": entry.id, "type": entry.type, "name": entry.name, "name_en": entry.name_en}
        if isinstance(entry, Figure):
            rows.append({**head, "label": None, "label_en": None,
                         **{key: getattr(entry, key) for key in FACT_FIELDS[6:]}})
        for figure in entry.key_figures:
            rows.append({**head, **{key: figure[key] for key in FACT_FIELDS[4:]}})  # type: ignore[literal-required]
    return rows


def check_fact_fields(requested: str) -> list[str]:
    """The fact fields named in a comma-separated list; a UserError for any other."""
    from linping_cli.query.select import did_you_mean

    chosen = [name.strip() for name in requested.split(",") if name.strip()]
    if not chosen:
        raise UserError(f"--fields needs a comma-separated list; valid fields: {','.join(FACT_FIELDS)}")
    for name in chosen:
        if name not in FACT_FIELDS:
            raise UserError(f"unknown field {name!r}{did_you_mean(name, FACT_FIELDS)} "
                            f"(valid fields: {','.join(FACT_FIELDS)})")
    return chosen


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
    if field not in FACT_FIELDS or field == "source":
        from linping_cli.query.select import did_you_mean

        choices = [name for name in FACT_FIELDS if name != "source"]
        raise UserError(f"cannot sort facts by {field!r}{did_you_mean(field, choices)} (fields: {','.join(choices)})")
    present = [row for row in rows if row[field] is not None]
    missing = [row for row in rows if row[field] is None]
    numbers = all(isinstance(row[field], (int, float)) for row in present)
    present.sort(key=lambda row: row[field] if numbers else str(row[field]), reverse=reverse)
    return present + missing
