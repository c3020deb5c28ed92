"""The code stays ruff-clean and mypy-clean (strict): the same checks a developer runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import needs

ROOT = Path(__file__).parent.parent


def tool(name: str) -> str:
    """The linter from the test extra: beside this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    needs(name)
    return str(shutil.which(name))


def test_ruff_is_clean() -> None:
    result = subprocess.run([tool("ruff"), "check", "--no-cache", str(ROOT / "linping_cli"), str(ROOT / "tests")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    # The files and the strictness come from pyproject.toml.
    result = subprocess.run([tool("mypy"), "--no-incremental"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
