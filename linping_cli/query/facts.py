"""Every number in a dataset as one row: each figure's value and each key figure, with what it measures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from linping_cli.model.records import Entry, Figure

# The keys of a fact row, in order.
FACT_FIELDS = ("entry", "type", "name", "name_en", "label", "label_en", "value", "unit", "unit_en", "qualifier",
               "target", "year", "year_inferred", "growth", "source")


def fact_rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """The facts of `entries`, in their order: a figure's own value first (label null), then its key figures."""
    rows = []
    for entry in entries:
        head = {"entry": entry.id, "type": entry.type, "name": entry.name, "name_en": entry.name_en}
        if isinstance(entry, Figure):
            rows.append({**head, "label": None, "label_en": None, "value": entry.value, "unit": entry.unit,
                         "unit_en": entry.unit_en, "qualifier": entry.qualifier, "target": entry.target,
                         "year": entry.year, "year_inferred": entry.year_inferred, "growth": entry.growth,
                         "source": entry.source})
        for figure in entry.key_figures:
            rows.append({**head, **{key: figure[key] for key in FACT_FIELDS[4:]}})  # type: ignore[literal-required]
    return rows
