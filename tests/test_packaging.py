"""What is installed is the whole program: every module of the tree and the bundled data reach the wheel."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def installed_files() -> set[str]:
    try:
        files = metadata.files("linping") or []
    except metadata.PackageNotFoundError:
        pytest.skip("linping is not installed")
    names = {str(file) for file in files}
    if not any(name.startswith("linping_cli/") and name.endswith(".py") for name in names):
        pytest.skip("linping is installed editable: the tree itself is what runs")
    return names


def test_every_module_of_the_tree_is_installed() -> None:
    names = installed_files()
    modules = {str(path.relative_to(ROOT)) for path in (ROOT / "linping_cli").rglob("*.py")}
    assert modules - names == set()


def test_the_bundled_data_is_installed() -> None:
    names = installed_files()
    data = {f"linping_cli/data/{path.name}" for path in (ROOT / "data").glob("*.toml")}
    assert data and data - names == set()
