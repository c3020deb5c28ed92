"""The numbers an entry states, as claims to look up in the articles it cites.

A figure's value, value_max and growth; each key figure's; an industry's scale; an event's edition and the
month and day of its date (its year, like every year, is checked by the data's own tests against the article's
date); and the numbers in a person's statements (read from our own summary with the same reader as the articles).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from linping_cli.articles.numbers import Reader, decimals, plain_number, split_unit, to_decimal
from linping_cli.model.records import Entry, Event, Figure, Industry, Person, Table


class Claim:
    """One number of an entry: what it is (label, field), its value and unit, and the sections it cites.

    `marked` is whether the entry marks it a target or projection: None where the record has no such flag.
    """

    __slots__ = ("base", "field", "label", "magnitude", "marked", "places", "qualifier", "refs", "scale", "shown",
                 "unit", "value", "written")

    def __init__(self, *, label: str | None, field: str, value: Decimal, unit: str, qualifier: str | None,
                 refs: Sequence[Table], marked: bool | None, percent: bool = False) -> None:
        self.label, self.field = label, field
        self.written = value  # as the dataset writes it: 16.0 keeps its decimal
        self.places = decimals(value)
        self.shown = plain_number(value)  # as JSON carries it
        self.value = value
        self.unit, self.qualifier = unit, qualifier
        self.refs = refs
        self.marked = marked
        self.scale, self.base = (1, "%") if percent else _unit_parts(unit)
        self.magnitude = value * self.scale

    @property
    def key(self) -> str:
        """What names this claim within its entry: the key figure's label, else the field (value, growth ...);
        a number of a statement by its place and amount (statements[0] 120)."""
        if self.field.startswith("statements"):
            return f"{self.field} {self.value}"
        if self.label is None:
            return self.field
        return self.label if self.field == "value" else f"{self.label} ({self.field})"


@lru_cache(maxsize=1024)
def _unit_parts(unit: str) -> tuple[int, str]:
    return split_unit(unicodedata.normalize("NFKC", unit))


def claims_of(entry: Entry, reader: Reader) -> Iterator[Claim]:
    """Every number `entry` states, in field order."""
    if isinstance(entry, Figure):
        yield from _measured(None, entry.__dict__, entry.source)
    for figure in entry.key_figures:
        yield from _measured(figure["label"], figure, figure["source"] or entry.source)
    if isinstance(entry, Industry) and entry.scale is not None:
        yield Claim(label=None, field="scale", value=to_decimal(entry.scale), unit=entry.scale_unit or "",
                    qualifier=entry.scale_qualifier, refs=entry.source, marked=None)
    if isinstance(entry, Event):
        if entry.edition is not None:
            yield Claim(label=None, field="edition", value=Decimal(entry.edition), unit="届", qualifier=None,
                        refs=entry.source, marked=None)
        for field, part, unit in zip(("date month", "date day"), (entry.date or "").split("-")[1:], "月日",
                                     strict=False):
            yield Claim(label=None, field=field, value=Decimal(int(part)), unit=unit, qualifier=None,
                        refs=entry.source, marked=None)
    if isinstance(entry, Person):
        for index, statement in enumerate(entry.statements):
            for number in reader.read(unicodedata.normalize("NFKC", statement["summary"])):
                if number.kind == "year":
                    continue
                field = f"statements[{index}]"
                for value in (number.value, number.value_max):
                    if value is not None:
                        yield Claim(label=None, field=field, value=value * number.scale, unit=number.base,
                                    qualifier=number.qualifier, refs=statement["source"], marked=None)


def _measured(label: str | None, data: dict[str, Any], refs: Sequence[Table]) -> Iterator[Claim]:
    marked = bool(data.get("target") or data.get("projected"))
    for field in ("value", "value_max"):
        if data.get(field) is not None:
            yield Claim(label=label, field=field, value=to_decimal(data[field]), unit=data["unit"],
                        qualifier=data.get("qualifier"), refs=refs, marked=marked)
    if data.get("growth") is not None:
        yield Claim(label=label, field="growth", value=to_decimal(data["growth"]), unit="%", qualifier=None,
                    refs=refs, marked=marked, percent=True)
