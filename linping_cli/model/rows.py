"""The rows commands print that are not entries (facts, timeline items, chart bars, graph nodes and edges, ...),
each defined once: its fields in output order and the kind of each (see `kinds`). The JSON Schema, the CSV and
TSV columns and the SQLite columns all follow from these.
"""

from __future__ import annotations

from linping_cli.model.kinds import KEY_FIGURE_KINDS, SOURCE_KINDS


class Row:
    """One kind of row: its name (the schema's name for it) and the kind of each field, in output order."""

    __slots__ = ("kinds", "name")

    def __init__(self, name: str, kinds: dict[str, str]) -> None:
        self.name, self.kinds = name, kinds

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.kinds)

    def extended(self, name: str, kinds: dict[str, str]) -> Row:
        """This row with more fields after its own (or its own of other kinds, in place)."""
        return Row(name, {**self.kinds, **kinds})


# A number the dataset states: a figure's own value (label null) or a key figure, with its entry. Keys a later
# version adds stand after those of earlier ones, in every row built on these (the JSON contract: a script reading
# CSV columns by position keeps them): `stated`, `growth_basis` and whether the entry's English name is from
# outside the articles.
_FACT_FIRST = {
    "entry": "id", "type": "type", "name": "text", "name_en": "text", "label": "text?",
    **{name: KEY_FIGURE_KINDS[name] for name in ("label_en", "value", "value_max", "unit", "unit_en", "qualifier",
                                                   "target", "projected", "year", "year_inferred", "growth")},
    "source": "sources"}
_FACT_ADDED = {"stated": "text?", "growth_basis": "growth-basis?", "name_en_outside": "bool"}
FACT = Row("fact", {**_FACT_FIRST, **_FACT_ADDED})
# A stated fact a derived one is worked out from.
DERIVED_INPUT = Row("derived_input", {"entry": "id", "label": "text?", "value": "num", "unit": "text",
                                      "qualifier": "qualifier?", "growth": "num?", "year": "year?"})
# A number worked out from stated ones: a fact's fields, then how and from what, and what it is an estimate of.
DERIVED_FACT = Row("derived_fact", {
    **_FACT_FIRST, "qualifier": "derived-qualifier", "derived": "true", "basis": "basis", "formula": "text",
    "inputs": "inputs", "qualifier_note": "text", **_FACT_ADDED, "estimates": "text"})
TIMELINE_ITEM = Row("timeline_item", {
    "date": "date", "precision": "precision", "inferred": "bool", "what": "text", "entry": "id", "type": "type",
    "region": "region", "name": "text", "name_en": "text", "source": "sources", "name_en_outside": "bool"})
# A bar of a chart: the stated figure's fields, then what the chart shows, the panel it stands in, and every
# entry that holds the same fact (their labels joined by SAME_FACT_JOIN, which renderers start a line after).
CHART_BAR = Row("chart_bar", {
    "entry": "id", "label": "text", "label_en": "text?", "value": "num", "value_max": "num?", "unit": "text",
    "unit_en": "text?", "qualifier": "text?", "target": "bool", "projected": "bool", "year": "year?",
    "derived": "bool", "formula": "text?", "converted_value": "num", "converted_max": "num?",
    "converted_unit": "text", "panel": "text", "entries": "texts", "source": "sources"})
CHART_PANEL = Row("chart_panel", {"panel": "text", "heading": "text", "heading_en": "text"})
SAME_FACT_JOIN, SAME_FACT_JOIN_EN = "；", "; "
GRAPH_NODE = Row("graph_node", {"id": "text", "type": "type", "region": "region", "name": "text", "name_en": "text"})
GRAPH_EDGE = Row("graph_edge", {"from": "text", "to": "text", "relation": "text"})
# What to cite for a fact: an article section as the article's file gives it, and where the article was published
# where the region's [[source]] says so (a user writes that once; it is never guessed).
CITATION = Row("citation", {"entry": "id", "file": "text", "section": "text", "title": "text?", "subtitle": "text?",
                            "authors": "texts", "outlet": "text?", "published": "date?", "url": "text?"})
# A fact row of `facts --cite`: a citation for each section the fact cites.
CITED_FACT = FACT.extended("cited_fact", {"citation": "citations"})
CITED_DERIVED_FACT = DERIVED_FACT.extended("cited_derived_fact", {"citation": "citations"})
PROBLEM = Row("problem", {"file": "text", "line": "int?", "entry_id": "text?", "field": "text?", "message": "text"})
SOURCE = Row("source", {"file": "text", "region": "region",
                        **{name: kind for name, kind in SOURCE_KINDS.items() if name != "file"}, "entries": "int"})
EXPORTED_TABLE = Row("exported_table", {"table": "text", "rows": "int"})
ANSWER = FACT.extended("answer", {"score": "num"})

# Rows nested in rows: the kind of a field that holds a list of them.
NESTED_ROWS = {"inputs": DERIVED_INPUT, "citations": CITATION}
