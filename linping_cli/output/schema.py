"""The JSON Schema (draft 2020-12) of what `linping` prints, derived from the record types."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from linping_cli.model.kinds import (
    KEY_FIGURE_KINDS,
    NAME_EN_ORIGINS,
    OUTSIDE_KINDS,
    QUALIFIERS,
    SOURCE_KINDS,
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


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _record(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
_TEXT, _COUNT = {"type": "string"}, {"type": "integer"}
_MAYBE_TEXT, _MAYBE_COUNT = {"type": ["string", "null"]}, {"type": ["integer", "null"]}
_COMPARE_ROW = {"type": "object", "required": ["field", "label", "values"], "additionalProperties": False,
                "properties": {"field": _TEXT, "label": _TEXT, "values": {"type": "array"},
                               "note": {"type": "string", "description": "Why some values are null."}}}
_STATS = _record({"entries": _COUNT, "types": _COUNTS, "regions": _COUNTS, "figures_by_year": _COUNTS,
                  "sources": _COUNTS, "outside_the_articles": _COUNTS, "name_en_origin": _COUNTS})


def _outputs() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """What each command prints: (its JSON, one line of its JSONL). A new command adds itself here,
    and one line to OUTPUTS in tests/output/test_output_schema.py.
    """
    from linping_cli.output.schema_views import view_defs

    views = view_defs()
    entry = _ref("entry")
    source = _object({"file": "text", "region": "region", **SOURCE_KINDS})
    source["properties"]["entries"] = _COUNT
    source["required"].append("entries")
    citation = _record({"entry": _TEXT, "file": _TEXT, "section": _TEXT, "title": _MAYBE_TEXT,
                        "subtitle": _MAYBE_TEXT, "authors": _array(_TEXT)})
    fact = _ref("fact")
    answer = _object({**FACT_KINDS, "score": "num"})
    value = {"type": "object", "properties": {"entries": _COUNT}, "required": ["entries"], "minProperties": 2,
             "maxProperties": 2, "additionalProperties": _TEXT}
    problem = _record({"file": _TEXT, "line": _MAYBE_COUNT, "entry_id": _MAYBE_TEXT, "field": _MAYBE_TEXT,
                       "message": _TEXT})
    return {
        "search": (_array(entry), entry),
        "list": (_array(entry), entry),
        "show": ({"anyOf": [entry, _array(entry), _ref("entry_with_derived")]}, entry),
        "compare": (_ref("comparison"), _COMPARE_ROW),
        "sources": (_array(source), source),
        "stats": (_STATS, _record({"group": {"enum": [k for k, v in _STATS["properties"].items() if v is _COUNTS]},
                                   "key": _TEXT, "count": _COUNT})),
        "validate": (_array(problem), problem),
        "export": (_array(_record({"table": _TEXT, "rows": _COUNT})), _record({"table": _TEXT, "rows": _COUNT})),
        "cite": (_array(citation), citation),
        "facts": (_array({"anyOf": [fact, _ref("derived_fact")]}), {"anyOf": [fact, _ref("derived_fact")]}),
        "ask": (_record({"question": _TEXT, "answers": _array(answer)}), answer),
        "timeline": (views["timeline"], views["timeline"]["items"]),
        "related": (_ref("graph"), views["graph"]["properties"]["edges"]["items"]),
        "graph": (views["graph"], views["graph"]["properties"]["edges"]["items"]),
        "chart": (views["chart"], views["chart"]["properties"]["bars"]["items"]),
        "values": (_array(value), value),
    }


def output_names() -> list[str]:
    """What `linping schema OUTPUT` takes: each command's JSON, and `COMMAND.jsonl` for one line of its JSONL."""
    return [name for command in _outputs() for name in (command, f"{command}.jsonl")]


def _entry_def(type_name: str, fields: Sequence[str] | None) -> dict[str, Any]:
    """An entry type's object; with --fields, exactly those keys, null where the type has no such field."""
    specs = field_specs(ENTRY_TYPES[type_name])
    entry = _object({name: spec.kind for name, spec in specs.items()})
    entry["properties"]["type"] = {"const": type_name}
    if fields:
        entry["properties"] = {name: entry["properties"].get(name, {"type": "null"}) for name in fields}
        entry["required"] = list(fields)
    return entry


def _describe(output: str | None) -> str:
    if output is None:
        return "What `linping COMMAND --json` prints, for every command."
    command, _, jsonl = output.partition(".")
    if jsonl:
        return f"What `linping {command} -f jsonl` prints on each line."
    return f"What `linping {command} --json` prints."


def build_schema(output: str | None = None, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """The whole document (any output), or the one for `output` (one of `output_names()`); entries hold
    only `fields` when given.
    """
    from linping_cli.output.schema_views import view_defs

    defs: dict[str, Any] = {
        "source_ref": _object(SOURCE_REF_KINDS),
        "key_figure": _object({**KEY_FIGURE_KINDS, "source": "sources"}),
        "outside": _object(OUTSIDE_KINDS),
        "statement": _object(STATEMENT_KINDS),
    }
    defs.update((type_name, _entry_def(type_name, fields)) for type_name in ENTRY_TYPES)
    # anyOf: with --fields, one object may fit several types.
    defs["entry"] = {"anyOf": [_ref(name) for name in ENTRY_TYPES]}
    defs["comparison"] = _record({"entries": {**_array(_ref("entry")), "minItems": 2}, "rows": _array(_COMPARE_ROW)})
    defs["fact"] = _object(FACT_KINDS)
    defs["fact"]["properties"]["type"] = {"enum": list(ENTRY_TYPES)}
    defs.update(view_defs())
    for command, (whole, line) in _outputs().items():
        defs[command], defs[f"{command}.jsonl"] = whole, line
    root: dict[str, Any] = {"anyOf": [_ref(name) for name in defs if f"{name}.jsonl" in defs]}
    if output is not None:
        root = _ref(output)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://linping.invalid/schema/output.json",
        "title": f"linping {output}" if output else "linping output",
        "description": _describe(output) + (f" Entries hold only these fields: {', '.join(fields)}." if fields else ""),
        **root,
        "$defs": defs,
    }


def schema_text(output: str | None = None, fields: Sequence[str] | None = None) -> str:
    return json.dumps(build_schema(output, fields), ensure_ascii=False, indent=2)
