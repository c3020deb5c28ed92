"""One IOStreams per run, which a test fakes (a terminal of some width, colour or none), and one writer: every
empty result the same in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import FIXTURE, Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.cli.io import IOStreams
from linping_cli.output.tables import display_width


def on(streams: IOStreams, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--data", str(FIXTURE), *args], obj=streams)
    return result.exit_code, streams.output()


@pytest.mark.parametrize("width", [50, 80, 160])
def test_a_fake_terminal_of_any_width_gets_a_table_that_fits(width: int) -> None:
    code, shown = on(IOStreams.fake(terminal=True, width=width, color="never"), "list", "company")
    lines = shown.splitlines()
    assert code == 0 and lines[0].split()[0] == "id"
    assert all(display_width(line) <= width for line in lines), shown
    assert ("left out to fit" in shown) is (width < 160)


def test_colour_follows_the_streams_and_the_choice() -> None:
    assert "\x1b[" in on(IOStreams.fake(terminal=True), "list", "figure")[1]
    assert "\x1b[" not in on(IOStreams.fake(terminal=True, env={"NO_COLOR": "1"}), "list", "figure")[1]
    assert "\x1b[" not in on(IOStreams.fake(terminal=False), "list", "figure")[1]
    assert "\x1b[" in on(IOStreams.fake(terminal=False, color="always"), "list", "figure")[1]


def test_json_is_indented_on_a_terminal_and_compact_in_a_pipe() -> None:
    shown = on(IOStreams.fake(terminal=True), "show", "gdp-2024", "--json")[1]
    assert shown.startswith("{\n  ") and json.loads(shown)["id"] == "gdp-2024"
    assert on(IOStreams.fake(terminal=False), "show", "gdp-2024", "--json")[1].startswith('{"id": ')


NOTHING = [
    ["search", "nothing-at-all"],
    ["list", "figure", "--year", "1999"],
    ["facts", "--year", "1999"],
    ["timeline", "--from", "2099"],
    ["values", "tag", "--type", "project"],
    ["ask", "what is the population of the moon"],
]


@pytest.mark.parametrize("args", NOTHING, ids=[a[0] for a in NOTHING])
def test_nothing_found_is_exit_1_a_note_and_the_empty_form_of_each_format(run_fixture: Runner, args: list[str]
                                                                         ) -> None:
    for fmt in ("table", "json", "jsonl", "csv", "tsv", "markdown"):
        result = run_fixture(*args, "--format", fmt)
        assert result.exit_code == 1, (fmt, result.stderr)
        assert result.stderr.startswith("linping: ") and len(result.stderr.splitlines()) == 1, (fmt, result.stderr)
        if fmt in ("table", "jsonl"):
            assert result.stdout == "", fmt
        elif fmt == "json":
            assert json.loads(result.stdout) in ([], {"question": args[1], "answers": []}), result.stdout
        elif fmt in ("csv", "tsv"):
            rows = list(csv.reader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t"))
            assert len(rows) == 1 and rows[0], fmt  # the header alone
            headerless = run_fixture(*args, "--format", fmt, "--no-headers")
            assert (headerless.exit_code, headerless.stdout) == (1, "")
        else:
            assert result.stdout.count("\n") == 2 and result.stdout.startswith("| "), result.stdout
