"""How a qualified or derived number reads: its sign (any qualifier, known or not) and a derived fact's line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linping_cli.output.cells import QUALIFIER_SIGNS, format_number

# Signs of qualifiers that only derived figures carry.
_DERIVED_SIGNS = {"less-than": "<"}


def qualifier_sign(qualifier: str | None) -> str:
    """The sign before a value: '>' for more-than; a qualifier this code does not know, by its name."""
    if not qualifier:
        return ""
    sign = QUALIFIER_SIGNS.get(qualifier) or _DERIVED_SIGNS.get(qualifier)
    return sign if sign else f"[{qualifier}] "


def derived_line(row: Mapping[str, Any]) -> str:
    """One derived fact for people: the value as derived, never as stated, with its formula and inputs."""
    year = f" ({row['year']})" if row.get("year") is not None else ""
    inputs = ", ".join(dict.fromkeys(given["entry"] for given in row["inputs"]))
    return (f"{row['label_en']}: {qualifier_sign(row['qualifier'])}{format_number(row['value'])} {row['unit']}{year}"
            f" = {row['formula']}; from {inputs}; {row['qualifier_note']}")


def printable(text: str) -> str:
    """Dataset text made safe for a terminal: control and format characters (escapes, bidi overrides) shown as
    \\x1b-style codes, so no string can move the cursor, recolour or reorder what follows."""
    if text.isprintable():
        return text
    import unicodedata

    def shown(char: str) -> str:
        if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs"):
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}"

    return "".join(map(shown, text))
