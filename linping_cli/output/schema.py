"""The JSON Schema (draft 2020-12) of what `linping` prints, derived from the record types."""

from __future__ import annotations

import json
from typing import Any

from linping_cli.model.kinds import (
    KEY_FIGURE_KINDS,
    NAME_EN_ORIGINS,
    OUTSIDE_KINDS,
    QUALIFIERS,
    SOURCE_REF_KINDS,
    STATEMENT_KINDS,
    TIERS,
)
from linping_cli.model.records import ENTRY_TYPES, field_specs

_NESTED = {"sources": "source_ref", "key_figures": "key_figure", "outside": "outside", "statements": "statement"}
# The kind of each field of a fact row (query.facts.FACT_FIELDS): an entry's identity, then a key figure's fields.
FACT_KINDS = {"entry": "id", "type": "type", "name": "text", "name_en": "text", "label": "text?", "label_en": "text?",
              "value": "num", "value_max": "num?", "unit": "text", "unit_en": "text?", "qualifier": "qualifier?",
              "target": "bool", "projected": "bool", "year": "year?", "year_inferred": "bool", "growth": "num?",
              "source": "sources"}


def _kind_schema(kind: str) -> dict[str, Any]:
    optional = kind.endswith("?")
    base = kind.rstrip("?")
    if base in _NESTED:
        schema: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{_NESTED[base]}"}}
        if base == "sources":
            schema["minItems"] = 1
        return schema
    simple: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "text": {"type": "string", "minLength": 1},
        "region": {"type": "string"},
        "type": {"type": "string"},
        "ref": {"type": "string"},
        "texts": {"type": "array", "items": {"type": "string"}},
        "refs": {"type": "array", "items": {"type": "string"}},
        "num": {"type": "number"},
        "int": {"type": "integer"},
        "year": {"type": "integer"},
        "bool": {"type": "boolean"},
        "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        "qualifier": {"enum": list(QUALIFIERS)},
        "tier": {"enum": list(TIERS)},
        "origin": {"enum": list(NAME_EN_ORIGINS)},
    }
    schema = dict(simple[base])
    if optional:
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        else:
            schema["type"] = [schema["type"], "null"]
    return schema


def _object(kinds: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _kind_schema(kind) for name, kind in kinds.items()},
        "required": list(kinds),
        "additionalProperties": False,
    }


def build_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {
        "source_ref": _object(SOURCE_REF_KINDS),
        "key_figure": _object({**KEY_FIGURE_KINDS, "source": "sources"}),
        "outside": _object(OUTSIDE_KINDS),
        "statement": _object(STATEMENT_KINDS),
    }
    for type_name, cls in ENTRY_TYPES.items():
        entry = _object({name: spec.kind for name, spec in field_specs(cls).items()})
        entry["properties"]["type"] = {"const": type_name}
        defs[type_name] = entry
    defs["entry"] = {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in ENTRY_TYPES]}
    defs["comparison"] = {
        "type": "object",
        "properties": {
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}, "minItems": 2},
            "rows": {"type": "array", "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "label": {"type": "string"}, "values": {"type": "array"},
                               "note": {"type": "string", "description": "Why some values are null."}},
                "required": ["field", "label", "values"],
                "additionalProperties": False,
            }},
        },
        "required": ["entries", "rows"],
        "additionalProperties": False,
    }
    from linping_cli.output.schema_views import VIEW_REFS, view_defs

    defs.update(view_defs())
    defs["fact"] = _object(FACT_KINDS)
    defs["fact"]["properties"]["type"] = {"enum": list(ENTRY_TYPES)}
    defs["answers"] = {
        "type": "object",
        "properties": {
            "question": {"type": "string"},
            "answers": {"type": "array", "items": _object({**FACT_KINDS, "score": "num"})},
        },
        "required": ["question", "answers"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://linping.invalid/schema/entry.json",
        "title": "linping output",
        "description": "An entry (show), a list of entries (search, list), a comparison (compare), a timeline, "
        "a graph (related, graph), an entry with derived figures (show --derived), a chart, a list of facts "
        "(facts) or a question's answers (ask).",
        "oneOf": [
            {"$ref": "#/$defs/entry"},
            # One list of either: an empty list is a list of entries and of facts alike.
            {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/entry"}, {"$ref": "#/$defs/fact"}]}},
            {"$ref": "#/$defs/comparison"},
            *({"$ref": f"#/$defs/{name}"} for name in VIEW_REFS),
            {"$ref": "#/$defs/answers"},
        ],
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2)
