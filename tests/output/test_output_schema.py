"""The published JSON Schema, and every JSON-emitting command checked against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Runner, schema_errors
from jsonschema import Draft202012Validator
from typer import Context
from typer.main import get_command

from linping_cli.cli.app import app
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


def test_schema_takes_json_like_every_command(run: Runner, schema: dict[str, Any]) -> None:
    result = run("schema", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == schema


def test_schema_describes_every_type_with_every_key(schema: dict[str, Any]) -> None:
    for type_name, cls in ENTRY_TYPES.items():
        definition = schema["$defs"][type_name]
        assert definition["required"] == list(field_order(cls))
        assert definition["properties"]["type"] == {"const": type_name}


# Every output, each as a command prints it: (the output's name in `linping schema OUTPUT`, the command).
OUTPUTS = [
    ("search", ["search", "测试", "--json"]), ("search", ["search", "测试", "-f", "jsonl"]),
    ("search", ["search", "nothing-like-it", "--json"]),
    ("search", ["search", "测试", "--json", "--fields", "id,value,founded"]),
    ("list", ["list", "--json"]), ("list", ["list", "figure", "--json"]), ("list", ["list", "-f", "jsonl"]),
    ("list", ["list", "--json", "--fields", "name,value,role"]),
    ("list", ["list", "-f", "jsonl", "--fields", "id,source"]),
    ("show", ["show", "acme-lift", "--json"]), ("show", ["show", "gdp-2024", "--json"]),
    ("show", ["show", "gdp-2024", "-f", "jsonl"]), ("show", ["show", "acme-lift", "--json", "--fields", "id,outside"]),
    ("compare", ["compare", "acme-lift", "bolt-moto", "--json"]),
    ("compare", ["compare", "trade-2024", "exports-2024", "--json"]),
    ("compare", ["compare", "trade-2024", "exports-2024", "-f", "jsonl"]),
    ("compare", ["compare", "trade-2024", "exports-2024", "--json", "--fields", "value,unit"]),
    ("sources", ["sources", "--json"]), ("sources", ["sources", "-f", "jsonl"]),
    ("stats", ["stats", "--json"]), ("stats", ["stats", "-f", "jsonl"]),
    ("validate", ["validate", "--json"]),
]


@pytest.mark.parametrize(("output", "args"), OUTPUTS, ids=[" ".join(args) for _, args in OUTPUTS])
def test_every_output_validates(run_fixture: Runner, output: str, args: list[str]) -> None:
    assert schema_errors(run_fixture, output, *args) == []


def test_validate_problems_and_export_validate(run: Runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[meta]\nid = "x"\nregion = "x"\nregion_en = "x"\n[[figure]]\nid = "Bad Id"\nvalue = "1"\n',
                   encoding="utf-8")
    assert schema_errors(run, "validate", "validate", str(bad), "--json") == []
    assert schema_errors(run, "validate", "validate", str(bad), "-f", "jsonl") == []
    assert json.loads(run("validate", str(bad), "--json").stdout)  # there were problems to check
    assert schema_errors(run, "export", "export", str(tmp_path / "x.db"), "--json") == []
    assert schema_errors(run, "export", "export", str(tmp_path / "x.db"), "--replace", "-f", "jsonl") == []


def test_every_command_has_a_schema(schema: dict[str, Any]) -> None:
    group = get_command(app)
    # schema, help and man print text (the schema, help, the manual), never JSON.
    commands = set(group.list_commands(Context(group))) - {"schema", "help", "man"}  # type: ignore[attr-defined]
    assert commands <= set(schema["$defs"]) and {f"{c}.jsonl" for c in commands} <= set(schema["$defs"])
    assert commands <= {output for output, _ in OUTPUTS} | {"export"} | {output for output, _ in BUNDLED_OUTPUTS}


def test_schema_of_one_output_refers_to_it(run: Runner, schema: dict[str, Any]) -> None:
    one = json.loads(run("schema", "stats").stdout)
    assert one["$ref"] == "#/$defs/stats" and one["$defs"] == schema["$defs"]
    assert schema["anyOf"] == [{"$ref": f"#/$defs/{name}"} for name in schema["$defs"]
                               if f"{name}.jsonl" in schema["$defs"]]


def test_schema_with_fields_rejects_a_missing_or_extra_key(run_fixture: Runner) -> None:
    document = json.loads(run_fixture("schema", "list", "--fields", "id,value").stdout)
    check = Draft202012Validator(document)
    assert list(check.iter_errors([{"id": "gdp-2024", "value": 1.5}, {"id": "acme-lift", "value": None}])) == []
    assert list(check.iter_errors([{"id": "gdp-2024"}])) != []
    assert list(check.iter_errors([{"id": "gdp-2024", "value": 1.5, "unit": "x"}])) != []
    assert list(check.iter_errors([{"id": "acme-lift", "value": "1"}])) != []


def test_schema_of_an_unknown_output_suggests_one(run: Runner) -> None:
    result = run("schema", "lsit")
    assert result.exit_code == 2
    assert result.stderr.startswith("linping: no output is called 'lsit'; did you mean list?")


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


# The commands that print the bundled data's own kinds of fact (people, ranges, derived figures), each as run.
BUNDLED_OUTPUTS = [
    ("facts", ["facts", "--json"]), ("facts", ["facts", "出口", "--json"]), ("facts", ["facts", "-f", "jsonl"]),
    ("facts", ["facts", "--derived", "--json"]), ("facts", ["facts", "--derived", "-f", "jsonl"]),
    ("ask", ["ask", "临平2024年GDP是多少", "--json"]), ("ask", ["ask", "临平2023年GDP是多少", "--json"]),
    ("ask", ["ask", "How many elevators does XIOLIFT ship a year?", "--json", "--limit", "5"]),
    ("cite", ["cite", "xiolift", "--json"]), ("values", ["values", "tag", "--json"]),
    ("show", ["show", "xiolift", "cfmoto", "--json"]), ("show", ["show", "exports-2024", "--derived", "--json"]),
    ("timeline", ["timeline", "--json"]), ("timeline", ["timeline", "-f", "jsonl"]),
    ("related", ["related", "htc", "--json"]), ("graph", ["graph", "--json"]), ("graph", ["graph", "-f", "jsonl"]),
    ("chart", ["chart", "--unit", "亿元", "--json"]), ("chart", ["chart", "--unit", "亿元", "-f", "jsonl"]),
    ("stats", ["stats", "--json"]), ("sources", ["sources", "--json"]),
]


@pytest.mark.parametrize(("output", "args"), BUNDLED_OUTPUTS, ids=[" ".join(args) for _, args in BUNDLED_OUTPUTS])
def test_the_bundled_datas_outputs_validate(run: Runner, output: str, args: list[str]) -> None:
    assert schema_errors(run, output, *args) == []
