"""Pipes, full disks, closed streams and Ctrl-C at any moment: one line at most, the documented code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import FIXTURE

COMMAND = [sys.executable, "-m", "linping_cli"]


def run_with_stdout(args: list[str], stdout: int | None) -> subprocess.CompletedProcess[str]:
    result: subprocess.CompletedProcess[str] = subprocess.run(
        [*COMMAND, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60)
    return result


def closed_pipe() -> int:
    """The write end of a pipe whose reader has already gone, as `| head -1` is once it has read its line."""
    reader, writer = os.pipe()
    os.close(reader)
    return writer


ARGS = [["--data", str(FIXTURE), "list"], ["--data", str(FIXTURE), "show", "firms", "--json"], ["--help"],
        ["list", "--help"], ["--version"], ["schema"]]


@pytest.mark.parametrize("args", ARGS)
def test_a_reader_that_has_gone_is_success(args: list[str]) -> None:
    writer = closed_pipe()
    try:
        result = run_with_stdout(args, writer)
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("args", ARGS)
def test_a_full_disk_is_one_line_and_exit_74(args: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = run_with_stdout(args, full.fileno())
    assert result.returncode == 74, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "No space left" in result.stderr


@pytest.mark.parametrize("args", ARGS)
def test_a_closed_stdout_is_one_line_and_exit_74(args: list[str]) -> None:
    result = subprocess.run([*COMMAND, *args], stderr=subprocess.PIPE, text=True, timeout=60,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 74, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "stdout" in result.stderr


# An interrupt raised as the N-th function of linping's own code starts (counted by a trace function): the same
# moments every run, from the first call `main` makes to the last write, where a real Ctrl-C would land at any
# instruction of them. (The first call is `main` itself: raised there, it comes before any of its code runs.)
INTERRUPTED_AT = """
import atexit, sys, linping_cli
target, calls = int(sys.argv[1]), [0]
def trace(frame, event, arg):
    if event == "call" and frame.f_globals.get("__name__", "").startswith("linping_cli"):
        calls[0] += 1
        if calls[0] == target:
            sys.settrace(None)
            raise KeyboardInterrupt
atexit.register(lambda: sys.stderr.write(f"calls {calls[0]}\\n") if target == 0 else None)
sys.argv = ["linping", "--no-cache", "list"]
sys.settrace(trace)
linping_cli.main()
"""


def _interrupted_at(call: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", INTERRUPTED_AT, str(call)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=120)


def test_ctrl_c_at_any_moment_is_exit_130_and_at_most_one_line() -> None:
    """From the moment linping's `main` is called (before that, Python itself is starting)."""
    whole = _interrupted_at(0)
    assert whole.returncode == 0 and whole.stderr.startswith("calls "), whole.stderr
    calls = int(whole.stderr.split()[1])
    assert calls > 1000
    for call in sorted({2, 3, 5, 10, 30, 100, 300, *range(1000, calls, calls // 12), calls - 5, calls}):
        done = _interrupted_at(call)
        assert done.returncode == 130, (call, done.stderr)
        assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) <= 1, (call, done.stderr)
