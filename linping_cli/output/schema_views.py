"""The JSON Schema of what `timeline`, `related`/`graph`, `chart` and `--derived` print: $defs for `schema.py`."""

from __future__ import annotations

from typing import Any

_SOURCES = {"type": "array", "items": {"$ref": "#/$defs/source_ref"}}
_TEXT = {"type": "string"}
_OPT_TEXT = {"type": ["string", "null"]}
_OPT_NUM = {"type": ["number", "null"]}
_OPT_INT = {"type": ["integer", "null"]}
_BOOL = {"type": "boolean"}
# A qualifier as printed: a stated one, a derived one (less-than) or one a later dataset adds, shown by name.
_QUALIFIER = {"type": ["string", "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def view_defs() -> dict[str, Any]:
    date = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    fact = {"entry": _TEXT, "type": _TEXT, "name": _TEXT, "name_en": _TEXT, "label": _OPT_TEXT,
            "label_en": _OPT_TEXT, "value": {"type": "number"}, "unit": _TEXT, "unit_en": _OPT_TEXT,
            "qualifier": _QUALIFIER, "target": _BOOL, "year": _OPT_INT, "year_inferred": _BOOL, "growth": _OPT_NUM,
            "source": _SOURCES}
    given = _object({"entry": _TEXT, "label": _OPT_TEXT, "value": {"type": "number"}, "unit": _TEXT,
                     "qualifier": _QUALIFIER, "growth": _OPT_NUM, "year": _OPT_INT})
    node = _object({"id": _TEXT, "type": _TEXT, "region": _OPT_TEXT, "name": _TEXT, "name_en": _TEXT})
    edge = _object({"from": _TEXT, "to": _TEXT, "relation": _TEXT})
    bar = _object({"entry": _TEXT, "label": _TEXT, "label_en": _OPT_TEXT, "value": {"type": "number"},
                   "value_max": _OPT_NUM, "unit": _TEXT, "unit_en": _OPT_TEXT, "qualifier": _QUALIFIER,
                   "target": _BOOL, "projected": _BOOL, "year": _OPT_INT, "derived": _BOOL, "formula": _OPT_TEXT,
                   "converted_value": {"type": "number"}, "converted_max": _OPT_NUM, "converted_unit": _TEXT,
                   "panel": _TEXT, "entries": {"type": "array", "items": _TEXT, "minItems": 1},
                   "source": _SOURCES})
    panel = _object({"panel": _TEXT, "heading": _TEXT, "heading_en": _TEXT})
    return {
        "timeline": {"type": "array", "items": _object({
            "date": date, "precision": {"enum": ["year", "month", "day"]}, "inferred": _BOOL, "what": _TEXT,
            "entry": _TEXT, "type": _TEXT, "region": _OPT_TEXT, "name": _TEXT, "name_en": _TEXT,
            "source": _SOURCES})},
        "graph": _object({"nodes": {"type": "array", "items": node}, "edges": {"type": "array", "items": edge}}),
        "derived_fact": _object({**fact, "qualifier": _TEXT, "derived": {"const": True},
                                 "basis": {"enum": ["prior-year", "share"]}, "formula": _TEXT,
                                 "inputs": {"type": "array", "items": given, "minItems": 1},
                                 "qualifier_note": _TEXT}),
        "entry_with_derived": _object({"entry": {"$ref": "#/$defs/entry"},
                                       "derived": {"type": "array", "items": {"$ref": "#/$defs/derived_fact"}}}),
        "chart": _object({"title": _TEXT, "title_en": _OPT_TEXT, "unit": _TEXT, "unit_en": _OPT_TEXT,
                          "panels": {"type": "array", "items": panel, "minItems": 1},
                          "bars": {"type": "array", "items": bar, "minItems": 1},
                          "sources": {"type": "array", "items": _TEXT}}),
    }


VIEW_REFS = ["timeline", "graph", "entry_with_derived", "chart"]
