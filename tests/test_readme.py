"""The README tells the truth: its examples are real output, and every command is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import Runner
from typer import Context
from typer.main import get_command

from linping_cli.cli.app import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n\$ linping ([^\n]+)\n(.*?)```", README, re.S)


def matches(expected: str, actual: str) -> bool:
    """Line by line; a line `...` stands for any lines, a line ending in `...` for any ending."""
    pattern = ""
    for line in expected.splitlines():
        if line == "...":
            pattern += r"(?:.*\n)*?"
        elif line.endswith("..."):
            pattern += re.escape(line[:-3]) + r".*\n"
        else:
            pattern += re.escape(line) + r"\n"
    return re.fullmatch(pattern, actual) is not None


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_example_output_is_real(run: Runner, command: str, expected: str) -> None:
    result = run(*shlex.split(command))
    assert result.exit_code == 0, result.stderr
    assert matches(expected, result.stdout), result.stdout


def test_every_command_is_documented() -> None:
    group = get_command(app)
    for name in group.list_commands(Context(group)):  # type: ignore[attr-defined]
        assert re.search(rf"`linping {name}\b|### {name}\b|### .*\b{name}\b", README), name


def test_quick_start_has_exactly_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, re.S)
    assert len(blocks) == 2
    assert "pip install ." in blocks[0] and "linping search" in blocks[0]
    assert "pip install '.[test]'" in blocks[1] and "python -m pytest" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]'" in ci and "python -m pytest" in ci
