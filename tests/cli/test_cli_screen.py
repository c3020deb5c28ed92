"""What a person sees in a real terminal (tmux), through the installed command: widths, colour, pager, help."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SCRIPT

END = "<<done>>"

pytestmark = pytest.mark.tool("tmux", "linping")


class Screen:
    """One tmux session of a given size running one shell line; read it as the user would.

    Each has a tmux server of its own (its own socket), so no other run of the tests can end or share it.
    """

    def __init__(self, name: str, socket: Path) -> None:
        self.name = name
        self.tmux = ["tmux", "-S", str(socket)]

    def text(self, *, escapes: bool = False) -> str:
        args = [*self.tmux, "capture-pane", "-p", "-t", self.name] + (["-e"] if escapes else [])
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def wait_for(self, needle: str) -> str:
        """The screen once it shows `needle` (polled; the limit only stops a hung test)."""
        return self.wait_until(lambda shown: needle in shown, f"{needle!r} never appeared")

    def wait_until(self, ready: Callable[[str], bool], failure: str) -> str:
        for _ in range(400):
            shown = self.text()
            if ready(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{failure}:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)


@pytest.fixture
def screen(tmp_path: Path) -> Iterator[Screen]:
    name = f"linping-{uuid.uuid4().hex[:8]}"
    found = Screen(name, tmp_path / "tmux.socket")
    yield found
    subprocess.run([*found.tmux, "kill-server"], capture_output=True)


def start(screen: Screen, tmp_path: Path, line: str, *, width: int = 80, height: int = 24,
          env: dict[str, str] | None = None) -> None:
    settings = {"PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}", "TERM": "xterm-256color",
                "LINPING_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path), **(env or {})}
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in settings.items())
    unset = "unset NO_COLOR FORCE_COLOR PAGER LINPING_PAGER LINPING_DATA LINPING_LANG COLUMNS LINES LESS"
    # The end marker is typed as two halves, so the command line itself never shows it.
    shell = f"{unset}; export {exports}; {line}; echo '<<do''ne>>'; sleep 60"
    subprocess.run([*screen.tmux, "new-session", "-d", "-s", screen.name, "-x", str(width), "-y", str(height),
                    "bash", "--norc", "--noprofile", "-c", shell], check=True)


def ids(*args: str) -> list[str]:
    listed = subprocess.run([str(SCRIPT), "list", *args, "-f", "tsv", "--fields", "id"], capture_output=True,
                            text=True, check=True)
    return listed.stdout.split()[1:]


def test_80_columns_keep_ids_whole_and_say_what_was_dropped(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list figure --year 2024 --no-pager", height=60)
    shown = screen.wait_for(END)
    expected = ids("figure", "--year", "2024")
    assert len(expected) > 5
    assert all(key in shown.split() for key in expected)  # each id whole, on one line
    assert "name_en, source" in shown and "left out to fit 80 columns" in shown
    assert shown.split()[:2] == ["id", "name"] and all(len(line.rstrip()) <= 80 for line in shown.splitlines())


def test_200_columns_have_room_for_name_en(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list figure --category trade --no-pager", width=200)
    shown = screen.wait_for(END)
    assert shown.split()[:3] == ["id", "name", "name_en"]
    assert "Total imports and exports, 2024" in shown and "left out" not in shown


def test_numbers_are_right_aligned(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list figure --category trade --no-pager", width=200)
    lines = screen.wait_for(END).splitlines()

    def column_after(line: str, number: str) -> int:  # where `number` ends on screen; Chinese takes two cells
        before = line[:line.index(f" {number} ") + len(number) + 1]
        return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in before)

    ends = [column_after(line, number) for line in lines for number in ("499", ">460", "88") if f" {number} " in line]
    assert len(ends) == 3 and ends[0] == ends[1] == ends[2]


def test_sources_stay_readable_at_80_columns(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping sources --no-pager")
    shown = screen.wait_for(END)
    assert "000_f15d39121070376d.txt" in shown.split() and "004_2e8b7f18f2c2e2c7.txt" in shown.split()
    assert "临平加快构建" in shown and "entries" in shown  # the headline, wrapped if need be, but there


@pytest.mark.parametrize(("line", "coloured"), [
    ("linping list figure --category trade --no-pager", True),
    ("NO_COLOR=1 linping list figure --category trade --no-pager", False),
    ("linping list figure --category trade --no-pager --color never", False),
    ("linping list figure --category trade --no-pager --color always | cat", True),
])
def test_colour_on_a_terminal_and_none_when_asked(screen: Screen, tmp_path: Path, line: str, coloured: bool) -> None:
    start(screen, tmp_path, line)
    screen.wait_for(END)
    assert ("\x1b[" in screen.text(escapes=True)) is coloured


def test_long_output_goes_through_the_pager_until_q(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list")
    shown = screen.wait_until(lambda text: text.rstrip().endswith(":"), "less never showed its prompt")
    assert END not in shown  # less waits for a key
    screen.keys("q")
    assert END in screen.wait_for(END)
    assert "id" in shown


def test_no_pager_and_pipes_are_never_paged(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list --no-pager | tail -n 1; linping list | wc -l; linping list --no-pager",
          height=24)
    shown = screen.wait_for(END)
    assert END in shown  # nothing waited for a key


def test_pager_is_the_users_choice(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list", env={"PAGER": "tail -n 2"})
    shown = screen.wait_for(END)
    assert len([line for line in shown.splitlines() if line.strip()]) == 3


def test_help_has_boxes_on_a_terminal_and_none_in_a_pipe(screen: Screen, tmp_path: Path) -> None:
    start(screen, tmp_path, "linping list --help | grep -c '[╭│╰]'; linping list --help --no-pager", height=150)
    shown = screen.wait_for(END)
    assert shown.splitlines()[0] == "0"
    assert "╭" in shown and "--data" in shown  # the global options, after the command too
