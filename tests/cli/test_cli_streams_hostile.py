"""Pipes, full disks, closed streams and Ctrl-C at any moment: one line at most, the documented code."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

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


@pytest.mark.parametrize("delay", [0.0, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.25])
def test_ctrl_c_at_any_moment_is_exit_130_and_at_most_one_line(delay: float) -> None:
    """From the moment linping's `main` is called (before that, Python itself is starting)."""
    program = ("import sys, linping_cli; sys.argv = ['linping', '--no-cache', 'list']; "
               "sys.stderr.write('ready\\n'); sys.stderr.flush(); linping_cli.main()")
    process = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None and process.stderr.readline() == "ready\n"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (130, 0), stderr  # 0: it had finished already
    assert "Traceback" not in stderr and len(stderr.splitlines()) <= 1
