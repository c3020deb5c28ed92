"""The dataset's vocabulary tables: [[synonym]] groups of words that mean the same measure or thing.

Checked here, kept apart from the entry checks; what they hold reaches the cache payload as
`synonyms`, a list of groups of normalised terms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from linping_cli.model.errors import Problem
from linping_cli.store.layout import normalize

TABLE = "synonym"
_KEYS = ("terms", "note")


def check_synonyms(value: Any, path: str, line_of: Callable[[str, int | None, str | None], int | None],
                   problems: list[Problem]) -> list[list[str]]:
    """The sound [[synonym]] groups of one file, normalised; a problem for each unsound one."""
    groups: list[list[str]] = []
    if not isinstance(value, list):
        problems.append(Problem(path, line_of(TABLE, None, None), None, TABLE, "write groups as [[synonym]] tables"))
        return groups
    for index, table in enumerate(value):
        def fail(key: str | None, message: str, index: int = index) -> None:
            problems.append(Problem(path, line_of(TABLE, index, key), None, key or TABLE, message))

        if not isinstance(table, dict):
            fail(None, "expected a table")
            continue
        unknown = [key for key in table if key not in _KEYS]
        for key in unknown:
            fail(key, f"unknown key (keys: {', '.join(_KEYS)})")
        terms = table.get("terms")
        note = table.get("note")
        if not isinstance(terms, list) or len(terms) < 2 or not all(
                isinstance(t, str) and t.strip() for t in terms):
            fail("terms", "expected a list of at least two non-empty strings")
        elif note is not None and not (isinstance(note, str) and note.strip()):
            fail("note", "expected non-empty text")
        elif not unknown:
            groups.append(list(dict.fromkeys(normalize(term) for term in terms)))
    return groups
