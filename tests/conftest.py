from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from linping_cli.cli.app import app

FIXTURE = Path(__file__).parent / "fixture_data.toml"
SECOND_REGION = Path(__file__).parent / "fixture_second_region.toml"


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
