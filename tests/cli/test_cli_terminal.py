"""Behaviour only a real process shows: a terminal, colour rules, pipes, encodings, signals."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, SCRIPT, needs


def in_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """Run linping with stdout on a pseudo-terminal and return what it showed."""
    master, slave = pty.openpty()
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "200", "LINPING_PAGER": "", **(env or {})}
    for name in ("NO_COLOR", "FORCE_COLOR"):
        if name not in (env or {}):
            full_env.pop(name, None)
    process = subprocess.Popen([sys.executable, "-m", "linping_cli", "--data", str(FIXTURE), *args],
                               stdout=slave, stderr=subprocess.PIPE, env=full_env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(10)
    os.close(master)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode()


def test_terminal_gets_colour() -> None:
    assert "\x1b[" in in_terminal("list", "figure")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_colour_off_on_request(env: dict[str, str]) -> None:
    assert "\x1b[" not in in_terminal("list", "figure", env=env)


def test_no_color_flag() -> None:
    assert "\x1b[" not in in_terminal("--no-color", "list", "figure")


def test_empty_no_color_does_not_count() -> None:
    assert "\x1b[" in in_terminal("list", "figure", env={"NO_COLOR": ""})


def test_json_is_indented_on_a_terminal() -> None:
    assert in_terminal("show", "firms", "--json").startswith("{\r\n  \"id\": \"firms\"")


def piped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "linping_cli", "--data", str(FIXTURE), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_force_color_colours_a_pipe() -> None:
    assert "\x1b[" in piped("list", "figure", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in piped("list", "figure", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_pipe_gets_plain_untruncated_table() -> None:
    result = piped("show", "acme-lift", env={"COLUMNS": "40"})
    assert "\x1b[" not in result.stdout
    assert "An invented elevator maker with digital lines." in result.stdout


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    text = FIXTURE.read_text(encoding="utf-8")
    extra = "".join(
        f'\n[[place]]\nid = "p{i}"\nname = "地方{i}"\nname_en = "Place {i}"\nsummary = "一个地方。"\n'
        f'summary_en = "{"A place. " * 20}"\nsource = [{{ file = "article-a.txt", section = "lead" }}]\n'
        for i in range(2000))
    big.write_text(text + extra, encoding="utf-8")
    result = subprocess.run(f"'{sys.executable}' -m linping_cli --data '{big}' list -f jsonl | head -n 1",
                            shell=True, capture_output=True, text=True)
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_ascii_only_output_stays_readable(env: dict[str, str], fmt: str) -> None:
    result = piped("show", "gdp-2024", "-f", fmt, env=env)
    assert result.returncode == 0, result.stderr
    assert "gdp-2024" in result.stdout and "Traceback" not in result.stderr


def test_ascii_json_is_still_valid_json() -> None:
    import json

    result = piped("show", "gdp-2024", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert json.loads(result.stdout)["name"] == "地区生产总值"


def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    # A folder of many files keeps the loader busy long enough to be interrupted.
    process = subprocess.Popen(
        [sys.executable, "-c", "import time, sys; sys.argv = ['linping', 'list']; "
         "import linping_cli.cli.session as s; "
         "s.load_dataset = lambda *a, **k: (print('ready', flush=True), time.sleep(30)); "
         "from linping_cli import main; main()"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # 'ready' comes from inside the command, however long start-up took.
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 130
    assert "Traceback" not in stderr


def test_installed_script_and_module_agree() -> None:
    needs("linping")
    script = subprocess.run([str(SCRIPT), "--data", str(FIXTURE), "list", "figure", "--json"],
                            capture_output=True, text=True, cwd="/")
    module = piped("list", "figure", "--json")
    assert script.returncode == 0 and script.stdout == module.stdout


def test_installed_script_finds_bundled_data_from_anywhere(tmp_path: Path) -> None:
    needs("linping")
    result = subprocess.run([str(SCRIPT), "show", "cfmoto", "--json"], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, "LINPING_CACHE_DIR": str(tmp_path / "c")})
    assert result.returncode == 0, result.stderr
    assert '"name_en": "Zhejiang CFMOTO Power Co., Ltd."' in result.stdout


BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"


def test_timeline_chart_and_tree_on_a_terminal() -> None:
    shown = in_terminal("--data", str(BEYOND), "timeline", env={"NO_COLOR": "1"})
    rows = [line for line in shown.splitlines() if line.strip()]
    assert any(line.split("│")[0].strip() == "2010" and line.count("│") and "founded" not in line for line in rows)
    assert sum("─┼─" in line or "━╇━" in line for line in rows) >= 2  # a section per year
    chart = in_terminal("--data", str(BEYOND), "chart", "--category", "economy")
    assert "\x1b[" in chart and "█" in chart and ">90 亿元 (stated: 900000 万元)" in chart
    tree = in_terminal("--data", str(BEYOND), "related", "evil-co", env={"NO_COLOR": "1"})
    assert "├── location → 河镇 (river-town)" in tree and "\x1b[31m" not in tree
