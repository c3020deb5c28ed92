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

from typing import IO, Any

from linping_cli.model.rows import CHART_BAR
from linping_cli.output.bars import (
    axis_scale,
    label_lines,
    mark_of,
    panel_bars,
    tick_text,
    title_text,
    value_text,
    wrap,
)
from linping_cli.output.cells import short_source
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


def chart_view(chart: dict[str, Any], *, credit: bool = True) -> View:
    """The chart as data (a row per bar), drawn as bars for a table, as a standalone page for svg, and as a
    Vega-Lite specification; `credit`: say under a page that linping made it."""
    def svg(stream: IO[str], target: Target) -> None:
        from linping_cli.output.svg import render_svg

        stream.write(render_svg(chart, credit=credit))

    def vega_lite(stream: IO[str], target: Target) -> None:
        from linping_cli.output.vega_lite import render_vega_lite

        stream.write(render_vega_lite(chart, credit=credit, ascii_only=target.ascii_only))

    rows = chart["bars"]
    columns = ["panel", "label", "label_en", "value", "unit", "converted_value", "converted_unit", "derived", "source"]
    return View(chart, rows, columns, rows, all_columns=list(CHART_BAR.fields), brief=True, renderers={
        "table": lambda stream, target: render_chart(chart, stream, target), "svg": svg, "vega-lite": vega_lite})


def render_chart(chart: dict[str, Any], stream: IO[str], target: Target) -> None:
    color, terminal = target.color, target.terminal
    chars = _CHARS[target.ascii_only]
    bars = chart["bars"]
    width = 80
    console = None
    if color or terminal:
        from rich.console import Console

        console = Console(file=stream, color_system="auto" if color else None, force_terminal=color,
                          no_color=not color, highlight=False, emoji=False, width=target.width)
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
