"""Help and errors read the same, in linping's own words, on every Typer version pyproject.toml admits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The oldest and newest releases of each minor version within `typer>=0.27.2,<0.29`.
VERSIONS = ["0.27.2", "0.27.3", "0.28.0"]


@pytest.fixture(scope="module", params=VERSIONS)
def typer_at(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding that Typer release alone, put before the installed one on the path."""
    target = tmp_path_factory.mktemp(f"typer-{request.param}", numbered=False)
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                           f"typer=={request.param}"], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot install typer {request.param}: {done.stderr.strip()[-200:]}")
    return target


def linping(typer_at: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(typer_at), str(ROOT)]), "LINPING_CACHE_DIR": str(
        typer_at / "cache")}
    program = "import sys, typer; sys.stderr.write(f'typer {typer.__version__}\\n'); import linping_cli; " \
              "linping_cli.main()"
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_the_version_asked_for_is_the_one_that_runs(typer_at: Path) -> None:
    done = linping(typer_at, "--version")
    assert done.returncode == 0 and done.stderr.splitlines()[0] == f"typer {typer_at.name.split('-')[1]}"


@pytest.mark.parametrize("command", ["search", "list", "show", "compare", "facts", "related", "chart", "cite"])
def test_help_names_every_value_in_linpings_words(typer_at: Path, command: str) -> None:
    text = linping(typer_at, command, "--help").stdout
    assert "Usage: linping " + command in text
    # No type names in place of metavars, no doubled brackets or dots, none of pydantic's words.
    assert not re.search(r"<\w|\[\[|\]\]|\.\.\.\.\.\.|\}\.\.\.|TEXT|INTEGER|FLOAT|BOOLEAN", text), text
    assert "FORMAT" in text or command == "cite"


@pytest.mark.parametrize(("args", "message"), [
    (["search", "x", "--limit", "-1"], "--limit' / '-n': takes a whole number of 0 or more, not -1"),
    (["search", "x", "--limit", "many"], "takes a whole number, not 'many'"),
    (["related", "htc", "--depth", "11"], "takes a whole number from 1 to 10, not 11"),
    (["list", "--format", "xml"], "--format takes table, json, jsonl, csv, tsv, markdown, not 'xml'"),
    (["--color", "sometimes", "list"], "takes auto or always or never, not 'sometimes'"),
    (["--lang", "fr", "list"], "takes zh or en, not 'fr'"),
    (["facts", "--min", "lots"], "takes a number, not 'lots'"),
])
def test_errors_are_one_line_in_linpings_words(typer_at: Path, args: list[str], message: str) -> None:
    done = linping(typer_at, *args)
    errors = done.stderr.splitlines()[1:]  # after the line naming the Typer version
    assert done.returncode == 2 and len(errors) == 1 and message in errors[0], done.stderr
    assert "Input should" not in errors[0] and "Value error" not in errors[0]
