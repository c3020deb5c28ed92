"""Every registered command on broken datasets (the kinds test_ingest_fuzz makes, and named ones): exit 3 and one
line on stderr naming the problem, escaped, or exit 2 where the arguments are the problem; never a traceback or
exit 70. A command that reads no data (help, the schema) prints what it prints on good data.

The commands come from `cli/registry` and their arguments from `hostile_region.CASES`, so a command added later
is run too. The broken files lie in a folder, and have names, that hold ESC, a newline and bytes that are not UTF-8.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE
from hostile_region import CASES, DATA, DB, HOSTILE_FILE, HOSTILE_NAME, RAW, Case, toml_string, write_region
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest_fuzz import document_text, documents
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.cli.registry import COMMANDS
from linping_cli.model.errors import DataError
from linping_cli.output.safe import visible

FIXTURE_TEXT = FIXTURE.read_text(encoding="utf-8")
SHOWN_FOLDER = visible(HOSTILE_NAME)  # how an error line names the folder every broken file is in


def _file(content: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / HOSTILE_FILE
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path
    return make


def _broken_fixture(old: str, new: str) -> Callable[[Path], Path]:
    assert old in FIXTURE_TEXT, old
    return _file(FIXTURE_TEXT.replace(old, new, 1))


def _empty_folder(folder: Path) -> Path:
    (folder / "empty").mkdir()
    return folder / "empty"


def _one_bad_file_of_two(folder: Path) -> Path:
    (folder / "a.toml").write_text(FIXTURE_TEXT, encoding="utf-8")
    (folder / f"b{HOSTILE_FILE}").write_text("[[place]]\nid = 3\n", encoding="utf-8")
    return folder


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / HOSTILE_FILE)
    return folder / HOSTILE_FILE


# Each kind of broken dataset, made in a (hostile) folder: the path to give --data.
BROKEN: dict[str, Callable[[Path], Path]] = {
    "not UTF-8": _file(b"[meta]\nid = \"r\"\nregion = \"\xff\xfe\"\n"),
    "binary": _file(b"\x00\x01\x02 not text"),
    "TOML syntax": _file('[meta]\nid = "r\n'),
    "nested too deeply": _file("a = " + "[" * 5000 + "]" * 5000 + "\n"),
    "empty file": _file(""),
    "no [meta]": _file('[[place]]\nid = "p"\nname = "地"\n'),
    "unknown key": _broken_fixture('category = "park"', 'category = "park"\nyaer = 2024'),
    "wrong type": _broken_fixture("value = 800", 'value = "800"'),
    "missing required": _broken_fixture('name = "规上企业"\n', ""),
    "duplicate id": _broken_fixture('id = "trade-2024"', 'id = "gdp-2024"'),
    "dangling reference": _broken_fixture('parent = "testville"', 'parent = "nowhere"'),
    "bad enum": _broken_fixture('qualifier = "more-than"', 'qualifier = "roughly"'),
    "hostile table name": _file(f'[meta]\nid = "r"\nregion = "区"\nregion_en = "R"\n\n'
                                f'[[{toml_string(chr(27) + "]0;t" + chr(7) + chr(0x202E))}]]\nid = "x"\n'),
    "hostile key": _broken_fixture('category = "park"',
                                   f'category = "park"\n{toml_string("k" + chr(0x9B) + "2J")} = 1'),
    "empty folder": _empty_folder,
    "one bad file of two": _one_bad_file_of_two,
    "missing": lambda folder: folder / HOSTILE_FILE,
    "a pipe": _fifo,
}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_region(tmp_path_factory.mktemp("good"))


def invoke(data: Path, command: str, case: Case, db: Path) -> Any:
    args = [str(db) if arg == DB else str(data) if arg == DATA else arg for arg in case.args]
    return CliRunner().invoke(app, ["--data", str(data), command, *args])


def broken_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("broken") / HOSTILE_NAME
    folder.mkdir()
    return folder


def problems_of(command: str, case: Case, good_run: Any, broken_run: Any, db: Path) -> list[str]:
    """What is wrong with a run on broken data, given the same run on good data."""
    wrong = []
    code, stderr = broken_run.exit_code, broken_run.stderr
    if not isinstance(broken_run.exception, (SystemExit, type(None))) or "Traceback" in broken_run.output:
        wrong.append(f"traceback: {broken_run.exception!r}")
    reads_no_data = code == good_run.exit_code == 0 and broken_run.stdout == good_run.stdout
    if not reads_no_data:
        expected = (2, 3) if good_run.exit_code == 2 else (3,)  # the arguments may be told wrong before the data
        if code not in expected:
            wrong.append(f"exit {code}, not {' or '.join(map(str, expected))}: {stderr!r}")
        if command == "validate":  # the problems on stdout; their count on stderr, unless -q
            if code == 3 and (SHOWN_FOLDER not in broken_run.stdout or len(stderr.splitlines()) > 1):
                wrong.append(f"validate lists no problem with the file, escaped: {broken_run.stdout[:200]!r}")
        elif len(stderr.splitlines()) != 1 or not stderr.startswith("linping: ") or broken_run.stdout:
            wrong.append(f"not one line on stderr alone: {stderr!r}, stdout {broken_run.stdout[:200]!r}")
        elif code == 3 and not (stderr.startswith("linping: bad data: ") and SHOWN_FOLDER in stderr):
            wrong.append(f"the error does not name the file, escaped: {stderr!r}")
        if db.exists():
            wrong.append("export wrote its file from broken data")
    if RAW.search(stderr.replace("\n", " ")) or RAW.search(broken_run.stdout.replace("\n", " ")):
        wrong.append(f"raw: {stderr!r}")
    return [f"{command} {' '.join(case.args)!r}: {problem}" for problem in wrong]


@pytest.mark.parametrize("kind", list(BROKEN))
def test_every_command_on_broken_data_says_so_in_one_line(tmp_path_factory: pytest.TempPathFactory, good: Path,
                                                          kind: str) -> None:
    data = BROKEN[kind](broken_folder(tmp_path_factory))
    db = tmp_path_factory.mktemp("db") / f"out{HOSTILE_NAME}.db"
    wrong = []
    for command in COMMANDS:
        for case in CASES[command] if kind == "wrong type" else CASES[command][:1]:  # every case, for one kind
            good_run = invoke(good, command, case, db)
            db.unlink(missing_ok=True)
            wrong += problems_of(command, case, good_run, invoke(data, command, case, db), db)
    assert not wrong, "\n".join(wrong)


def loads(path: Path) -> bool:
    from linping_cli.cli.load import load_dataset

    try:
        load_dataset([path], use_cache=False)
    except DataError:
        return False
    return True


FIRST_CASES = [(command, CASES[command][0]) for command in COMMANDS]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(documents.map(document_text), st.binary(max_size=200),
                         st.tuples(st.integers(0, len(FIXTURE_TEXT)), st.text(max_size=5)).map(
                             lambda cut: FIXTURE_TEXT[:cut[0]] + cut[1] + FIXTURE_TEXT[cut[0]:])),
       chosen=st.sampled_from(FIRST_CASES))
def test_any_broken_dataset_gives_every_command_exit_3(tmp_path_factory: pytest.TempPathFactory, good: Path,
                                                       content: str | bytes, chosen: tuple[str, Case]) -> None:
    """A generated dataset that fails to load fails every command that reads it, with exit 3; one that loads
    gives any command a code of the README, never a traceback."""
    command, case = chosen
    data = _file(content)(broken_folder(tmp_path_factory))
    db = tmp_path_factory.mktemp("db") / "out.db"
    good_run = invoke(good, command, case, db)
    db.unlink(missing_ok=True)
    broken_run = invoke(data, command, case, db)
    if loads(data):
        assert broken_run.exit_code in (0, 1, 2, 3), (broken_run.exit_code, broken_run.stderr)
        assert isinstance(broken_run.exception, (SystemExit, type(None))), repr(broken_run.exception)
        return
    wrong = problems_of(command, case, good_run, broken_run, db)
    assert not wrong, "\n".join(wrong)
