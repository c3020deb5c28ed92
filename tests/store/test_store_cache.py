"""The parsed-dataset cache: hits, invalidation, corruption, concurrency, and an unwritable folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli
from conftest import Runner

from linping_cli.cli.load import load_dataset


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("dataset-*.marshal")) if folder.exists() else []


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LINPING_CACHE_DIR", str(folder))
    return folder


def test_second_load_does_not_parse_toml(fixture_file: Path, cache_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_dataset([fixture_file])
    assert len(cache_files(cache_dir)) == 1

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed TOML despite a warm cache")

    monkeypatch.setattr(tomli, "loads", refuse)
    assert load_dataset([fixture_file]).entries == first.entries


def test_edit_invalidates(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    assert '"value": 800' in run("--data", str(fixture_file), "show", "firms", "--json").stdout
    fixture_file.write_text(fixture_file.read_text(encoding="utf-8").replace("value = 800", "value = 8000"),
                            encoding="utf-8")
    assert '"value": 8000' in run("--data", str(fixture_file), "show", "firms", "--json").stdout


def test_added_file_in_folder_invalidates(tmp_path: Path, fixture_file: Path, cache_dir: Path,
                                         run: Runner) -> None:
    folder = tmp_path / "region"
    folder.mkdir()
    fixture_file.rename(folder / "a.toml")
    assert run("--data", str(folder), "show", "extra").exit_code == 2
    (folder / "b.toml").write_text('[[place]]\nid = "extra"\nname = "外"\nname_en = "Extra"\nsummary = "外。"\n'
                                   'summary_en = "E."\nsource = [{ file = "article-a.txt", section = "s" }]\n',
                                   encoding="utf-8")
    assert run("--data", str(folder), "show", "extra").exit_code == 0


@pytest.mark.parametrize("garbage", [b"", b"\x00" * 10, b"not marshal at all", b"\xe3" + b"\x01" * 40])
def test_corrupt_cache_is_rebuilt(fixture_file: Path, cache_dir: Path, run: Runner, garbage: bytes) -> None:
    run("--data", str(fixture_file), "list")
    [stored] = cache_files(cache_dir)
    stored.write_bytes(garbage)
    result = run("--data", str(fixture_file), "show", "firms", "--json")
    assert result.exit_code == 0 and '"value": 800' in result.stdout
    assert stored.read_bytes() != garbage


def read_cache(path: Path) -> tuple[Any, bytes]:
    """The stored (header, stamps, payload, rows length) and the rows, as cache.py writes them."""
    import marshal

    data = path.read_bytes()
    length = int.from_bytes(data[:8], "little")
    return marshal.loads(data[8:8 + length]), data[8 + length:]


def write_cache(path: Path, head: tuple[Any, ...], rows: bytes) -> None:
    import marshal

    encoded = marshal.dumps(head)
    path.write_bytes(len(encoded).to_bytes(8, "little") + encoded + rows)


def test_cache_from_another_layout_is_rebuilt(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    run("--data", str(fixture_file), "list")
    [stored] = cache_files(cache_dir)
    (header, stamps, payload, size), rows = read_cache(stored)
    del payload["search"]
    write_cache(stored, (header, stamps, payload, size), rows)
    result = run("--data", str(fixture_file), "search", "firms", "--json")
    assert result.exit_code == 0 and '"id": "firms"' in result.stdout


def test_truncated_rows_are_a_miss(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    run("--data", str(fixture_file), "list")
    [stored] = cache_files(cache_dir)
    stored.write_bytes(stored.read_bytes()[:-10])
    result = run("--data", str(fixture_file), "show", "lift-x1", "--json")
    assert result.exit_code == 0 and '"maker": "acme-lift"' in result.stdout


def test_rows_are_read_from_the_cache_file_only_when_needed(fixture_file: Path, cache_dir: Path) -> None:
    load_dataset([fixture_file])
    dataset = load_dataset([fixture_file])
    assert dataset._records == {}  # nothing decoded by loading
    assert dataset.get("firms").value == 800  # type: ignore[union-attr]
    assert list(dataset._records) == [dataset.ids.index("firms")]


def test_unwritable_cache_folder_still_answers(fixture_file: Path, tmp_path: Path, run: Runner) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run("--data", str(fixture_file), "show", "firms", "--json",
                 env={"LINPING_CACHE_DIR": str(blocker / "cache")})
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_folder_still_answers(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        result = run("--data", str(fixture_file), "show", "firms", "--json")
        assert result.exit_code == 0 and cache_files(cache_dir) == []
    finally:
        cache_dir.chmod(0o700)


def test_bypass_by_option_and_environment(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    run("--data", str(fixture_file), "--no-cache", "list")
    run("--data", str(fixture_file), "list", env={"LINPING_NO_CACHE": "1"})
    assert cache_files(cache_dir) == []


def test_concurrent_writers(fixture_file: Path, cache_dir: Path) -> None:
    command = [sys.executable, "-m", "linping_cli", "--data", str(fixture_file), "list", "--json"]
    env = {**os.environ, "LINPING_CACHE_DIR": str(cache_dir)}
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                 for _ in range(8)]
    outputs = [process.communicate(timeout=60) for process in processes]
    assert all(process.returncode == 0 for process in processes)
    assert len({stdout for stdout, _ in outputs}) == 1 and all(stderr == b"" for _, stderr in outputs)
    assert len(cache_files(cache_dir)) == 1
    assert list(cache_dir.glob("*.tmp")) == []
    again = subprocess.run(command, capture_output=True, env=env)
    assert again.stdout == outputs[0][0]
