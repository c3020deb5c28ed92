"""The code stays ruff-clean and mypy-clean (strict): the same checks a developer runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        pytest.skip(f"{name} is not installed")
    return found


def test_ruff_is_clean() -> None:
    result = subprocess.run([tool("ruff"), "check", "--no-cache", str(ROOT / "linping_cli"), str(ROOT / "tests")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    # The files and the strictness come from pyproject.toml.
    result = subprocess.run([tool("mypy"), "--no-incremental"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
