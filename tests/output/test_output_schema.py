"""The published JSON Schema, and every JSON-emitting command checked against it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Runner
from jsonschema import Draft202012Validator

from linping_cli.model.records import ENTRY_TYPES, field_order


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from typer.testing import CliRunner

    from linping_cli.cli.app import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator.check_schema(document)
    return document


def validator(schema: dict[str, Any], definition: str) -> Draft202012Validator:
    """A validator for one definition of the schema, keeping its $defs."""
    return Draft202012Validator({**schema, "oneOf": [{"$ref": f"#/$defs/{definition}"}]})


def test_schema_takes_json_like_every_command(run: Runner, schema: dict[str, Any]) -> None:
    result = run("schema", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == schema


def test_schema_describes_every_type_with_every_key(schema: dict[str, Any]) -> None:
    for type_name, cls in ENTRY_TYPES.items():
        definition = schema["$defs"][type_name]
        assert definition["required"] == list(field_order(cls))
        assert definition["properties"]["type"] == {"const": type_name}


@pytest.mark.parametrize("args", [
    ["search", "测试", "--json"], ["list", "--json"], ["list", "figure", "--json"],
    ["show", "acme-lift", "--json"], ["show", "gdp-2024", "--json"],
    ["compare", "acme-lift", "bolt-moto", "--json"], ["compare", "trade-2024", "exports-2024", "--json"],
])
def test_json_output_validates(schema: dict[str, Any], run_fixture: Runner, args: list[str]) -> None:
    document = json.loads(run_fixture(*args).stdout)
    errors = list(Draft202012Validator(schema).iter_errors(document))
    assert errors == []


def test_jsonl_lines_validate_as_entries(schema: dict[str, Any], run_fixture: Runner) -> None:
    entry = validator(schema, "entry")
    for line in run_fixture("list", "-f", "jsonl").stdout.splitlines():
        assert list(entry.iter_errors(json.loads(line))) == []


def test_bundled_data_validates(schema: dict[str, Any], run: Runner) -> None:
    document = json.loads(run("list", "--json").stdout)
    assert len(document) > 100
    assert list(Draft202012Validator(schema).iter_errors(document)) == []


def test_schema_rejects_a_string_value(schema: dict[str, Any], run_fixture: Runner) -> None:
    entry = json.loads(run_fixture("show", "gdp-2024", "--json").stdout)
    entry["value"] = "1000.5"
    assert list(Draft202012Validator(schema).iter_errors(entry)) != []
    del entry["value"]
    assert list(Draft202012Validator(schema).iter_errors(entry)) != []


@pytest.mark.parametrize(("args", "definition"), [
    (["facts", "--json"], None), (["facts", "出口", "--json"], None),
    (["ask", "临平2024年GDP是多少", "--json"], "answers"), (["ask", "临平2023年GDP是多少", "--json"], "answers"),
    (["ask", "How many elevators does XIOLIFT ship a year?", "--json", "--limit", "5"], "answers"),
])
def test_facts_and_ask_json_validate(schema: dict[str, Any], run: Runner, args: list[str],
                                     definition: str | None) -> None:
    document = json.loads(run(*args).stdout)
    if definition is None:
        assert document, args
        checker = validator(schema, "fact")
        for row in document:
            assert list(checker.iter_errors(row)) == []
    else:
        assert list(validator(schema, definition).iter_errors(document)) == []
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
