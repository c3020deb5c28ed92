"""A terminal of no width, or a cell of megabytes, still gives a readable table quickly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SECOND_REGION
from test_cli_terminal import in_terminal


@pytest.mark.parametrize("columns", ["0", "1", "5"])
def test_a_terminal_of_almost_no_width_still_shows_the_table(columns: str) -> None:
    shown = in_terminal("--no-color", "list", "company", "--fields", "id,name_en", env={"COLUMNS": columns})
    assert "acme-lift" in shown and "Acme Lift" in shown


def test_a_huge_cell_is_cut_on_a_terminal(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    text = SECOND_REGION.read_text(encoding="utf-8")
    huge.write_text(text.replace('name = "示例镇"', f'name = "{"镇" * 2_000_000}"'), encoding="utf-8")
    shown = in_terminal("--no-color", "--data", str(huge), "show", "example-town", env={"COLUMNS": "80"})
    assert "more characters" in shown and len(shown) < 100_000
