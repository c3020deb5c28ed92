"""Building the cache's contents: what is checked across files, how text is indexed, and a build cut short."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE, SECOND_REGION
from hypothesis import given, settings
from hypothesis import strategies as st

from linping_cli.cli.load import load_dataset
from linping_cli.ingest import dataset as building
from linping_cli.ingest.files import bundled_data_path, dataset_files
from linping_cli.ingest.index import _OTHER_SPACES, GROUP, _normalize
from linping_cli.model.records import to_dict
from linping_cli.query.search import search
from linping_cli.store.layout import ENTRY, FIELD, normalize


def built(groups: list[list[Path]]) -> tuple[object, ...]:
    checked, problems = building.check_groups(groups)
    if problems:  # nothing is packed then
        return checked["regions"], checked["sources"], [str(problem) for problem in problems]
    payload, blobs = building.pack(checked)
    return payload, b"".join(blobs), []


def test_a_build_packs_every_entry_of_every_region() -> None:
    payload = built([dataset_files(bundled_data_path()), [FIXTURE], [SECOND_REGION]])[0]
    assert payload["ids"].count("\n") > 150  # type: ignore[index]


def test_what_is_built_reads_back_the_same_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_dataset([bundled_data_path()], use_cache=False)
    load_dataset([bundled_data_path()])  # the cache is written
    monkeypatch.setattr(building, "check_groups", None)  # a second load must come from the cache
    cached = load_dataset([bundled_data_path()])
    assert [to_dict(entry) for entry in cached.entries] == [to_dict(entry) for entry in fresh.entries]
    assert [entry.id for _, entry in search(cached, "西奥")] == [entry.id for _, entry in search(fresh, "西奥")]


def test_problems_that_span_files_are_reported_once_with_their_lines(tmp_path: Path) -> None:
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
    problems = built([dataset_files(folder)])[2]
    assert isinstance(problems, list)
    assert f"{folder / 'more.toml'}:1: -: meta: a second [meta] table in one dataset" in problems
    assert any("location: no entry has id 'linping-ezd' (did you mean 'linping-edz'?)" in p for p in problems)
    assert f"{folder / 'places.toml'}:4: linping: id: duplicate id (first at {folder / 'more.toml'}:7)" in problems


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
    assert next(entry.id for _, entry in search(dataset, "测试 区")) == "testville"
    assert next(entry.id for _, entry in search(dataset, "北部 工业园")) == "north-park"
    assert search(dataset, "acme")[0][1].id == "acme-lift"


def test_an_id_shared_by_two_types_is_a_duplicate(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    shutil.copytree(bundled_data_path(), folder)
    projects = folder / "projects.toml"
    projects.write_text(projects.read_text(encoding="utf-8") + '\n[[project]]\nid = "xiolift"\nname = "又一个"\n'
                        'name_en = "Another"\nsummary = "重复。"\nsummary_en = "A repeat."\n'
                        'source = [{file = "000_f15d39121070376d.txt", section = "x"}]\n', encoding="utf-8")
    line = projects.read_text(encoding="utf-8").splitlines().index("[[project]]", -8) + 2
    assert built([dataset_files(folder)])[2] == [
        f"{projects}:{line}: xiolift: id: duplicate id (first at {folder / 'companies.toml'}:4)"]


def test_the_white_space_looked_for_is_all_that_normalising_can_leave() -> None:
    import unicodedata

    left = {char for code in range(0x110000)
            for char in unicodedata.normalize("NFKC", chr(code)).casefold() if char.isspace()}
    assert left - {" "} == set(_OTHER_SPACES)


SLOW_BUILD = """
import sys, time
from pathlib import Path
from linping_cli.ingest import dataset
MARKER = Path(sys.argv[1])  # read before the command line below replaces sys.argv
def slow(path, **options):
    MARKER.write_text("started")
    time.sleep(30)
dataset.check_file = slow
sys.argv = ["linping", "--no-cache", "list"]
from linping_cli import main
main()
"""


def test_ctrl_c_during_a_build_exits_130_without_a_traceback(tmp_path: Path) -> None:
    started = tmp_path / "started"
    process = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(started)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 20
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 130
    assert "Traceback" not in stderr
