"""The cache in a hostile or damaged place: planted links and pipes, shared folders, edits that keep
a file's size and time, byte flips and truncations, and runs killed while writing."""

from __future__ import annotations

import json
import os
import pwd
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Runner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linping_cli.cli.load import load_dataset
from linping_cli.ingest import read


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LINPING_CACHE_DIR", str(folder))
    return folder


def cache_file(folder: Path) -> Path:
    (found,) = folder.glob("dataset-*.marshal")
    return found


def value_of(run: Runner, fixture_file: Path) -> object:
    result = run("--data", str(fixture_file), "show", "firms", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["value"]


def test_cache_is_private(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    value_of(run, fixture_file)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache_file(cache_dir).stat().st_mode) == 0o600


def test_a_planted_symlink_is_never_written_through(fixture_file: Path, cache_dir: Path, tmp_path: Path) -> None:
    load_dataset([fixture_file])
    target = cache_file(cache_dir)
    target.unlink()
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    (cache_dir / f"{target.name}.{os.getpid()}.tmp").symlink_to(victim)
    target.symlink_to(victim)
    load_dataset([fixture_file])
    load_dataset([fixture_file])
    assert victim.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("problem", ["writable by others", "owned by another user"])
def test_a_shared_cache_folder_is_not_used(fixture_file: Path, cache_dir: Path, run: Runner, problem: str) -> None:
    cache_dir.mkdir()
    if problem == "writable by others":
        cache_dir.chmod(0o777)
    else:
        if os.geteuid() != 0:
            pytest.skip("needs root to give the folder away")
        os.chown(cache_dir, pwd.getpwnam("nobody").pw_uid, -1)
    first = run("--data", str(fixture_file), "list", "place")
    second = run("--data", str(fixture_file), "list", "place")
    assert first.exit_code == second.exit_code == 0 and first.stdout == second.stdout
    assert problem in first.stderr and len(first.stderr.splitlines()) == 1
    assert not list(cache_dir.iterdir())


@pytest.mark.parametrize("planted", ["fifo", "stdin", "folder"])
def test_a_pipe_or_device_at_the_cache_path_never_hangs(fixture_file: Path, cache_dir: Path, planted: str) -> None:
    load_dataset([fixture_file])
    target = cache_file(cache_dir)
    target.unlink()
    if planted == "fifo":
        os.mkfifo(target)
    elif planted == "stdin":
        target.symlink_to("/dev/stdin")
    else:
        target.mkdir()
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "linping_cli", "--data", str(fixture_file), "show", "firms"],
                                capture_output=True, timeout=30, stdin=subprocess.PIPE,
                                env={**os.environ, "LINPING_CACHE_DIR": str(cache_dir)})
        assert result.returncode == 0 and b"firms" in result.stdout, result.stderr


def test_an_edit_that_keeps_size_and_times_is_seen(fixture_file: Path, cache_dir: Path, run: Runner) -> None:
    assert value_of(run, fixture_file) == 800
    before = fixture_file.stat()
    fixture_file.write_text(fixture_file.read_text(encoding="utf-8").replace("value = 800", "value = 900"),
                            encoding="utf-8")
    os.utime(fixture_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p, tar or touch -d do
    assert fixture_file.stat().st_size == before.st_size
    assert value_of(run, fixture_file) == 900


def test_an_edit_during_a_build_is_seen_next_time(fixture_file: Path, cache_dir: Path, run: Runner,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    original = read.read_bytes

    def read_then_edit(path: Path) -> bytes:
        raw = original(path)
        path.write_bytes(raw.replace(b"value = 800", b"value = 700"))
        return raw

    monkeypatch.setattr(read, "read_bytes", read_then_edit)
    assert value_of(run, fixture_file) == 800  # what was read
    monkeypatch.setattr(read, "read_bytes", original)
    assert value_of(run, fixture_file) == 700


def test_stale_temporaries_of_dead_processes_are_removed(fixture_file: Path, cache_dir: Path) -> None:
    load_dataset([fixture_file])
    target = cache_file(cache_dir)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    orphans = [cache_dir / f"{target.name}.{dead}.tmp", cache_dir / f"{target.name}.{dead}.x1y2z3.tmp"]
    for orphan in orphans:
        orphan.write_bytes(b"x" * 1000)
    alive = cache_dir / f"{target.name}.{os.getpid()}.abc.tmp"
    alive.write_bytes(b"mine")
    target.unlink()
    load_dataset([fixture_file])
    assert not any(orphan.exists() for orphan in orphans) and alive.exists()


@pytest.mark.parametrize(("how", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)])
def test_a_signal_while_writing_leaves_no_temporary(fixture_file: Path, cache_dir: Path, how: int,
                                                    code: int) -> None:
    program = f"""
import os, sys
import linping_cli
from linping_cli.store import cache
real = os.replace
def interrupted(*args):
    os.kill(os.getpid(), {int(how)})
    real(*args)
os.replace = interrupted
sys.argv = ["linping", "--data", {str(fixture_file)!r}, "show", "firms"]
linping_cli.main()
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "LINPING_CACHE_DIR": str(cache_dir)})
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 1
    assert not list(cache_dir.glob("*.tmp"))


def corrupt(data: bytes, flips: list[tuple[int, int]], cut: int | None) -> bytes:
    damaged = bytearray(data)
    for at, mask in flips:
        damaged[at % len(damaged)] ^= mask
    return bytes(damaged[:cut % len(damaged)] if cut is not None else damaged)


QUERIES = [["show", "firms", "--json"], ["list", "--json"], ["search", "Acme", "--json"], ["stats", "--json"],
           ["compare", "trade-2024", "gdp-2024", "--json"]]


def fuzz_cache(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(flips=st.lists(st.tuples(st.integers(0, 2**31), st.integers(1, 255)), max_size=4),
           cut=st.none() | st.integers(0, 2**31), query=st.sampled_from(QUERIES))
    def case(flips: list[tuple[int, int]], cut: int | None, query: list[str]) -> None:
        if not flips and cut is None:
            return
        stored.write_bytes(corrupt(pristine, flips, cut))
        result = runner.invoke(app, ["--data", str(dataset), *query])
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected[tuple(query)], ""), (flips, cut)

    from typer.testing import CliRunner

    from linping_cli.cli.app import app

    runner = CliRunner()
    dataset = Path(os.environ["LINPING_FUZZ_DATA"])
    expected = {tuple(query): runner.invoke(app, ["--data", str(dataset), *query]).stdout for query in QUERIES}
    stored = cache_file(Path(os.environ["LINPING_CACHE_DIR"]))
    pristine = stored.read_bytes()
    case()


def test_byte_flips_and_truncations_are_rebuilt_quietly(fixture_file: Path, cache_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corruption is a miss rebuilt quietly, or bytes no query read: the right answer either way.

    LINPING_FUZZ_EXAMPLES=10000 runs the issue's full count (a few minutes).
    """
    monkeypatch.setenv("LINPING_FUZZ_DATA", str(fixture_file))
    load_dataset([fixture_file])
    fuzz_cache(int(os.environ.get("LINPING_FUZZ_EXAMPLES", "300")))
