"""What a chart's bars say, for every way of drawing them (text, SVG, Vega-Lite): the panels and their axes,
the mark that ends a bar, its value as words, and its label wrapped by terminal cells (a Chinese character is two).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from linping_cli.model.kinds import SENSES
from linping_cli.model.numbers import format_number
from linping_cli.model.rows import SAME_FACT_JOIN, SAME_FACT_JOIN_EN
from linping_cli.output.cells import qualifier_sign
from linping_cli.output.safe import visible
from linping_cli.output.tables import display_width as _width

# Punctuation that closes a phrase stays on the line before it.
_CLOSING = set("，。、：；！？）》」』】,.:;!?)]}")


def panel_bars(chart: dict[str, Any], panel: dict[str, str]) -> list[dict[str, Any]]:
    return [bar for bar in chart["bars"] if bar["panel"] == panel["panel"]]


def axis_scale(bars: list[dict[str, Any]]) -> tuple[float, float]:
    """A panel's axis: its end and the step between ticks, round numbers that hold the longest bar."""
    top = max([bar["converted_max"] or bar["converted_value"] for bar in bars] + [0])
    if top <= 0:
        return 1, 1
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    return math.ceil(top / step - 1e-9) * step, step


def tick_text(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else float(f"{value:.12g}"))


def mark_of(bar: dict[str, Any]) -> str | None:
    """What the end of a bar says of its value: lower, upper, approx, unknown, or None for an exact value, a
    range (drawn to its upper end) or a size class (its panel says what it is)."""
    qualifier = bar["qualifier"]
    if qualifier is None or qualifier == "class":
        return None
    sense = SENSES.get(qualifier)
    if sense is not None:
        return sense
    return None if bar["converted_max"] is not None else "unknown"


def value_words(bar: dict[str, Any]) -> str:
    """A bar's value as stated, in the chart's unit if converted, with qualifier, class, status and derived
    marks: dataset text as it is (`value_text` is what a terminal may print)."""
    qualifier = bar["qualifier"]
    sign = "" if qualifier == "class" else qualifier_sign(qualifier)
    upper = f"–{format_number(bar['converted_max'])}" if bar["converted_max"] is not None else ""
    text = f"{sign}{format_number(bar['converted_value'])}{upper} {bar['converted_unit']}"
    if bar["converted_unit"] != bar["unit"]:
        text += f" (stated: {format_number(bar['value'])} {bar['unit']})"
    marks = ["class"] if qualifier == "class" else []
    marks += [flag for flag in ("target", "projected", "derived") if bar[flag]]
    return text + "".join(f" ({mark})" for mark in marks)


def value_text(bar: dict[str, Any]) -> str:
    return visible(value_words(bar))


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: broken at spaces, or between two Chinese characters, never
    before closing punctuation; a word longer than a line is broken where it must be."""
    if _width(text) <= width:
        return [text]
    words: list[str] = []  # a Latin word with the spaces after it, or one Chinese character; punctuation joined
    for char in text:
        if words and (char in _CLOSING or char == " " or not (_wide(char) or _wide(words[-1][-1])
                                                              or words[-1].endswith(" "))):
            words[-1] += char
        else:
            words.append(char)
    lines, used = [""], 0
    for word in words:
        size = _width(word.rstrip(" "))
        if lines[-1] and used + size > width:
            lines.append("")
            used = 0
        while size > width:  # a word no line holds: as much of it as fits, then the rest
            cut = len(word)
            while cut > 1 and _width(word[:cut]) > width:  # a character at least, or it would never end
                cut -= 1
            lines[-1], word = word[:cut], word[cut:]
            lines.append("")
            size = _width(word.rstrip(" "))
        lines[-1] += word
        used += _width(word)
    return [line.rstrip(" ") for line in lines if line.strip(" ")] or [""]


def label_lines(text: str, width: int) -> list[str]:
    """A bar's label wrapped to `width` cells; each entry's part of a fact several entries hold on lines of its
    own."""
    parts = text.replace(SAME_FACT_JOIN_EN, SAME_FACT_JOIN_EN.rstrip() + "\n").replace(
        SAME_FACT_JOIN, SAME_FACT_JOIN + "\n").split("\n")
    return [line for part in parts for line in wrap(part, width)]


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def describe(chart: dict[str, Any]) -> str:
    """What the chart shows, every value included, in sentences a screen reader reads out."""
    unit = chart["unit"] + (f" ({chart['unit_en']})" if chart["unit_en"] else "")
    count = len(chart["panels"])
    parts = [f"A bar chart in {unit}" + (f", in {count} panels, each with its own axis." if count > 1 else ".")]
    for panel in chart["panels"]:
        items = []
        for bar in panel_bars(chart, panel):
            label = bar["label"] + (f" ({bar['label_en']})" if bar["label_en"] else "")
            items.append(f"{label}: {value_words(bar)}")
        parts.append(f"{panel['heading_en'][:1].upper()}{panel['heading_en'][1:]} ({panel['heading']}): "
                     + "; ".join(items) + ".")
    if chart["sources"]:
        parts.append("Sources: " + ", ".join(chart["sources"]) + ".")
    return " ".join(parts)


def title_text(chart: dict[str, Any]) -> str:
    return f"{chart['title']} · {chart['title_en']}" if chart["title_en"] else str(chart["title"])
