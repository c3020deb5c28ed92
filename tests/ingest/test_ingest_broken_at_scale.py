"""A badly broken large dataset is checked as quickly as a clean one, and its problems are capped."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linping_cli.cli.app import app

GENERATE = Path(__file__).parent.parent / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def broken_region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated region of 3,000 entries with its places removed: every location and parent dangles,
    and one table with thousands of unknown keys."""
    spec = importlib.util.spec_from_file_location("generate", GENERATE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("broken") / "region"
    module.generate(3000, folder)
    for places in folder.glob("places-*.toml"):
        places.unlink()
    keys = "".join(f"unknown_key_{n} = {n}\n" for n in range(3000))
    (folder / "zz-keys.toml").write_text(f'[[place]]\nid = "many-keys"\n{keys}', encoding="utf-8")
    return folder


def test_problems_are_capped_per_kind_with_a_count(broken_region: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(broken_region)])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    total = int(re.search(r"(\d+) problems", result.stderr).group(1))  # type: ignore[union-attr]
    assert total > 3000 and len(lines) < 200
    more = [line for line in lines if line.startswith("... and ")]
    assert more and sum(int(line.split()[2]) for line in more) + len(lines) - len(more) == total
    assert any("no entry has id" in line for line in lines) and any("unknown key" in line for line in lines)


def test_json_lists_every_problem(broken_region: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(broken_region), "--json"])
    problems = json.loads(result.stdout)
    assert len(problems) == int(re.search(r"(\d+) problems", result.stderr).group(1))  # type: ignore[union-attr]
    hinted = [p for p in problems if "did you mean" in p["message"]]
    assert hinted and len(hinted) <= 100  # suggestions for the first few, not a search per problem
