"""Views of `show` and `compare` with derived figures added, apart from the stated ones and marked as derived."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from linping_cli.model.numbers import format_number
from linping_cli.output.cells import ATTRIBUTE, FIELD, qualifier_sign
from linping_cli.output.views import View


def entry_with_derived(view: View, derived: list[dict[str, Any]]) -> View:
    """`show`: JSON becomes {"entry": ..., "derived": [...]}; a table gains a `derived` row, a line per figure."""
    row = {**view.rows[0], "derived": "\n".join(map(derived_line, derived)) or "(none can be derived)"}
    data = {"entry": view.data, "derived": derived}
    return View(data, [data], [*view.columns, "derived"], [row], vertical=True, name_of=view.name_of)


def comparison_with_derived(view: View, derived: Sequence[list[dict[str, Any]]], headers: Sequence[str]) -> View:
    """`compare`: one more row per kind of derived figure (field `derived`), a derived fact or null per entry."""
    labels = dict.fromkeys(row["label_en"] for rows in derived for row in rows)
    extra, grid = [], list(view.rows)
    for label in labels:
        values = [next((row for row in rows if row["label_en"] == label), None) for rows in derived]
        extra.append({"field": "derived", "label": label, "values": values})
        grid.append({ATTRIBUTE: f"{label}", FIELD: "derived",
                     **{header: derived_line(value) if value else None
                        for header, value in zip(headers, values, strict=True)}})
    data = {**view.data, "rows": [*view.data["rows"], *extra]}
    return View(data, data["rows"], view.columns, grid, name_of=view.name_of)


def derived_line(row: Mapping[str, Any]) -> str:
    """One derived fact for people: the value as derived, never as stated, with its formula, what it estimates and
    its inputs."""
    year = f" ({row['year']})" if row.get("year") is not None else ""
    inputs = ", ".join(dict.fromkeys(given["entry"] for given in row["inputs"]))
    return (f"{row['label_en']}: {qualifier_sign(row['qualifier'])}{format_number(row['value'])} {row['unit']}{year}"
            f" = {row['formula']}, estimating {row['estimates']}; from {inputs}; {row['qualifier_note']}")
