"""The JSON Schema (draft 2020-12) of what `linping` prints, derived from the record types and the row definitions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from linping_cli.model import rows
from linping_cli.model.kinds import DATE_PATTERN, ENUMS, ID_PATTERN, NESTED_KINDS
from linping_cli.model.records import ENTRY_TYPES, field_specs

# The $defs name of each kind of nested table or row.
_NESTED = {"sources": "source_ref", "key_figures": "key_figure", "outside": "outside", "statements": "statement",
           **{kind: row.name for kind, row in rows.NESTED_ROWS.items()}}
_SIMPLE: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": f"^{ID_PATTERN}$"},
    "text": {"type": "string", "minLength": 1},
    "region": {"type": "string"},
    "type": {"enum": list(ENTRY_TYPES)},
    "ref": {"type": "string"},
    "texts": {"type": "array", "items": {"type": "string"}},
    "refs": {"type": "array", "items": {"type": "string"}},
    "num": {"type": "number"},
    "int": {"type": "integer"},
    "year": {"type": "integer"},
    "bool": {"type": "boolean"},
    "true": {"const": True},
    "date": {"type": "string", "pattern": f"^{DATE_PATTERN}$"},
}


def kind_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of field (see model/kinds); "?" adds null."""
    base = kind.rstrip("?")
    if base in _NESTED:
        schema: dict[str, Any] = {"type": "array", "items": _ref(_NESTED[base])}
        if base == "sources":
            schema["minItems"] = 1
        return {**schema, "type": ["array", "null"]} if kind.endswith("?") else schema
    schema = {"enum": list(ENUMS[base])} if base in ENUMS else dict(_SIMPLE[base])
    if kind.endswith("?"):
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        else:
            schema["type"] = [schema["type"], "null"]
    return schema


def _object(kinds: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: kind_schema(kind) for name, kind in kinds.items()},
        "required": list(kinds),
        "additionalProperties": False,
    }


def _record(properties: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An object of exactly these keys, each given as a schema."""
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"type": "array", "items": items, **more}


_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
_STATS_GROUPS = ("types", "regions", "figures_by_year", "sources", "outside_the_articles", "name_en_origin")
_STATS = _record({"entries": {"type": "integer"}, **dict.fromkeys(_STATS_GROUPS, _COUNTS)})
_COMPARE_ROW = {"type": "object", "required": ["field", "label", "values"], "additionalProperties": False,
                "properties": {"field": {"type": "string"}, "label": {"type": "string"}, "values": {"type": "array"},
                               "note": {"type": "string", "description": "Why some values are null."}}}
# `values category|tag`: {"category" or "tag": the value, "entries": how many carry it}.
_VALUE = {"type": "object", "properties": {"entries": {"type": "integer"}}, "required": ["entries"],
          "minProperties": 2, "maxProperties": 2, "additionalProperties": {"type": "string"}}


def _outputs() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """What each command prints: (its JSON, one line of its JSONL)."""
    facts = (rows.FACT, rows.DERIVED_FACT, rows.CITED_FACT, rows.CITED_DERIVED_FACT)
    entry, fact = _ref("entry"), {"anyOf": [_ref(row.name) for row in facts]}
    graph = _record({"nodes": _array(_ref("graph_node")), "edges": _array(_ref("graph_edge"))})
    chart = _record({**{name: kind_schema(kind) for name, kind in (
        ("title", "text"), ("title_en", "text?"), ("unit", "text"), ("unit_en", "text?"))},
        "panels": _array(_ref("chart_panel"), minItems=1), "bars": _array(_ref("chart_bar"), minItems=1),
        "sources": _array({"type": "string"})})

    def listed(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        return _array(_ref(name)), _ref(name)

    return {
        "search": (_array(entry), entry),
        "list": (_array(entry), entry),
        "show": ({"anyOf": [entry, _array(entry), _ref("entry_with_derived")]}, {"anyOf": [entry,
                                                                                          _ref("entry_with_derived")]}),
        "compare": (_ref("comparison"), _COMPARE_ROW),
        "sources": listed("source"),
        "stats": (_STATS, _record({"group": {"enum": list(_STATS_GROUPS)}, "key": {"type": "string"},
                                   "count": {"type": "integer"}})),
        "validate": listed("problem"),
        "export": listed("exported_table"),
        "cite": listed("citation"),
        "facts": (_array(fact), fact),
        "ask": (_record({"question": {"type": "string"}, "answers": _array(_ref("answer"))}), _ref("answer")),
        "timeline": listed("timeline_item"),
        "related": (graph, _ref("graph_edge")),
        "graph": (graph, _ref("graph_edge")),
        "chart": (chart, _ref("chart_bar")),
        "values": (_array(_VALUE), _VALUE),
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


def _definitions(fields: Sequence[str] | None) -> dict[str, Any]:
    """Every $defs entry: the nested tables, the entry types, the rows, and what each command prints."""
    defs: dict[str, Any] = {_NESTED[kind]: _object(kinds) for kind, kinds in NESTED_KINDS.items()}
    defs["key_figure"] = _object({**NESTED_KINDS["key_figures"], "source": "sources"})  # filled in when checked
    defs.update((type_name, _entry_def(type_name, fields)) for type_name in ENTRY_TYPES)
    # anyOf: with --fields, one object may fit several types.
    defs["entry"] = {"anyOf": [_ref(name) for name in ENTRY_TYPES]}
    defs.update((row.name, _object(row.kinds)) for row in vars(rows).values() if isinstance(row, rows.Row))
    defs["comparison"] = _record({"entries": _array(_ref("entry"), minItems=2), "rows": _array(_COMPARE_ROW)})
    defs["entry_with_derived"] = _record({"entry": _ref("entry"), "derived": _array(_ref("derived_fact"))})
    for command, (whole, line) in _outputs().items():
        defs[command], defs[f"{command}.jsonl"] = whole, line
    return defs


def build_schema(output: str | None = None, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """The whole document (any output), or the one for `output` (one of `output_names()`); entries hold
    only `fields` when given.
    """
    defs = _definitions(fields)
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
