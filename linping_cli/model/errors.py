"""The two exceptions: bad data (with every problem, located) and a user's mistake."""

from __future__ import annotations

from collections.abc import Iterable


class Problem:
    """One thing wrong with a dataset, located as precisely as we can."""

    __slots__ = ("entry_id", "field", "file", "line", "message")

    def __init__(self, file: str, line: int | None, entry_id: str | None, field: str | None, message: str) -> None:
        self.file, self.line, self.entry_id, self.field, self.message = file, line, entry_id, field, message

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join([place, self.entry_id or "-", self.field or "-", self.message])

    def as_dict(self) -> dict[str, str | int | None]:
        return {"file": self.file, "line": self.line, "entry_id": self.entry_id, "field": self.field,
                "message": self.message}


class DataError(Exception):
    """A dataset cannot be used: it carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        super().__init__(first if not more else f"{first} (and {more} more: `linping validate PATH` lists them)")


class UserError(Exception):
    """The user asked for something that cannot be: a usage error."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean X, Y?' for the choices close to a mistyped word, or '' when none is."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""
