"""Draft rows (articles/draft.py) as `[[figure]]` TOML skeletons, ready to fill in.

Each skeleton holds what the article states (value, qualifier, unit, year, target or projected) and where
(the source's file and section), with a placeholder id and empty names and summaries: the article's sentences
are never copied into a dataset. A comment names the line and the measure phrase, to find the number by.
Strings are TOML basic strings with every character a terminal would act on escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from linping_cli.output.safe import json_safe

_SURROGATE = re.compile("[\ud800-\udfff]")
_ID_WORD = re.compile(r"[^a-z0-9]+")


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, once DEL and the other unsafe characters are escaped."""
    return json_safe(json.dumps(_SURROGATE.sub("\ufffd", text), ensure_ascii=False))


def _comment(text: str) -> str:
    """Text safe inside a TOML comment: one line, nothing a terminal acts on."""
    return toml_string(text)[1:-1]


def figure_skeletons(rows: Iterable[dict[str, Any]]) -> str:
    """One `[[figure]]` table per draft row, in order."""
    tables = []
    for number, row in enumerate(rows, 1):
        stem = _ID_WORD.sub("-", row["file"].rsplit(".", 1)[0].lower()).strip("-")[:24].strip("-") or "article"
        lines = [
            f"# line {row['line']}: {_comment(row['measure'])} {_comment(row['article'])}",
            "[[figure]]",
            f'id = "{stem}-{number}"',
            'name = ""',
            'name_en = ""',
            'summary = ""',
            'summary_en = ""',
            f"source = [{{ file = {toml_string(row['file'])}, section = {toml_string(row['section'])} }}]",
            f"value = {row['value']!r}",
        ]
        if row["value_max"] is not None:
            lines.append(f"value_max = {row['value_max']!r}")
        lines.append(f"unit = {toml_string(row['unit'])}")
        if row["qualifier"]:
            lines.append(f"qualifier = {toml_string(row['qualifier'])}")
        if row["year"] is not None:
            lines.append(f"year = {row['year']}")
        for flag in ("target", "projected"):
            if row[flag]:
                lines.append(f"{flag} = true")
        tables.append("\n".join(lines) + "\n")
    return "\n".join(tables)
