"""A folder's `.toml` names that are not files (a pipe, a folder, a dangling link) are skipped, and
`validate` says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import FIXTURE
from typer.testing import CliRunner

from linping_cli.cli.app import app


def test_validate_names_what_a_folder_skips(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "a.toml")
    os.mkfifo(folder / "pipe.toml")
    (folder / "folder.toml").mkdir()
    (folder / "dangling.toml").symlink_to(tmp_path / "gone.toml")
    (folder / "notes.txt").write_text("not a dataset file", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 3
    for name, why in (("pipe.toml", "not a regular file"), ("folder.toml", "a folder"),
                      ("dangling.toml", "a link to nothing")):
        assert f"{folder / name}: -: -: skipped: {why}" in result.stdout
    assert "notes.txt" not in result.stdout
    assert CliRunner().invoke(app, ["--data", str(folder), "list"]).exit_code == 0
