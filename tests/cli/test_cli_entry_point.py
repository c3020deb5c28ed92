"""The real entry point, which runs with the cyclic collector off, prints what the CliRunner tests see."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import FIXTURE
from typer.testing import CliRunner

from linping_cli.cli.app import app

COMMANDS = [
    ["search", "西奥"], ["search", "cfmoto", "--json"], ["list", "figure"], ["list", "--json"],
    ["show", "xiolift"], ["show", "cfmoto", "-f", "csv"], ["compare", "cfmoto", "xiolift", "--json"],
    ["sources"], ["stats", "--json"], ["validate"], ["schema"], ["--data", str(FIXTURE), "list", "-f", "tsv"],
    ["--no-cache", "list", "company", "-f", "markdown"],
]


def entry_point(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "linping_cli", *args], capture_output=True, text=True,
                          env=env, timeout=60)


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args) for args in COMMANDS])
def test_the_entry_point_prints_what_the_app_prints(args: list[str]) -> None:
    expected = CliRunner().invoke(app, args)
    real = entry_point(args)
    assert (real.returncode, real.stdout) == (expected.exit_code, expected.stdout)
    assert real.stderr == expected.stderr


def test_the_collector_is_off_while_the_app_runs() -> None:
    probe = ("import atexit, gc, sys, linping_cli; "
             "atexit.register(lambda: print('collector on:', gc.isenabled(), file=sys.stderr)); "
             "sys.argv = ['linping', 'search', 'cfmoto', '--json']; linping_cli.main()")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and '"id": "cfmoto"' in result.stdout
    assert result.stderr == "collector on: False\n"
