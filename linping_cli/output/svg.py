"""A bar chart as a standalone SVG for a page: title in Chinese and English, a bar per figure with its labels and
value, and the sources under it. Bounds are drawn as bounds (see `chart`); derived bars are hatched.

All dataset text is escaped for XML, and characters XML cannot hold are replaced, so no name can break the file.
"""

from __future__ import annotations

import re
from typing import Any

from linping_cli.output.cells import mark_of, value_text

BAR = "#2b6cb0"  # stated bars; tests find the bars by this colour
RANGE, DERIVED, MARK, INK, MUTED = "#90cdf4", "#805ad5", "#c05621", "#1a202c", "#4a5568"
WIDTH, LEFT, ROW, TOP = 880, 330, 46, 92
BAR_ROOM = 330  # the longest bar; its value is written after it
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data or an attribute value."""
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _text(x: float, y: float, text: str, size: int, *, fill: str = INK, weight: str = "normal",
          anchor: str = "start") -> str:
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
            f'text-anchor="{anchor}">{escape(text)}</text>')


def render_svg(chart: dict[str, Any]) -> str:
    bars = chart["bars"]
    top = max([bar["converted_max"] or bar["converted_value"] for bar in bars] + [0]) or 1
    height = TOP + ROW * len(bars) + 70
    unit = chart["unit"] + (f" ({chart['unit_en']})" if chart["unit_en"] else "")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{FONT}">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e9d8fd"/>'
        f'<rect width="3" height="6" fill="{DERIVED}"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        _text(24, 36, chart["title"], 20, weight="bold"),
        _text(24, 60, chart["title_en"], 14, fill=MUTED),
        _text(24, 80, f"单位 Unit: {unit}", 12, fill=MUTED),
    ]
    for row, bar in enumerate(bars):
        y = TOP + row * ROW
        parts.append(_text(24, y + 17, _clip(bar["label"], 24), 13, weight="bold"))
        parts.append(_text(24, y + 33, _clip(bar["label_en"] or "", 50), 11, fill=MUTED))
        length = round(max(bar["converted_value"], 0) / top * BAR_ROOM)
        fill = "url(#hatch)" if bar["derived"] else BAR
        parts.append(f'<rect x="{LEFT}" y="{y + 8}" width="{length}" height="24" fill="{fill}" '
                     'shape-rendering="crispEdges"/>')
        end = LEFT + length
        if bar["converted_max"] is not None:
            upper = round(bar["converted_max"] / top * BAR_ROOM)
            parts.append(f'<rect x="{end}" y="{y + 8}" width="{max(upper - length, 0)}" height="24" fill="{RANGE}" '
                         'shape-rendering="crispEdges"/>')
            end = LEFT + max(upper, length)
        end += _mark(parts, mark_of(bar), end, y + 20)
        parts.append(_text(end + 8, y + 25, value_text(bar), 13))
    legend = _legend(bars)
    foot = TOP + ROW * len(bars) + 22
    if legend:
        parts.append(_text(24, foot, legend, 11, fill=MUTED))
    files = ", ".join(chart["sources"])
    parts.append(_text(24, foot + 22, f"来源 Source: {files}. Made with linping.", 11, fill=MUTED))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


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
    if any(bar["target"] for bar in bars):
        notes.append("target: 目标 a goal")
    return "  ·  ".join(notes)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
