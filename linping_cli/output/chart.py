"""A bar chart as text: Rich bars on a terminal, plain bars in a pipe; and a chart's View for the data formats.

Each bar is as long as its value in the chart's unit. A bound is drawn as a bound: a lower
bound (more than, at least) ends in an arrow, as the value may run on; an upper bound in a
cap; an approximate value in a tilde; a range fills on, lighter, to its upper end; a
derived figure is drawn in a lighter shade and says so. A qualifier this code does not
know is written by name and marked '?'.
"""

from __future__ import annotations

from typing import IO, Any

from linping_cli.model.rows import CHART_BAR
from linping_cli.output.cells import mark_of, short_source, value_text
from linping_cli.output.safe import visible
from linping_cli.output.tables import display_width as _width
from linping_cli.output.views import Target, View

_CHARS = {False: {"bar": "█", "derived": "▓", "range": "░", "lower": "▶", "upper": "┤", "approx": "~",
                  "unknown": "?"},
          True: {"bar": "#", "derived": "=", "range": "-", "lower": ">", "upper": "|", "approx": "~", "unknown": "?"}}
_LEGEND = {"lower": "a lower bound: the value may be larger", "upper": "an upper bound: the value may be smaller",
           "approx": "approximate", "range": "a range, to its upper end", "derived": "derived, not stated",
           "unknown": "a qualifier named in brackets"}
LABEL_WIDTH = 36


def chart_view(chart: dict[str, Any]) -> View:
    """The chart as data (a row per bar), drawn as bars for a table and as a standalone page for svg."""
    def svg(stream: IO[str], target: Target) -> None:
        from linping_cli.output.svg import render_svg

        stream.write(render_svg(chart))

    rows = chart["bars"]
    columns = ["label", "label_en", "value", "unit", "converted_value", "converted_unit", "derived", "source"]
    return View(chart, rows, columns, rows, all_columns=list(CHART_BAR.fields), brief=True,
                renderers={"table": lambda stream, target: render_chart(chart, stream, target), "svg": svg})


def render_chart(chart: dict[str, Any], stream: IO[str], target: Target) -> None:
    color, terminal = target.color, target.terminal
    chars = _CHARS[target.ascii_only]
    bars = chart["bars"]
    width = 80
    console = None
    if color or terminal:
        from rich.console import Console

        console = Console(file=stream, color_system="auto" if color else None, force_terminal=color,
                          no_color=not color, highlight=False, emoji=False)
        width = max(console.width, 60)
    labels = [_clip(visible(bar["label"]), LABEL_WIDTH) for bar in bars]
    label_width = max(_width(label) for label in labels)
    values = [value_text(bar) for bar in bars]
    room = max(10, width - label_width - max(_width(v) for v in values) - 5)  # and a place for the end mark
    top = max([bar["converted_max"] or bar["converted_value"] for bar in bars] + [0]) or 1
    lines: list[list[tuple[str, str]]] = [[(visible(f"{chart['title']} · {chart['title_en']}"), "bold")]]
    used: dict[str, None] = {}
    for bar, label, value in zip(bars, labels, values, strict=True):
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
        lines.append([(label + " " * (label_width - _width(label)) + "  ", ""),
                      (fill, "magenta" if bar["derived"] else "cyan"), (chars["range"] * extra, "cyan"),
                      (end, "bold yellow"), (padding + value, "")])
    files = list(dict.fromkeys(short_source(ref["file"]) for bar in bars for ref in bar["source"]))
    lines.append([(visible("source: " + ", ".join(files)), "dim")])
    if used:
        lines.append([(visible("  ".join(f"{chars[m]} {_LEGEND[m]}" for m in used)), "dim")])
    if console is None:
        stream.write("".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines))
        return
    from rich.text import Text

    for line in lines:
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, style in line:
            text.append(part, style=style or None)
        console.print(text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    while _width(text) > limit - 1:
        text = text[:-1]
    return text + "…"
