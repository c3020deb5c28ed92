"""Building the cache's contents: files checked in child processes give what checking them here gives."""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path
from typing import IO

import pytest
from conftest import FIXTURE, SECOND_REGION
from hypothesis import given, settings
from hypothesis import strategies as st

from linping_cli import building, parallel, reading
from linping_cli.index import ENTRY, FIELD, normalize
from linping_cli.indexing import _OTHER_SPACES, GROUP, _normalize
from linping_cli.loading import bundled_data_path, dataset_files, load_dataset
from linping_cli.models import to_dict
from linping_cli.search import search


def built(groups: list[list[Path]], jobs: int) -> tuple[object, ...]:
    checked, problems = building.check_groups(groups, jobs=jobs)
    if problems:  # nothing is packed then
        return checked["regions"], checked["sources"], [str(problem) for problem in problems]
    payload, blobs = building.pack(checked)
    joined = b"".join(map(bytes, blobs))
    building.release(blobs)
    return payload, joined, []


def test_children_build_exactly_what_one_process_builds() -> None:
    groups = [dataset_files(bundled_data_path()), [FIXTURE], [SECOND_REGION]]
    serial = built(groups, jobs=1)
    assert serial[0]["ids"].count("\n") > 150  # type: ignore[index]
    assert built(groups, jobs=2) == serial
    assert built(groups, jobs=3) == serial


def test_children_report_the_same_problems_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    shutil.copytree(bundled_data_path(), folder)
    companies = folder / "companies.toml"
    companies.write_text(companies.read_text(encoding="utf-8").replace(
        'location = "linping-edz"', 'location = "linping-ezd"', 1), encoding="utf-8")
    (folder / "more.toml").write_text('[meta]\nid = "x"\nregion = "甲"\nregion_en = "X"\n\n'
                                      '[[place]]\nid = "linping"\nname = "又一个"\nname_en = "Another"\n'
                                      'summary = "重复。"\nsummary_en = "A repeat."\n'
                                      'source = [{file = "000_f15d39121070376d.txt", section = "x"}]\n',
                                      encoding="utf-8")
    serial = built([dataset_files(folder)], jobs=1)
    problems = serial[2]
    assert f"{folder / 'more.toml'}:1: -: meta: a second [meta] table in one dataset" in problems
    assert any("location: no entry has id 'linping-ezd' (did you mean 'linping-edz'?)" in p for p in problems)
    assert f"{folder / 'places.toml'}:4: linping: id: duplicate id (first at {folder / 'more.toml'}:7)" in problems
    assert built([dataset_files(folder)], jobs=2) == serial


def test_a_dataset_loads_the_same_in_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = load_dataset([bundled_data_path()], use_cache=False)
    monkeypatch.setattr(building, "_jobs", lambda paths: 2)
    parallel = load_dataset([bundled_data_path()], use_cache=False)
    assert [to_dict(entry) for entry in parallel.entries] == [to_dict(entry) for entry in serial.entries]


@pytest.mark.parametrize("sendfile", [True, False])
def test_what_children_built_is_copied_into_the_cache_intact(monkeypatch: pytest.MonkeyPatch, sendfile: bool) -> None:
    serial = load_dataset([bundled_data_path()], use_cache=False)
    monkeypatch.setattr(building, "_jobs", lambda paths: 2)
    if not sendfile:  # as on a system where it copies only to sockets
        def no_sendfile(*args: object) -> int:
            raise OSError(errno.ENOTSOCK, "not a socket")

        monkeypatch.setattr(os, "sendfile", no_sendfile)
    load_dataset([bundled_data_path()])  # children build it; the cache is written
    monkeypatch.setattr(building, "check_groups", None)  # a second load must come from the cache
    cached = load_dataset([bundled_data_path()])
    assert [to_dict(entry) for entry in cached.entries] == [to_dict(entry) for entry in serial.entries]
    assert [entry.id for _, entry in search(cached, "西奥")] == [entry.id for _, entry in search(serial, "西奥")]


def test_every_file_is_done_once_and_a_slow_child_leaves_the_rest_here(tmp_path: Path) -> None:
    paths = dataset_files(bundled_data_path())
    log = tmp_path / "done"

    def work(path: Path) -> building.FilePart:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {path.name}\n")
        deadline = time.monotonic() + 20
        while os.getpid() != TEST_PROCESS and len(log.read_text(encoding="utf-8").splitlines()) < len(paths):
            if time.monotonic() > deadline:
                raise TimeoutError("this process did not do the other files")
            time.sleep(0.01)  # the child holds its file until every other file is taken
        return building.build_file(path)

    parts = parallel.map_files(work, paths, 2)
    building.release(part.rows for part in parts)
    assert [part.report.path for part in parts] == [str(path) for path in paths]
    done = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted(name for _, name in done) == sorted(path.name for path in paths)
    assert len([name for pid, name in done if int(pid) != TEST_PROCESS]) <= 1


TEST_PROCESS = os.getpid()


def failing(path: Path) -> building.FilePart:
    if os.getpid() != TEST_PROCESS:
        raise ValueError(f"cannot build {path.name} in a child")
    return building.build_file(path)


def out_of_disk(out: IO[bytes]) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_child_that_cannot_write_its_results_leaves_its_files_here(monkeypatch: pytest.MonkeyPatch) -> None:
    groups = [dataset_files(bundled_data_path())]
    serial = built(groups, jobs=1)
    monkeypatch.setattr(building.FilePart, "spill", out_of_disk)
    assert built(groups, jobs=2) == serial
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def exiting(path: Path) -> building.FilePart:
    if os.getpid() != TEST_PROCESS:
        os._exit(3)
    return building.build_file(path)


def test_a_childs_error_is_raised_here_its_lost_work_done_here_and_no_child_is_left() -> None:
    paths = dataset_files(bundled_data_path())
    with pytest.raises(RuntimeError, match=r"failed: ValueError: cannot build .* in a child"):
        parallel.map_files(failing, paths, 2)
    parts = parallel.map_files(exiting, paths, 2)
    building.release(part.rows for part in parts)
    assert [part.report.path for part in parts] == [str(p) for p in paths]
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every child has been waited for


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_characters=ENTRY + FIELD + GROUP)), min_size=1),
                min_size=1, max_size=6))
def test_normalising_in_one_pass_equals_normalising_each(entries: list[list[str]]) -> None:
    joined = ENTRY.join(FIELD.join(fields) for fields in entries)
    assert [each.split(FIELD) for each in _normalize(joined).split(ENTRY)] == [
        [normalize(text) for text in fields] for fields in entries]


def test_the_index_separators_inside_a_name_become_spaces(fixture_file: Path) -> None:
    text = fixture_file.read_text(encoding="utf-8")
    text = text.replace('name = "测试区"', 'name = "测试\\u0000区"', 1)
    text = text.replace('name = "北部工业园"', 'name = "北部\\u0002工业园"', 1)
    fixture_file.write_text(text, encoding="utf-8")
    dataset = load_dataset([fixture_file], use_cache=False)
    assert [entry.id for _, entry in search(dataset, "测试 区")] == ["testville"]
    assert [entry.id for _, entry in search(dataset, "北部 工业园")] == ["north-park"]
    assert search(dataset, "acme")[0][1].id == "acme-lift"


def test_an_id_shared_by_two_types_is_a_duplicate(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    shutil.copytree(bundled_data_path(), folder)
    projects = folder / "projects.toml"
    projects.write_text(projects.read_text(encoding="utf-8") + '\n[[project]]\nid = "xiolift"\nname = "又一个"\n'
                        'name_en = "Another"\nsummary = "重复。"\nsummary_en = "A repeat."\n'
                        'source = [{file = "000_f15d39121070376d.txt", section = "x"}]\n', encoding="utf-8")
    line = projects.read_text(encoding="utf-8").splitlines().index("[[project]]", -8) + 2
    assert built([dataset_files(folder)], jobs=1)[2] == [
        f"{projects}:{line}: xiolift: id: duplicate id (first at {folder / 'companies.toml'}:4)"]


def test_when_no_child_can_be_started_this_process_does_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    groups = [dataset_files(bundled_data_path())]
    serial = built(groups, jobs=1)

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert built(groups, jobs=2) == serial


CHILD_SCRIPT = """
import os, sys, time
from pathlib import Path
from linping_cli import building
pids = Path(sys.argv[1])
def slow(path, pack):
    with open(pids, "a") as out:
        out.write(f"{os.getpid()}\\n")
    time.sleep(30)
building._jobs = lambda paths: 2
building.build_file = slow
sys.argv = ["linping", "--no-cache", "list"]
from linping_cli import main
main()
"""


def test_ctrl_c_while_children_work_exits_130_and_leaves_no_child(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    pids = tmp_path / "pids"
    process = subprocess.Popen([sys.executable, "-c", CHILD_SCRIPT, str(pids)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 20
    while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 130
    assert "Traceback" not in stderr
    started = [int(pid) for pid in pids.read_text().split()]
    assert len(started) == 2 and process.pid in started
    for pid in started:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_the_white_space_looked_for_is_all_that_normalising_can_leave() -> None:
    import unicodedata

    left = {char for code in range(0x110000)
            for char in unicodedata.normalize("NFKC", chr(code)).casefold() if char.isspace()}
    assert left - {" "} == set(_OTHER_SPACES)


def test_packing_in_batches_gives_the_bytes_packing_whole_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    groups = [dataset_files(bundled_data_path()), [FIXTURE], [SECOND_REGION]]
    monkeypatch.setattr(reading, "BATCH", 10**9)
    whole = built(groups, jobs=1)
    monkeypatch.setattr(reading, "BATCH", 2)
    whole_files: list[str] = []
    parse = reading.parse_document

    def parse_whole(path: Path, raw: bytes) -> tuple[str, dict[str, object]]:
        whole_files.append(path.name)
        return parse(path, raw)

    monkeypatch.setattr(reading, "parse_document", parse_whole)
    assert built(groups, jobs=1) == whole
    # Every file went in batches, but for those of two entry tables or fewer.
    assert whole[2] == [] and whole_files == ["meta.toml", SECOND_REGION.name]
    assert built(groups, jobs=2) == whole
