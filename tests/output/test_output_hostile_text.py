"""Dataset text is untrusted: control characters, bidi overrides and lone surrogates never reach
a terminal or a text format raw, JSON keeps the data exact, and `validate` reports them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from linping_cli.cli.app import app

# What a terminal acts on: C0 (but newline), DEL, C1, and the bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
HOSTILE = ["\x1b]2;pwned\x07", "\x1b[2J", "\u202e", "\x9b31m", "\r", "\x08", "\x00", "\x7f", "\u2066", "\t"]
COMMANDS = [["list"], ["list", "place"], ["show", "north-park"], ["compare", "north-park", "testville"],
            ["search", "North"], ["sources"], ["stats"]]
FORMATS = ["table", "json", "jsonl", "csv", "tsv", "markdown"]


def toml_string(text: str) -> str:
    return json.dumps(text)  # JSON's escapes (\uXXXX, \n, \t, \") are TOML's too, for the BMP


def hostile_dataset(folder: Path, payload: str) -> Path:
    target = folder / "hostile.toml"
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace('name = "北部工业园"', f"name = {toml_string('北' + payload)}")
    text = text.replace('summary_en = "An invented industrial park."', f"summary_en = {toml_string('P' + payload)}")
    text = text.replace('title_en = "Test article A"', f"title_en = {toml_string('A' + payload)}")
    text = text.replace('aliases = ["北园"]', f"aliases = [{toml_string('北' + payload)}]")
    target.write_text(text, encoding="utf-8")
    return target


def outputs(dataset: Path, env: dict[str, str]) -> list[tuple[list[str], str, str, int]]:
    found = []
    for command in COMMANDS:
        for fmt in FORMATS:
            result = CliRunner().invoke(app, ["--data", str(dataset), *command, "-f", fmt], env=env)
            found.append((command, fmt, result.stdout, result.exit_code))
    return found


def assert_nothing_raw(fmt: str, stdout: str) -> None:
    stdout = re.sub("\x1b\\[[0-9;]*m", "", stdout)  # Rich's own colours
    if fmt == "csv":
        stdout = stdout.replace("\r\n", "\n")
    if fmt == "tsv":
        stdout = stdout.replace("\t", " ")
    assert not RAW.search(stdout), (fmt, RAW.findall(stdout))


@pytest.mark.parametrize("terminal_env", [{}, {"FORCE_COLOR": "1"}], ids=["plain", "rich"])
def test_known_payloads_are_made_visible_in_every_command_and_format(tmp_path: Path,
                                                                     terminal_env: dict[str, str]) -> None:
    dataset = hostile_dataset(tmp_path, "".join(HOSTILE))
    for command, fmt, stdout, code in outputs(dataset, terminal_env):
        assert code == 0, (command, fmt, stdout)
        assert_nothing_raw(fmt, stdout)
        if fmt == "json" and command[0] == "show":
            assert json.loads(stdout)["name"] == "北" + "".join(HOSTILE)  # exact data
        if fmt in ("table", "markdown") and command[0] == "show":
            shown = re.sub(r"\\(.)", r"\1", stdout) if fmt == "markdown" else stdout  # as GitHub renders it
            assert "\\x1b]2;pwned\\x07" in shown and "<U+202E>" in shown


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.text(st.sampled_from(["\x1b", "\x9b", "\u202e", "\u2067", "\x07", "\r", "\x7f", "\x85", "[",
                                        "]", "2", ";", "a", "临", "\\", '"', "\u2028", "\x00"]),
                       min_size=1, max_size=12))
def test_any_control_text_is_never_raw(tmp_path_factory: pytest.TempPathFactory, payload: str) -> None:
    dataset = hostile_dataset(tmp_path_factory.mktemp("hostile"), payload)
    for command, fmt, stdout, code in outputs(dataset, {"FORCE_COLOR": "1"} if "\x07" in payload else {}):
        assert code == 0, (command, fmt, stdout)
        assert_nothing_raw(fmt, stdout)
        if fmt == "json" and command[0] == "show":
            data = json.loads(stdout)
            assert (data["name"], data["aliases"]) == ("北" + payload, ["北" + payload])


def test_error_lines_never_carry_controls(tmp_path: Path) -> None:
    bad = tmp_path / "bad\x1b]2;file.toml"
    bad.write_text('[meta]\nid = "x\x1b"\n\n[[place]]\nid = "\\u001b]2;pwned\\u0007"\nname = "n"\n'
                   '"k\\u202e" = 1\n', encoding="utf-8")
    for args in (["--data", str(bad), "list"], ["show", "\x1b]2;id\x07\u202e"], ["validate", str(bad)],
                 ["validate", str(bad), "-f", "json"], ["no\x1bcommand"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code in (2, 3), (args, result.output)
        assert not RAW.search(result.stderr) and not RAW.search(result.stdout.replace("\n", " ")), args
        assert "\\x1b" in result.stderr + result.stdout, args


def test_validate_reports_control_characters_in_text(tmp_path: Path) -> None:
    dataset = hostile_dataset(tmp_path, "\x1b]2;pwned\x07")
    result = CliRunner().invoke(app, ["validate", str(dataset)])
    assert result.exit_code == 3
    assert "control character" in result.stdout and ": north-park: name:" in result.stdout
    clean = tmp_path / "clean.toml"
    shutil.copy(FIXTURE, clean)
    text = clean.read_text(encoding="utf-8").replace('summary_en = "An invented industrial park."',
                                                     'summary_en = """Two\nlines\twith a tab."""')
    clean.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(app, ["validate", str(clean)]).exit_code == 0  # newlines and tabs are text
