"""A bar chart as a standalone SVG for a page: the title, then a panel per kind of fact (stated amounts,
projections, targets, size classes...), each under its heading, in a colour of its own and over an axis of its
own; a bar per fact with its labels, wrapped, and its value; the sources under it. Bounds are drawn as bounds
(see `chart`); derived bars are hatched. For screen readers the picture is one image (`role="img"`), named by
its `<title>` and described, every value included, by its `<desc>`.

Dataset text is made visible as every text renderer makes it (`output.safe.visible`: a control or bidi character
shown, not obeyed, by a browser as by a terminal the SVG is printed on), then escaped for XML, so no name can break
the file or reorder what it seems to say.
"""

from __future__ import annotations

import re
from typing import Any

from linping_cli.output.bars import (
    axis_scale,
    describe,
    label_lines,
    mark_of,
    panel_bars,
    tick_text,
    title_text,
    value_text,
    wrap,
)
from linping_cli.output.safe import visible

BAR = "#2b6cb0"  # bars of stated amounts; tests find them by this colour
PANEL_COLOURS = {"stated": BAR, "projected": "#b7791f", "target": "#2f855a", "class": "#718096",
                 "class-projected": "#975a16", "class-target": "#285e61"}
OTHER = "#9b2c2c"  # a panel of a qualifier linping does not know
DERIVED, MARK, INK, MUTED = "#805ad5", "#c05621", "#1a202c", "#4a5568"
WIDTH, LEFT, TOP = 880, 330, 24
BAR_ROOM = 330  # the longest bar; its value is written after it
# Label lines in cells (a Chinese character is two): 13 px bold Chinese in the 300 px before the bars, 11 px English.
LABEL_CELLS, LABEL_EN_CELLS, LINE_CELLS = 40, 48, 130
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif"
_NOT_XML = re.compile("[\ufffe\uffff]")  # what XML cannot hold that `visible` leaves


def escape(text: str) -> str:
    """Text made visible, as XML character data or an attribute value."""
    text = _NOT_XML.sub("\ufffd", visible(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _text(x: float, y: float, text: str, size: int, *, fill: str = INK, weight: str = "normal",
          anchor: str = "start") -> str:
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
            f'text-anchor="{anchor}">{escape(text)}</text>')


def render_svg(chart: dict[str, Any], *, credit: bool = True) -> str:
    """The chart as an SVG document; `credit` adds "Made with linping." to the sources line."""
    body: list[str] = []
    y = TOP
    for line in wrap(visible(chart["title"]), LINE_CELLS * 2 // 3):
        y += 26
        body.append(_text(24, y, line, 20, weight="bold"))
    for line in wrap(visible(chart["title_en"] or ""), LINE_CELLS):
        y += 20
        body.append(_text(24, y, line, 14, fill=MUTED))
    unit = chart["unit"] + (f" ({chart['unit_en']})" if chart["unit_en"] else "")
    body.append(_text(24, y + 20, f"单位 Unit: {unit}", 12, fill=MUTED))
    y += 28
    for panel in chart["panels"]:
        y = _panel(body, chart, panel, y)
    legend = _legend(chart["bars"])
    if legend:
        y += 18
        body.append(_text(24, y, legend, 11, fill=MUTED))
    files = ", ".join(chart["sources"])
    for line in wrap(visible(f"来源 Source: {files}." + (" Made with linping." if credit else "")), LINE_CELLS):
        y += 18
        body.append(_text(24, y, line, 11, fill=MUTED))
    height = y + 20
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{FONT}" role="img" aria-labelledby="linping-chart-title linping-chart-desc">',
        f'<title id="linping-chart-title">{escape(title_text(chart))}</title>',
        f'<desc id="linping-chart-desc">{escape(describe(chart))}</desc>',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e9d8fd"/>'
        f'<rect width="3" height="6" fill="{DERIVED}"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def _panel(parts: list[str], chart: dict[str, Any], panel: dict[str, str], y: int) -> int:
    """Draw one panel from `y` down: its heading, its bars on its own axis, the axis; where it ends."""
    colour = PANEL_COLOURS.get(panel["panel"], OTHER)
    for n, line in enumerate(wrap(visible(f"{panel['heading']} · {panel['heading_en']}"), LINE_CELLS * 4 // 5)):
        y += 22 if n == 0 else 18
        if n == 0:
            parts.append(f'<rect x="24" y="{y - 11}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(42, y, line, 14, weight="bold"))
    y += 8
    bars = panel_bars(chart, panel)
    top, step = axis_scale(bars)
    for bar in bars:
        y = _row(parts, bar, y, top, colour)
    parts.append(f'<line x1="{LEFT}" y1="{y + 2}" x2="{LEFT + BAR_ROOM}" y2="{y + 2}" stroke="{MUTED}" '
                 'stroke-width="1"/>')
    ticks = round(top / step)
    for n in range(ticks + 1):
        x = LEFT + round(n * BAR_ROOM / ticks)
        parts.append(f'<line x1="{x}" y1="{y + 2}" x2="{x}" y2="{y + 6}" stroke="{MUTED}" stroke-width="1"/>')
        parts.append(_text(x, y + 17, tick_text(n * step), 10, fill=MUTED, anchor="middle"))
    parts.append(_text(LEFT + BAR_ROOM + 14, y + 17, chart["unit"], 10, fill=MUTED))
    return y + 24


def _row(parts: list[str], bar: dict[str, Any], y: int, top: float, colour: str) -> int:
    """Draw one bar with its labels from `y` down; where the row ends."""
    lines = label_lines(visible(bar["label"]), LABEL_CELLS)
    lines_en = label_lines(visible(bar["label_en"]), LABEL_EN_CELLS) if bar["label_en"] else []
    for n, line in enumerate(lines):
        parts.append(_text(24, y + 17 + 16 * n, line, 13, weight="bold"))
    for n, line in enumerate(lines_en):
        parts.append(_text(24, y + 17 + 16 * len(lines) + 14 * n, line, 11, fill=MUTED))
    length = round(max(bar["converted_value"], 0) / top * BAR_ROOM)
    fill = "url(#hatch)" if bar["derived"] else colour
    parts.append(f'<rect x="{LEFT}" y="{y + 8}" width="{length}" height="24" fill="{fill}" '
                 'shape-rendering="crispEdges"/>')
    end = LEFT + length
    if bar["converted_max"] is not None:
        upper = round(bar["converted_max"] / top * BAR_ROOM)
        parts.append(f'<rect x="{end}" y="{y + 8}" width="{max(upper - length, 0)}" height="24" fill="{colour}" '
                     'fill-opacity="0.35" shape-rendering="crispEdges"/>')
        end = LEFT + max(upper, length)
    end += _mark(parts, mark_of(bar), end, y + 20)
    parts.append(_text(end + 8, y + 25, value_text(bar), 13))
    return y + max(46, 12 + 16 * len(lines) + 14 * len(lines_en))


def _mark(parts: list[str], mark: str | None, x: int, middle: int) -> int:
    """Draw the end of a bar that is a bound or approximate; how far it reaches past `x`."""
    if mark == "lower":  # an arrow: the value runs on
        parts.append(f'<line x1="{x}" y1="{middle}" x2="{x + 16}" y2="{middle}" stroke="{MARK}" stroke-width="2" '
                     'stroke-dasharray="3 2"/>')
        parts.append(f'<polygon points="{x + 16},{middle - 6} {x + 24},{middle} {x + 16},{middle + 6}" fill="{MARK}"/>')
        return 24
    if mark == "upper":  # a cap: the value stops at most here
        parts.append(f'<line x1="{x + 2}" y1="{middle - 14}" x2="{x + 2}" y2="{middle + 14}" stroke="{MARK}" '
                     'stroke-width="3"/>')
        return 4
    if mark in ("approx", "unknown"):
        parts.append(_text(x + 2, middle + 5, "≈" if mark == "approx" else "?", 14, fill=MARK, weight="bold"))
        return 12
    return 0


def _legend(bars: list[dict[str, Any]]) -> str:
    notes = []
    marks = {mark_of(bar) for bar in bars}
    if "lower" in marks:
        notes.append("→ 下限 lower bound (more than / at least)")
    if "upper" in marks:
        notes.append("| 上限 upper bound")
    if "approx" in marks:
        notes.append("≈ 约 approximate")
    if any(bar["converted_max"] is not None for bar in bars):
        notes.append("light: range to its upper end")
    if any(bar["derived"] for bar in bars):
        notes.append("hatched: 推算 derived from stated figures, not stated")
    if len({bar["panel"] for bar in bars}) > 1:
        notes.append("each panel has its own axis")
    return "  ·  ".join(notes)
