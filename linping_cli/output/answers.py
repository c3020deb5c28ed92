"""ask's answers as a person reads them: one short line per fact, with its source."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from linping_cli.output.cells import QUALIFIER_SIGNS, format_number


def safe(value: Any) -> str:
    """Dataset text made fit for a terminal: control and other unprintable characters escaped."""
    text = str(value)
    if text.isprintable():
        return text  # the usual case: nothing to escape
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def amount(fact: dict[str, Any]) -> str:
    """The value with its qualifier and unit: '>460 亿元 (100 million yuan)'."""
    sign = QUALIFIER_SIGNS.get(fact["qualifier"] or "", "")
    unit_en = f" ({fact['unit_en']})" if fact.get("unit_en") else ""
    return safe(f"{sign}{format_number(fact['value'])} {fact['unit']}{unit_en}")


def measure(fact: dict[str, Any]) -> str:
    """What a fact measures: its label, or for a figure's own value the figure's name; and its entry."""
    own = fact["label"] is None
    chinese = fact["name"] if own else fact["label"]
    english = fact["name_en"] if own else fact["label_en"]
    what = f"{chinese} / {english}" if english else chinese
    return safe(what if own else f"{what}, of {fact['name']} ({fact['entry']})")


def answer_line(fact: dict[str, Any], *, growth: bool = False) -> str:
    parts = [measure(fact)]
    if fact["year"] is not None:
        parts.append(f"{fact['year']}{' (inferred)' if fact['year_inferred'] else ''}")
    if fact["growth"] is not None and not growth:
        parts.append(f"growth {_percent(fact['growth'])}")
    if fact["target"]:
        parts.append("target")
    sources = "; ".join(f"{ref['file']} § {ref['section']}" for ref in fact["source"] or ())
    if growth and fact["growth"] is not None:
        head = f"{_percent(fact['growth'])} growth (level {amount(fact)})"
    else:
        head = amount(fact)
    return f"{head} — {' · '.join(parts)} — source: {safe(sources)}"


def answer_lines(answers: Iterable[dict[str, Any]], *, growth: bool = False) -> str:
    return "".join(answer_line(fact, growth=growth) + "\n" for fact in answers)


def nearest_note(nearest: list[dict[str, Any]]) -> str:
    """The line on stderr when nothing answers: the nearest facts the dataset has."""
    if not nearest:
        return "no fact in the dataset answers that, and none is near it"
    near = "; ".join(f"{measure(f)}{_year(f)}: {amount(f)}" for f in nearest)
    return f"no fact in the dataset answers that; the nearest it has: {near}"


def _year(fact: dict[str, Any]) -> str:
    return f" ({fact['year']})" if fact["year"] else ""


def _percent(value: float) -> str:
    return f"{'+' if value >= 0 else ''}{format_number(value)}%"
