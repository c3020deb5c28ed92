"""A bar chart as text: Rich bars on a terminal, plain bars in a pipe; and a chart's View for the data formats.

The chart is drawn panel by panel (stated amounts, projections, targets, size classes...), each under a
heading that says what it holds and with its own axis, so that no bar stands beside one it cannot be
compared with. Each bar is as long as its value on its panel's axis. A bound is drawn as a bound: a lower
bound (more than, at least) ends in an arrow, as the value may run on; an upper bound in a cap; an
approximate value in a tilde; a range fills on, lighter, to its upper end; a derived figure is drawn in a
lighter shade and says so. A qualifier this code does not know is written by name and marked '?'.
Labels wrap, measured in terminal cells (a Chinese character is two), rather than being cut.
"""

from __future__ import annotations

import math
import unicodedata
from typing import IO, Any

from linping_cli.model.numbers import format_number
from linping_cli.output.cells import qualifier_sign, short_source
from linping_cli.output.safe import visible
from linping_cli.output.tables import display_width as _width
from linping_cli.output.views import View
from linping_cli.query.chart import BAR_FIELDS, SAME_FACT_JOIN, SAME_FACT_JOIN_EN

_LOWER, _UPPER, _APPROX = {"more-than", "at-least"}, {"at-most", "less-than"}, {"about", "nearly"}
_CHARS = {False: {"bar": "█", "derived": "▓", "range": "░", "lower": "▶", "upper": "┤", "approx": "~",
                  "unknown": "?"},
          True: {"bar": "#", "derived": "=", "range": "-", "lower": ">", "upper": "|", "approx": "~", "unknown": "?"}}
_LEGEND = {"lower": "a lower bound: the value may be larger", "upper": "an upper bound: the value may be smaller",
           "approx": "approximate", "range": "a range, to its upper end", "derived": "derived, not stated",
           "unknown": "a qualifier named in brackets"}
LABEL_WIDTH = 36
# Punctuation that closes a phrase stays on the line before it.
_CLOSING = set("，。、：；！？）》」』】,.:;!?)]}")


def chart_view(chart: dict[str, Any]) -> View:
    rows = chart["bars"]
    columns = ["panel", "label", "label_en", "value", "unit", "converted_value", "converted_unit", "derived", "source"]
    return View(chart, rows, columns, rows, all_columns=list(BAR_FIELDS), brief=True)


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
    for mark, names in (("lower", _LOWER), ("upper", _UPPER), ("approx", _APPROX)):
        if qualifier in names:
            return mark
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


def render_chart(chart: dict[str, Any], stream: IO[str], *, color: bool, terminal: bool, ascii_only: bool) -> None:
    chars = _CHARS[ascii_only]
    bars = chart["bars"]
    width = 80
    console = None
    if color or terminal:
        from rich.console import Console

        console = Console(file=stream, color_system="auto" if color else None, force_terminal=color,
                          no_color=not color, highlight=False, emoji=False)
        width = max(console.width, 60)
    labels = {id(bar): label_lines(visible(bar["label"]), LABEL_WIDTH) for bar in bars}
    label_width = max(_width(line) for lines in labels.values() for line in lines)
    values = {id(bar): value_text(bar) for bar in bars}
    room = max(10, width - label_width - max(_width(v) for v in values.values()) - 5)  # and a place for the end mark
    lines: list[list[tuple[str, str]]] = [[(line, "bold")] for line in wrap(visible(title_text(chart)), width)]
    used: dict[str, None] = {}
    for panel in chart["panels"]:
        shown = panel_bars(chart, panel)
        top, _ = axis_scale(shown)
        heading = f"{panel['heading']} · {panel['heading_en']} · axis 0–{tick_text(top)} {chart['unit']}"
        lines += [[("", "")], *([(line, "bold")] for line in wrap(visible(heading), width))]
        for bar in shown:
            length = max(0, round(bar["converted_value"] / top * room)) if bar["converted_value"] > 0 else 0
            extra = 0
            if bar["converted_max"] is not None:
                extra = max(0, round(bar["converted_max"] / top * room) - length)
                used["range"] = None
            mark = mark_of(bar)
            if mark:
                used[mark] = None
            if bar["derived"]:
                used["derived"] = None
            fill = chars["derived" if bar["derived"] else "bar"] * length
            end = chars[mark] if mark else ""
            padding = " " * (room - length - extra - len(end) + 2)
            first, *more = labels[id(bar)]
            lines.append([(first + " " * (label_width - _width(first)) + "  ", ""),
                          (fill, "magenta" if bar["derived"] else "cyan"), (chars["range"] * extra, "cyan"),
                          (end, "bold yellow"), (padding + values[id(bar)], "")])
            lines += [[(line, "")] for line in more]
    files = list(dict.fromkeys(short_source(ref["file"]) for bar in bars for ref in bar["source"]))
    lines += [[("", "")], [(visible("source: " + ", ".join(files)), "dim")]]
    if used:
        legend = visible("  ".join(f"{chars[m]} {_LEGEND[m]}" for m in used))
        lines += [[(line, "dim")] for line in wrap(legend, width)]
    if console is None:
        stream.write("".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines))
        return
    from rich.text import Text

    for line in lines:
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, style in line:
            text.append(part, style=style or None)
        console.print(text)
