"""A bar chart as a Vega-Lite v5 spec, for people who restyle charts: the bars inline as data, one layered view
per panel (stated amounts, projections, targets, size classes...) stacked one above the other, each with its
own x axis. The qualifier is a field of every bar and the bar's colour; a bound ends in a symbol that says
which; a range reaches on, lighter, to its upper end; a derived bar is paler and says so in its value. Labels
are wrapped into lines, not cut. Dataset text is never spliced into an expression; the data keeps it exact
(JSON-escaped), and what Vega draws (titles, labels, values) has it made visible first, as every text renderer
does, since a control character in drawn text breaks the SVG Vega writes.
"""

from __future__ import annotations

import json
from typing import Any

from linping_cli.output.bars import describe, label_lines, mark_of, value_text
from linping_cli.output.safe import json_safe, visible

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
MARK = "#c05621"  # the symbol at the end of a bound, as the SVG draws it
# How the end of a bar is drawn, by what its qualifier says: an arrow, a cap, a diamond, a question mark's place.
_ENDS = {"lower": ("lower bound", "triangle-right"), "upper": ("upper bound", "M0,-1L0,1"),
         "approx": ("approximate", "diamond"), "unknown": ("unknown qualifier", "circle")}
LABEL_CELLS, LABEL_EN_CELLS = 36, 44


def vega_lite_spec(chart: dict[str, Any], *, credit: bool = True) -> dict[str, Any]:
    values = [_datum(bar) for bar in chart["bars"]]
    seen: set[tuple[str, str]] = set()
    for datum in values:  # a row of the y axis is one bar: two bars of one label are told apart by their entry
        if (datum["panel"], datum["row"]) in seen:
            datum["row"] += f"\n({datum['entry']})"
        seen.add((datum["panel"], datum["row"]))
    subtitle = [visible(chart["title_en"])] if chart["title_en"] else []
    subtitle.append(visible("Source: " + ", ".join(chart["sources"]) + "." + (" Made with linping." if credit else "")))
    unit = visible(chart["unit"] + (f" ({chart['unit_en']})" if chart["unit_en"] else ""))
    ends = [_ENDS[mark] for mark in dict.fromkeys(mark_of(bar) for bar in chart["bars"]) if mark]
    return {
        "$schema": SCHEMA,
        "title": {"text": visible(chart["title"]), "subtitle": subtitle, "anchor": "start"},
        "description": visible(describe(chart)),
        "data": {"values": values},
        "vconcat": [_panel(panel, unit, ends, [d for d in values if d["panel"] == panel["panel"]])
                    for panel in chart["panels"]],
        "resolve": {"scale": {"x": "independent", "y": "independent"}},
    }


def render_vega_lite(chart: dict[str, Any], *, credit: bool = True, ascii_only: bool = False) -> str:
    """The spec as JSON text, indented, with the characters a terminal acts on escaped."""
    return json_safe(json.dumps(vega_lite_spec(chart, credit=credit), ensure_ascii=ascii_only, indent=2)) + "\n"


def _datum(bar: dict[str, Any]) -> dict[str, Any]:
    """A bar as Vega-Lite data: its fields, plus what the views draw (wrapped label, value, end, reach)."""
    lines = label_lines(visible(bar["label"]), LABEL_CELLS)
    if bar["label_en"]:
        lines += label_lines(visible(bar["label_en"]), LABEL_EN_CELLS)
    mark = mark_of(bar)
    return {**bar, "row": "\n".join(lines), "qualifier_shown": bar["qualifier"] or "exact",
            "value_shown": value_text(bar), "end": _ENDS[mark][0] if mark else None,
            "reach": bar["converted_max"] if bar["converted_max"] is not None else bar["converted_value"]}


def _panel(panel: dict[str, str], unit: str, ends: list[tuple[str, str]], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One panel: a layered view of its bars, range extensions, bound symbols and values, on its own x axis;
    each row as tall as its label's lines."""
    lines = max(datum["row"].count("\n") + 1 for datum in rows)
    x = {"field": "converted_value", "type": "quantitative", "title": unit, "scale": {"zero": True}}
    return {
        "title": {"text": visible(f"{panel['heading']} · {panel['heading_en']}"), "anchor": "start"},
        "transform": [{"filter": {"field": "panel", "equal": panel["panel"]}}],
        "width": 360,
        "height": {"step": max(24, 13 * lines + 8)},
        "encoding": {
            "y": {"field": "row", "type": "nominal", "sort": None, "title": None,
                  "axis": {"labelExpr": "split(datum.label, '\\n')", "labelLimit": 0, "labelFontSize": 11}},
        },
        "layer": [
            {"mark": {"type": "bar", "height": 18},
             "encoding": {"x": x,
                          "color": {"field": "qualifier_shown", "type": "nominal", "title": "qualifier"},
                          # no legend: a derived bar's value says "(derived)"
                          "opacity": {"field": "derived", "type": "nominal", "legend": None,
                                      "scale": {"domain": [False, True], "range": [1, 0.45]}},
                          "tooltip": [{"field": "value_shown", "title": "value"},
                                      {"field": "qualifier_shown", "title": "qualifier"},
                                      {"field": "entries", "title": "entries"}, {"field": "year", "title": "year"}]}},
            {"transform": [{"filter": "isValid(datum.converted_max)"}],
             "mark": {"type": "bar", "height": 18, "opacity": 0.35},
             "encoding": {"x": x, "x2": {"field": "converted_max"},
                          "color": {"field": "qualifier_shown", "type": "nominal", "title": "qualifier"}}},
            {"transform": [{"filter": "isValid(datum.end)"}],
             "mark": {"type": "point", "filled": True, "size": 90, "strokeWidth": 2, "fill": MARK, "stroke": MARK},
             "encoding": {"x": {"field": "reach", "type": "quantitative"},
                          "shape": {"field": "end", "type": "nominal", "title": "end of bar",
                                    "scale": {"domain": [name for name, _ in ends],
                                              "range": [shape for _, shape in ends]}}}},
            {"mark": {"type": "text", "align": "left", "dx": 10, "limit": 0},
             "encoding": {"x": {"field": "reach", "type": "quantitative"}, "text": {"field": "value_shown"}}},
        ],
    }
