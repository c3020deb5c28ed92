"""How units relate, from the dataset's [[unit]] tables: which convert into which, and by what factor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from linping_cli.model.errors import UserError, did_you_mean


class Units:
    """The unit tables of a dataset: 亿元 is 1e8 元, so 499 亿元 is 4.99e6 万元."""

    def __init__(self, tables: Iterable[dict[str, Any]]) -> None:
        self._by_unit = {table["unit"]: table for table in tables}

    def english(self, unit: str) -> str | None:
        table = self._by_unit.get(unit)
        return table["unit_en"] if table else None

    def in_base(self, value: float, unit: str) -> float | None:
        """`value` of `unit` in its dimension's base unit (499 亿元 is 4.99e10 元); None for a unit of no table."""
        table = self._by_unit.get(unit)
        return value * float(table["factor"]) if table else None

    def factor(self, source: str, target: str) -> float | None:
        """What one `source` is in `target` units; None when they do not convert (1.0 for the same unit)."""
        if source == target:
            return 1.0
        a, b = self._by_unit.get(source), self._by_unit.get(target)
        if a is None or b is None or a["dimension"] != b["dimension"]:
            return None
        return float(a["factor"]) / float(b["factor"])

    def converts(self, source: str, target: str) -> bool:
        return self.factor(source, target) is not None

    def check_known(self, unit: str) -> str:
        """`unit`, if the tables know it; else a UserError listing the ones they do."""
        if unit not in self._by_unit:
            raise UserError(f"unknown unit {unit!r}{did_you_mean(unit, self._by_unit)} "
                            f"(units that convert: {', '.join(self._by_unit)})")
        return unit

    def common(self, units: Sequence[str]) -> str | None:
        """The first of `units` that every other converts into, or None when they are not of one dimension."""
        if not units:
            return None
        first = units[0]
        return first if all(self.converts(unit, first) for unit in units) else None


def round_converted(value: float) -> int | float:
    """A converted value to twelve significant digits, so 499 亿元 is 4990000 万元, not 4989999.999999999;
    a whole number stays whole (460 亿元 in 亿元 is 460, not 460.0)."""
    rounded = float(f"{value:.12g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded
