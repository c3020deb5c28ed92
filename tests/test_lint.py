"""The code stays ruff-clean: the same check a developer runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, "check", "--no-cache", str(ROOT / "linping_cli"), str(ROOT / "tests")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
