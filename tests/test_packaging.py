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


def test_every_file_of_the_package_is_installed() -> None:
    names = installed_files()
    files = {str(path.relative_to(ROOT)) for path in (ROOT / "linping_cli").rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    assert any(name.endswith(".txt") for name in files)  # the character table is data beside the code
    assert files - names == set()


def test_the_bundled_data_is_installed() -> None:
    names = installed_files()
    data = {f"linping_cli/data/{path.name}" for path in (ROOT / "data").glob("*.toml")}
    assert data and data - names == set()


def test_the_sdist_holds_everything_its_tests_read(tmp_path: Path) -> None:
    """A regression here fails the sdist's own test run (.ci/run runs it too): the tests read .ci/run,
    the README, the data and every test file, and the licence must ship."""
    import subprocess
    import sys
    import tarfile

    pytest.importorskip("hatchling")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)], cwd=ROOT,
                   check=True, capture_output=True)
    (archive,) = tmp_path.glob("linping-*.tar.gz")
    with tarfile.open(archive) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    needed = {"LICENSE", "README.md", "pyproject.toml", ".ci/run"} | {
        str(path.relative_to(ROOT)) for folder in ("linping_cli", "data", "tests")
        for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert needed - names == set()
