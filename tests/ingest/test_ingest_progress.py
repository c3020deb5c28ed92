"""A build's progress shows on a terminal's stderr, and nowhere else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import needs

ROOT = Path(__file__).resolve().parents[2]


def in_terminal(args: list[str], tmp_path: Path, **env: str) -> str:
    """What a terminal shows while `python -m linping_cli ARGS` runs in it (through `script`)."""
    needs("script")
    command = " ".join([sys.executable, "-m", "linping_cli", *args])
    result = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "LINPING_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100",
                                 "PYTHONPATH": str(ROOT), **env})
    return result.stdout


def test_a_slow_build_shows_files_and_entries_done_on_a_terminal(tmp_path: Path) -> None:
    screen = in_terminal(["validate"], tmp_path, LINPING_PROGRESS_DELAY="0")
    assert "checking data" in screen and "files" in screen and "entries" in screen
    assert "no problems found" in screen


def test_quiet_shows_no_progress(tmp_path: Path) -> None:
    screen = in_terminal(["-q", "--no-cache", "list", "figure"], tmp_path, LINPING_PROGRESS_DELAY="0")
    assert "checking data" not in screen and "gdp-2024" in screen


def test_a_quick_build_shows_nothing(tmp_path: Path) -> None:
    screen = in_terminal(["--no-cache", "search", "西奥"], tmp_path, LINPING_PROGRESS_DELAY="600")
    assert "checking data" not in screen and "xiolift" in screen


def test_no_progress_when_stderr_is_piped(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "linping_cli", "--no-cache", "validate"], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "LINPING_PROGRESS_DELAY": "0"})
    assert result.stderr == "linping: no problems found\n"
