"""Pick the figures of a bar chart and put them in one unit: one bar per figure, stated or derived."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry, Figure
from linping_cli.query.facts import fact_rows
from linping_cli.query.units import Units, round_converted
from linping_cli.store.dataset import Dataset


class Chart:
    __slots__ = ("bars", "title", "title_en", "unit", "unit_en")

    def __init__(self, title: str, title_en: str, unit: str, unit_en: str | None, bars: list[dict[str, Any]]) -> None:
        self.title, self.title_en, self.unit, self.unit_en, self.bars = title, title_en, unit, unit_en, bars

    def as_dict(self) -> dict[str, Any]:
        files = list(dict.fromkeys(ref["file"] for bar in self.bars for ref in bar["source"]))
        return {"title": self.title, "title_en": self.title_en, "unit": self.unit, "unit_en": self.unit_en,
                "bars": self.bars, "sources": files}


def chart_of(entries: Sequence[Entry], dataset: Dataset, unit: str | None, title: tuple[str, str] | None, *,
             key_figures: bool, keep_order: bool, derived: bool) -> Chart:
    """The chart of these entries' figures (of their key figures too, with `key_figures`), in `unit` or the one
    they share; with `derived`, beside the stated figures those worked out from them that convert into it."""
    units = Units(dataset.units)
    facts = chart_facts(entries, key_figures)
    if derived and facts:
        from linping_cli.query.derived import derived_rows

        into = unit or facts[0]["unit"]
        facts += [row for row in derived_rows(entries, dataset) if units.converts(row["unit"], into)]
    return build_chart(facts, units, unit, title, keep_order=keep_order)


def chart_facts(entries: Sequence[Entry], key_figures: bool) -> list[dict[str, Any]]:
    """The facts to chart: a figure's own value; another entry's key figures (all of them with `key_figures`)."""
    facts = []
    for entry in entries:
        rows = fact_rows([entry])
        own = [row for row in rows if row["label"] is None]
        facts += rows if key_figures or not isinstance(entry, Figure) else own
    return facts


def build_chart(facts: list[dict[str, Any]], units: Units, unit: str | None, title: tuple[str, str] | None,
                *, keep_order: bool) -> Chart:
    """The chart of `facts` in `unit` (else the one they share); UserError if they share none."""
    if unit is not None:
        if unit not in {fact["unit"] for fact in facts}:
            units.check_known(unit)
        facts = [fact for fact in facts if units.converts(fact["unit"], unit)]
    if not facts:
        raise UserError("no figure to chart" + (f" in {unit} or a unit that converts into it" if unit else ""))
    stated = list(dict.fromkeys(fact["unit"] for fact in facts))
    target = unit or units.common(stated)
    if target is None:
        counts = ", ".join(f"{u} ({sum(f['unit'] == u for f in facts)})" for u in stated)
        raise UserError(f"cannot chart figures of different units together: {counts}; "
                        f"pick one with --unit, e.g. --unit {stated[0]}")
    one_entry = len({fact["entry"] for fact in facts}) == 1
    bars = [_bar(fact, units, target, one_entry) for fact in facts]
    if not keep_order:
        bars.sort(key=lambda bar: -bar["converted_value"])
    unit_en = next((f["unit_en"] for f in facts if f["unit"] == target and f.get("unit_en")), None)
    title = title or ((facts[0]["name"], facts[0]["name_en"] or facts[0]["name"]) if one_entry
                      else (f"以{target}计的数字", f"Figures in {unit_en or units.english(target) or target}"))
    return Chart(title[0], title[1], target, unit_en or units.english(target), bars)


def _bar(fact: dict[str, Any], units: Units, target: str, one_entry: bool) -> dict[str, Any]:
    factor = units.factor(fact["unit"], target) or 1.0
    label, label_en = fact["label"], fact["label_en"]
    if label is None:
        label, label_en = fact["name"], fact["name_en"]
    elif not one_entry:
        label, label_en = f"{fact['name']}：{label}", f"{fact['name_en']}: {label_en or label}"
    value_max = fact.get("value_max")
    return {
        "entry": fact["entry"], "label": label, "label_en": label_en, "value": fact["value"], "value_max": value_max,
        "unit": fact["unit"], "unit_en": fact.get("unit_en"), "qualifier": fact.get("qualifier"),
        "target": bool(fact.get("target")), "year": fact.get("year"), "derived": bool(fact.get("derived")),
        "formula": fact.get("formula"), "converted_value": round_converted(fact["value"] * factor),
        "converted_max": round_converted(value_max * factor) if isinstance(value_max, (int, float)) else None,
        "converted_unit": target, "source": fact.get("source") or [],
    }
