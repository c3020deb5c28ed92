"""ask's answers as a person reads them: one short line per fact, with its source."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from linping_cli.output.cells import percent, qualified
from linping_cli.output.safe import visible


def amount(fact: dict[str, Any]) -> str:
    """The value with its qualifier and unit: '>460 亿元 (100 million yuan)', '200–900 家', '2 倍 (target)'."""
    unit_en = f" ({fact['unit_en']})" if fact.get("unit_en") else ""
    return visible(f"{qualified(fact)} {fact['unit']}{unit_en}")


def measure(fact: dict[str, Any]) -> str:
    """What a fact measures: its label, or for a figure's own value the figure's name; and its entry."""
    own = fact["label"] is None
    chinese = fact["name"] if own else fact["label"]
    english = fact["name_en"] if own else fact["label_en"]
    what = f"{chinese} / {english}" if english else chinese
    return visible(what if own else f"{what}, of {fact['name']} ({fact['entry']})")


def answer_line(fact: dict[str, Any], *, growth: bool = False) -> str:
    parts = [measure(fact)]
    if fact["year"] is not None:
        parts.append(f"{fact['year']}{' (inferred)' if fact['year_inferred'] else ''}")
    if fact["growth"] is not None and not growth:
        parts.append(f"growth {percent(fact['growth'])}")
    if fact["target"]:
        parts.append("target")
    sources = "; ".join(f"{ref['file']} § {ref['section']}" for ref in fact["source"] or ())
    if growth and fact["growth"] is not None:
        head = f"{percent(fact['growth'])} growth (level {amount(fact)})"
    else:
        head = amount(fact)
    return f"{head} — {' · '.join(parts)} — source: {visible(sources)}"


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
