"""How a derived fact reads for people: its value as derived, never as stated, with its formula and inputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linping_cli.model.numbers import format_number
from linping_cli.output.cells import qualifier_sign


def derived_line(row: Mapping[str, Any]) -> str:
    """One derived fact for people: the value as derived, never as stated, with its formula and inputs."""
    year = f" ({row['year']})" if row.get("year") is not None else ""
    inputs = ", ".join(dict.fromkeys(given["entry"] for given in row["inputs"]))
    return (f"{row['label_en']}: {qualifier_sign(row['qualifier'])}{format_number(row['value'])} {row['unit']}{year}"
            f" = {row['formula']}; from {inputs}; {row['qualifier_note']}")
