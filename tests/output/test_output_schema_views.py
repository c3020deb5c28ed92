"""The JSON of timeline, related, graph, chart and --derived, each validated against its $defs entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from linping_cli.cli.app import app

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"
CASES = [
    ("timeline", ["timeline"]), ("timeline", ["timeline", "--from", "2025"]), ("graph", ["related", "hgt51f"]),
    ("graph", ["related", "evil-co", "--depth", "3"]), ("graph", ["graph"]),
    ("entry_with_derived", ["show", "exports-2024", "--derived"]), ("entry_with_derived", ["show", "xiolift",
                                                                                          "--derived"]),
    ("chart", ["chart", "--unit", "亿元", "--derived"]), ("chart", ["chart", "--category", "economy"]),
    ("comparison", ["compare", "trade-total-2024", "exports-2024", "--derived", "--unit", "万元"]),
]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    Draft202012Validator.check_schema(document)
    return document


@pytest.mark.parametrize(("definition", "args"), CASES, ids=[" ".join(a) for _, a in CASES])
@pytest.mark.parametrize("data", [None, BEYOND], ids=["bundled", "second-region"])
def test_json_matches_its_definition(schema: dict[str, Any], definition: str, args: list[str],
                                     data: Path | None) -> None:
    prefix = ["--data", str(data)] if data else []
    if data and args[1:2] and args[1] in ("hgt51f", "xiolift", "trade-total-2024"):
        pytest.skip("an entry of the bundled data")
    if not data and "evil-co" in args:
        pytest.skip("an entry of the second region")
    result = CliRunner().invoke(app, [*prefix, *args, "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    Draft202012Validator({**schema, "oneOf": [{"$ref": f"#/$defs/{definition}"}]}).validate(document)
    Draft202012Validator(schema).validate(document)  # and the whole schema takes it as one thing only
