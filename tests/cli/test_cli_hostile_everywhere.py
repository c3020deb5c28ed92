"""Every registered command, in every format it writes, on a region whose every text field is hostile (and whose
file and folder names are too): no control or bidi character reaches stdout or stderr raw, in a pipe or on a
terminal with colour; no traceback, no exit 70, the exit code the README gives; JSON stays valid and exact.

The commands and formats come from `cli/registry`, so a command or format added later is run without anyone
listing it; `hostile_region.CASES` holds the arguments each command is run with, and a command without any fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hostile_region import CASES, DATA, DB, HOSTILE_NAME, PAYLOAD, RAW, Case, hostile, write_region
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.cli.io import IOStreams
from linping_cli.cli.registry import COMMANDS

JSON_FORMATS = ("json", "jsonl", "vega-lite")
SGR = re.compile("\x1b\\[[0-9;]*m")  # Rich's own colours, on a terminal that asked for them
# The payload's first ESC as every text format shows it, with the text after it: \x1b (\u001b in the compact JSON
# of a CSV or TSV cell holding a list), its bracket escaped in Markdown, its backslash in TSV, BibTeX and DOT, its
# bracket and semicolon as Mermaid's entity codes.
SHOWN = re.compile(r"\\{1,2}(?:x1b|u001b)(?:\\?\]|#93;)0(?:;|#59;)owned-title")
# A pipe; a terminal (faked) without colour and with it; a pipe whose colour FORCE_COLOR turns on.
MODES = ("pipe", "terminal", "colour", "forced")


class Ran:
    def __init__(self, code: int, stdout: str, stderr: str, exception: BaseException | None) -> None:
        self.code, self.stdout, self.stderr, self.exception = code, stdout, stderr, exception


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_region(tmp_path_factory.mktemp("hostile"))


def command_line(command: str, case: Case, fmt: str | None, region: Path) -> list[str]:
    db = str(region.parent / f"out{HOSTILE_NAME}.db")
    args = [db if arg == DB else str(region) if arg == DATA else arg for arg in case.args]
    return ["--data", str(region), command, *args, *(["-f", fmt] if fmt else [])]


def run(args: list[str], mode: str) -> Ran:
    streams = None if mode in ("pipe", "forced") else IOStreams.fake(terminal=True, width=80,
                                                                      color="always" if mode == "colour" else "never")
    result = CliRunner().invoke(app, args, obj=streams, env={"FORCE_COLOR": "1"} if mode == "forced" else {})
    stdout = (streams.output() if streams else "") + result.stdout  # help and usage are Click's, on sys.stdout
    return Ran(result.exit_code, stdout, result.stderr, result.exception)


def formats_of(command: str, case: Case) -> tuple[str | None, ...]:
    written = COMMANDS[command].formats
    return (None,) if not written else case.formats or written


def runs(command: str, region: Path) -> list[tuple[Case, str | None, str, Ran]]:
    return [(case, fmt, mode, run(command_line(command, case, fmt, region), mode))
            for case in CASES[command] for fmt in formats_of(command, case) for mode in MODES]


def leaks(text: str, fmt: str | None) -> list[str]:
    """The raw characters of `text` a terminal would act on, but what the format carries itself: CSV's CR LF line
    ends and TSV's tabs between columns (TSV escapes a tab in a cell)."""
    if fmt == "csv":
        text = text.replace("\r\n", "\n")
    if fmt == "tsv":
        text = text.replace("\t", " ")
    return [f"U+{ord(char):04X}" for char in sorted(set(RAW.findall(text)))]


def problems_of(command: str, case: Case, fmt: str | None, mode: str, ran: Ran, plain: str | None) -> list[str]:
    """What is wrong with one run: an empty list when nothing is."""
    wrong = []
    if ran.code != case.code:
        wrong.append(f"exit {ran.code}, not {case.code}: {ran.stderr!r} {ran.exception!r}")
    if not isinstance(ran.exception, (SystemExit, type(None))) or "Traceback" in ran.stdout + ran.stderr:
        wrong.append(f"traceback: {ran.exception!r}")
    stdout = ran.stdout
    if mode in ("colour", "forced"):
        stdout = SGR.sub("", stdout)
        if mode == "colour" and stdout != plain:  # colour may add only colour: anything else came from the data
            wrong.append("the coloured output is not the plain one with colour added")
    if leaks(stdout, fmt):
        wrong.append(f"stdout raw: {leaks(stdout, fmt)}")
    shown_whole = mode in ("pipe", "forced")  # a terminal's table may fold a cell anywhere
    if shown_whole and fmt not in JSON_FORMATS and len(SHOWN.findall(stdout)) != stdout.count("owned-title"):
        wrong.append("the payload's ESC is dropped or replaced, not shown as \\x1b")
    if RAW.search(ran.stderr):
        wrong.append(f"stderr raw: {ran.stderr!r}")
    if len(ran.stderr.splitlines()) > 1:
        wrong.append(f"stderr is not one line: {ran.stderr!r}")
    if ran.code == 0 and (fmt in JSON_FORMATS or command == "schema"):
        try:
            documents = [json.loads(line) for line in stdout.splitlines()] if fmt == "jsonl" else [json.loads(stdout)]
        except ValueError as error:
            wrong.append(f"not JSON: {error}")
        else:  # the data exact; a Vega-Lite spec's drawn text is shown, as a picture shows it
            wrong += [f"JSON changed the data: {text!r}" for document in documents for text in strings(document)
                      if fmt != "vega-lite" and "owned-title" in text and PAYLOAD not in text
                      and not text.startswith("https:")]
    return [f"{command} {' '.join(case.args)!r} -f {fmt} ({mode}): {problem}" for problem in wrong]


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (*strings(key), *strings(item))]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def test_every_command_has_its_arguments_chosen() -> None:
    assert set(CASES) == set(COMMANDS), "choose arguments in hostile_region.CASES for every registered command"
    for command, cases in CASES.items():
        assert cases, command
        covered = {fmt for case in cases if case.code != 2 for fmt in formats_of(command, case)}  # results written
        assert covered == set(COMMANDS[command].formats or (None,)), (command, "formats run", covered)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_format_of_every_command_shows_hostile_text_and_never_obeys_it(region: Path, command: str) -> None:
    wrong: list[str] = []
    done = runs(command, region)
    plain = {(case, fmt): ran.stdout for case, fmt, mode, ran in done if mode == "terminal"}
    for case, fmt, mode, ran in done:
        wrong += problems_of(command, case, fmt, mode, ran, plain.get((case, fmt)))
    assert not wrong, "\n".join(wrong)


def test_show_gives_the_data_exactly_in_json_and_shows_it_in_a_table_and_markdown(region: Path) -> None:
    def shown(fmt: str) -> str:
        result = CliRunner().invoke(app, ["--data", str(region), "show", "speaker", "-f", fmt])
        assert result.exit_code == 0, result.stderr
        return result.stdout

    data = json.loads(shown("json"))
    assert (data["name"], data["aliases"], data["statements"][0]["summary"]) == (
        hostile("人物"), [hostile("人物别名")], hostile("说法"))
    for fmt in ("table", "markdown"):
        text = re.sub(r"\\(.)", r"\1", shown(fmt)) if fmt == "markdown" else shown(fmt)  # as GitHub renders it
        assert "\\x1b]0;owned-title\\x07" in text and "<U+202E>" in text and "\\x9b" in text, fmt


# Every registered command's cases in every format it writes, one drawn at a time, on a region of random hostile
# text: whatever the exit code its arguments now give, nothing raw, no traceback, no exit 70.
EVERY_RUN = [(command, case, fmt) for command in COMMANDS for case in CASES[command]
             for fmt in formats_of(command, case)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.text(st.sampled_from(["\x1b", "\x9b", "\u202e", "\u2067", "\x07", "\r", "\x7f", "\x85", "[",
                                        "]", "2", ";", "a", "临", "\\", '"', "\u2028", "\x00", "\t", "\n"]),
                       min_size=1, max_size=12),
       chosen=st.sampled_from(EVERY_RUN), mode=st.sampled_from(MODES))
def test_any_control_text_is_never_raw(tmp_path_factory: pytest.TempPathFactory, payload: str,
                                       chosen: tuple[str, Case, str | None], mode: str) -> None:
    command, case, fmt = chosen
    region = write_region(tmp_path_factory.mktemp("random"), payload)
    ran = run(command_line(command, case, fmt, region), mode)
    assert ran.code in (0, 1, 2, 3) and isinstance(ran.exception, (SystemExit, type(None))), (ran.code, ran.stderr)
    stdout = SGR.sub("", ran.stdout) if mode in ("colour", "forced") else ran.stdout
    assert not leaks(stdout, fmt) and not leaks(ran.stderr, None), (leaks(stdout, fmt), ran.stderr)
    shown = run(["--data", str(region), "show", "speaker", "--json"], "pipe")
    data = json.loads(shown.stdout)
    assert (data["name"], data["aliases"]) == ("人物" + payload, ["人物别名" + payload])


@pytest.mark.parametrize("shell", ["zsh", "fish", "bash"])
def test_completion_menus_show_hostile_names_and_leave_out_values_they_cannot_show(region: Path, shell: str) -> None:
    """zsh and fish print a candidate's description (an entry's name) in their menu; a category or tag is
    inserted as it is, so one holding a control character is not offered at all."""
    def offered(words: str) -> str:
        env = {"_LINPING_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words, "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split())), "_TYPER_COMPLETE_FISH_ACTION": "get-args",
               "LINPING_DATA": str(region)}
        result = CliRunner().invoke(app, [], env=env)
        between = re.sub("[\t\n]", " ", result.stdout)  # what each shell's protocol puts between candidates
        assert result.exit_code == 0 and not RAW.search(between), (words, result.stdout)
        return result.stdout

    assert "hub" in offered("linping show ")
    assert "tagword" in offered("linping list --tag ") and "标签" not in offered("linping list --tag ")
    assert "类别" not in offered("linping list --category ")
