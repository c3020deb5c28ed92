"""Dataset text is untrusted: error lines never carry its control characters raw, and `validate` reports them.

That every command, in every format, shows such text and never obeys it: tests/cli/test_cli_hostile_everywhere.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE
from hostile_region import RAW, toml_string
from typer.testing import CliRunner

from linping_cli.cli.app import app


def hostile_dataset(folder: Path, payload: str) -> Path:
    target = folder / "hostile.toml"
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace('name = "北部工业园"', f"name = {toml_string('北' + payload)}")
    text = text.replace('summary_en = "An invented industrial park."', f"summary_en = {toml_string('P' + payload)}")
    text = text.replace('title_en = "Test article A"', f"title_en = {toml_string('A' + payload)}")
    text = text.replace('aliases = ["北园"]', f"aliases = [{toml_string('北' + payload)}]")
    target.write_text(text, encoding="utf-8")
    return target


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
