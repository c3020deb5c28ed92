"""Pick the facts of a bar chart, put them in one unit, and in panels of one meaning each.

A bar's length is comparable only with the bars on its own axis. What was stated, a projection, a target and
a size class (三千亿级 names a band, not an amount) are different things, and so is a value whose qualifier
linping does not know: each is a panel of its own, with its own axis. A fact that several entries hold is one
bar that names them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.kinds import SENSES
from linping_cli.model.records import Entry, Figure
from linping_cli.model.rows import SAME_FACT_JOIN, SAME_FACT_JOIN_EN
from linping_cli.query.facts import fact_rows
from linping_cli.query.units import Units, round_converted
from linping_cli.store.dataset import Dataset

# Qualifiers that leave a value an amount: a bound or an approximation (each a sense arithmetic knows), or a range.
# "class" makes it a size band. A qualifier the model gains later gets a panel of its own until it has a sense
# here, so that no new meaning is charted as an amount unawares.
AMOUNT_QUALIFIERS = (*SENSES, "range")
# The panels linping knows, in the order they are drawn: (measure, status) -> id, heading, English heading.
PANELS = {
    ("amount", "stated"): ("stated", "实际数值", "stated amounts"),
    ("amount", "projected"): ("projected", "预计数值", "projections"),
    ("amount", "target"): ("target", "目标", "targets"),
    ("class", "stated"): ("class", "规模级别", "size classes"),
    ("class", "projected"): ("class-projected", "预计规模级别", "projected size classes"),
    ("class", "target"): ("class-target", "目标规模级别", "target size classes"),
    # 数百家 is a number's order (several hundred), drawn to the order it names, never beside counts.
    ("several", "stated"): ("several", "约数（数十、数百）", "orders of magnitude (several tens, hundreds)"),
    ("several", "projected"): ("several-projected", "预计约数", "projected orders of magnitude"),
    ("several", "target"): ("several-target", "目标约数", "target orders of magnitude"),
}
_STATUS_WORDS = {"stated": ("", ""), "projected": ("（预计）", " (projections)"), "target": ("（目标）", " (targets)")}


class Chart:
    __slots__ = ("bars", "panels", "title", "title_en", "unit", "unit_en")

    def __init__(self, title: str, title_en: str | None, unit: str, unit_en: str | None,
                 panels: list[dict[str, str]], bars: list[dict[str, Any]]) -> None:
        self.title, self.title_en, self.unit, self.unit_en = title, title_en, unit, unit_en
        self.panels, self.bars = panels, bars

    def as_dict(self) -> dict[str, Any]:
        files = list(dict.fromkeys(ref["file"] for bar in self.bars for ref in bar["source"]))
        return {"title": self.title, "title_en": self.title_en, "unit": self.unit, "unit_en": self.unit_en,
                "panels": self.panels, "bars": self.bars, "sources": files}


def chart_of(entries: Sequence[Entry], dataset: Dataset, unit: str | None,
             title: tuple[str | None, str | None] | None, *, key_figures: bool, keep_order: bool,
             derived: bool) -> Chart:
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


def build_chart(facts: list[dict[str, Any]], units: Units, unit: str | None,
                title: tuple[str | None, str | None] | None = None, *, keep_order: bool = False) -> Chart:
    """The chart of `facts` in `unit` (else the one they share); UserError if they share none.

    `title` is the user's (Chinese, English) pair, either half may be missing; without one the chart is
    named for what it shows. Bars keep the order of `facts` with `keep_order`, else go longest first, panel
    by panel.
    """
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
    bars = _once([_bar(fact, units, target, one_entry) for fact in facts])
    found: dict[str, tuple[int, int, dict[str, str]]] = {}  # id: rank, first bar, the panel
    for n, bar in enumerate(bars):
        rank, panel_id, heading, heading_en = _panel(bar)
        found.setdefault(panel_id, (rank, n, {"panel": panel_id, "heading": heading, "heading_en": heading_en}))
    panels = [panel for *_, panel in sorted(found.values(), key=lambda item: item[:2])]
    order = {panel["panel"]: n for n, panel in enumerate(panels)}
    bars.sort(key=lambda bar: (order[bar["panel"]], 0 if keep_order else -bar["converted_value"]))
    unit_en = next((f["unit_en"] for f in facts if f["unit"] == target and f.get("unit_en")), None)
    unit_en = unit_en or units.english(target)
    given = [text for text in title or () if text]
    if given:
        named, named_en = given[0], (given[1] if len(given) > 1 and given[1] != given[0] else None)
    elif one_entry:
        named, named_en = facts[0]["name"], facts[0]["name_en"] or None
    else:
        named, named_en = _described(panels, target, unit_en)
    return Chart(named, named_en, target, unit_en, panels, bars)


def _same_fact(fact: dict[str, Any]) -> tuple[Any, ...] | None:
    """What makes two entries' facts one fact: value, unit, qualifier, year, status and the sources cited.
    None for a fact that cites no source, which nothing can show to be the same as another."""
    sources = tuple(sorted((ref["file"], ref.get("section") or "") for ref in fact.get("source") or ()))
    if not sources:
        return None
    return (fact["value"], fact.get("value_max"), fact["unit"], fact.get("qualifier"), fact.get("year"),
            bool(fact.get("target")), bool(fact.get("projected")), bool(fact.get("derived")), fact.get("formula"),
            sources)


def _once(bars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each fact once: a bar that another entry holds too names both entries and both labels. Two facts of one
    entry stay two bars, as the entry holds them as two."""
    kept: list[dict[str, Any]] = []
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for bar in bars:
        key = _same_fact(bar)
        held = first.get(key) if key is not None else None
        if held is None or bar["entry"] in held["entries"]:
            if key is not None and held is None:
                first[key] = bar
            kept.append(bar)
            continue
        held["entries"].append(bar["entry"])
        held["label_en"] = (held["label_en"] or held["label"]) + SAME_FACT_JOIN_EN + (bar["label_en"] or bar["label"])
        held["label"] += SAME_FACT_JOIN + bar["label"]
    return kept


def _panel(fact: dict[str, Any]) -> tuple[int, str, str, str]:
    """A fact's panel: its rank in drawing order, id, heading and English heading."""
    status = "target" if fact.get("target") else "projected" if fact.get("projected") else "stated"
    qualifier = fact.get("qualifier")
    measure = (qualifier if qualifier in ("class", "several") else "amount" if qualifier in (None, *AMOUNT_QUALIFIERS)
               else None)
    if measure is not None:
        return (list(PANELS).index((measure, status)), *PANELS[(measure, status)])
    zh, en = _STATUS_WORDS[status]
    panel_id = f"qualifier-{qualifier}" + (f"-{status}" if status != "stated" else "")
    return (len(PANELS), panel_id, f"限定词为“{qualifier}”的数值{zh}",
            f"values qualified '{qualifier}', a qualifier linping does not know{en}")


def _described(panels: list[dict[str, str]], unit: str, unit_en: str | None) -> tuple[str, str]:
    """A plain title for a chart the user did not name: what its panels hold, and in what unit."""
    zh = [panel["heading"] for panel in panels]
    en = [panel["heading_en"] for panel in panels]
    zh_list = zh[0] if len(zh) == 1 else "、".join(zh[:-1]) + "和" + zh[-1]
    en_list = en[0] if len(en) == 1 else ", ".join(en[:-1]) + " and " + en[-1]
    return f"以{unit}计的{zh_list}", f"{en_list[:1].upper()}{en_list[1:]} in {unit_en or unit}"


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
        "target": bool(fact.get("target")), "projected": bool(fact.get("projected")), "year": fact.get("year"),
        "derived": bool(fact.get("derived")), "formula": fact.get("formula"),
        "converted_value": round_converted(fact["value"] * factor),
        "converted_max": round_converted(value_max * factor) if isinstance(value_max, (int, float)) else None,
        "converted_unit": target, "panel": _panel(fact)[1], "entries": [fact["entry"]],
        "source": fact.get("source") or [],
    }
