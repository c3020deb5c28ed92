from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from linping_cli.cli.app import app

FIXTURE = Path(__file__).parent / "fixture_data.toml"
SECOND_REGION = Path(__file__).parent / "fixture_second_region.toml"
SCRIPT = Path(sys.executable).parent / "linping"  # the console script the install put beside this interpreter


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "tool(name, ...): the test runs these system tools; skipped where one is "
                                       "missing, failed under CI (which installs them all)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("tool"):
        needs(*marker.args)


def needs(*tools: str) -> None:
    """Skip the test, naming what it needs, where a system tool it runs (or the installed `linping` script) is
    missing; under CI, which installs them all (.ci/run), a missing one is a failure, so nothing is skipped there
    by accident."""
    missing = [tool for tool in tools if not (SCRIPT.exists() if tool == "linping" else shutil.which(tool))]
    if missing:
        reason = f"needs {', '.join(missing)}, which is not installed (.ci/run installs it)"
        if os.environ.get("CI", "").casefold() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test gets its own cache folder and none of the user's colour or data settings."""
    monkeypatch.setenv("LINPING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for name in ("NO_COLOR", "FORCE_COLOR", "LINPING_DATA", "LINPING_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    """A private copy of the small test dataset, safe to edit."""
    target = tmp_path / "region.toml"
    shutil.copy(FIXTURE, target)
    return target


Runner = Callable[..., Result]


@pytest.fixture
def run() -> Runner:
    """Run `linping ARGS` over the bundled data, as a user would type it."""
    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, list(args), input=input, env=env)
    return invoke


@pytest.fixture
def run_fixture(fixture_file: Path) -> Runner:
    """Run `linping --data <fixture> ARGS`."""
    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, ["--data", str(fixture_file), *args], env=env)
    return invoke


def schema_errors(run: Runner, output: str, *args: str) -> list[str]:
    """Run `linping ARGS` and check what it prints against `linping schema OUTPUT`: its JSON, or each
    line with `-f jsonl` (against `OUTPUT.jsonl`), the entries cut to `--fields` when given. The errors found.
    """
    import json
    from itertools import pairwise

    from jsonschema import Draft202012Validator

    jsonl = any(a in ("-f", "--format") and b == "jsonl" for a, b in pairwise(args))
    fields = [b for a, b in pairwise(args) if a == "--fields"]
    schema = run("schema", f"{output}.jsonl" if jsonl else output, *(["--fields", *fields] if fields else []))
    assert schema.exit_code == 0, schema.stderr
    result = run(*args)
    assert result.exit_code in (0, 1, 3), result.stderr  # results, no match, problems found
    validator = Draft202012Validator(json.loads(schema.stdout))
    documents = [json.loads(line) for line in result.stdout.splitlines()] if jsonl else [json.loads(result.stdout)]
    assert documents
    return [error.message for document in documents for error in validator.iter_errors(document)]
