"""The streams a run reads and writes, and what they are: a terminal or not, colour, width, a pager.

Every command writes through one IOStreams, made from the process's streams when a run starts, or faked
by a test (`IOStreams.fake`) to be a terminal of some width without one: as gh's IOStreams does.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from typing import IO, Any

from linping_cli.cli.exit import OutputFailed, silence_stdout
from linping_cli.output.views import Target


class IOStreams:
    def __init__(self, stdin: IO[str] | None, stdout: IO[str] | None, stderr: IO[str], *, terminal: bool,
                 color: str = "auto", pager: bool = True, width: int | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.terminal = terminal  # stdout is a terminal: tables fit it, help is boxed, long output is paged
        self.color_choice = color  # auto, always or never
        self.pager = pager
        self._width = width
        self.env = os.environ if env is None else env

    @classmethod
    def system(cls, *, color: str = "auto", pager: bool = True) -> IOStreams:
        """The process's streams, as they are when the run starts (a test runner may have replaced them)."""
        return cls(sys.stdin, sys.stdout, sys.stderr, terminal=is_terminal(sys.stdout), color=color, pager=pager)

    @classmethod
    def fake(cls, *, terminal: bool = False, width: int = 80, color: str = "auto", stdin: str = "",
             env: Mapping[str, str] | None = None) -> IOStreams:
        """Streams in memory that say they are a terminal of `width` columns (or not); read back with `output()`."""
        return cls(io.StringIO(stdin), io.StringIO(), io.StringIO(), terminal=terminal, color=color, pager=False,
                   width=width, env=env or {})

    def output(self) -> str:
        """What was written to a fake stdout."""
        assert isinstance(self.stdout, io.StringIO)
        return self.stdout.getvalue()

    @property
    def color(self) -> bool:
        """--color always/never decide; auto follows NO_COLOR, then FORCE_COLOR, then TERM=dumb, then the terminal."""
        if self.color_choice != "auto":
            return self.color_choice == "always"
        if self.env.get("NO_COLOR"):
            return False
        if self.env.get("FORCE_COLOR"):
            return True
        return self.env.get("TERM") != "dumb" and self.terminal

    @property
    def width(self) -> int | None:
        """The terminal's width in cells ($COLUMNS first, as Rich reads it); None when stdout is no terminal."""
        if not self.terminal:
            return None
        return self._width or shutil.get_terminal_size().columns

    @property
    def ascii_only(self) -> bool:
        """Whether stdout cannot carry Chinese (LANG=C with an ASCII encoding, say)."""
        try:
            "临平".encode(getattr(self.stdout, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            return True
        return False

    def target(self) -> Target:
        return Target(color=self.color, terminal=self.terminal, width=self.width, ascii_only=self.ascii_only)

    def write_stdout(self, write: Callable[[IO[str]], object]) -> None:
        """Run `write` on stdout; if the reader has gone (`| head`), end quietly; OutputFailed if it cannot write."""
        stream = self.stdout
        if stream is None:
            raise OutputFailed("stdout is closed: nowhere to print the results")
        if self.ascii_only and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
        try:
            write(stream)
            stream.flush()
        except BrokenPipeError:
            silence_stdout()
        except OSError as error:
            silence_stdout()
            raise OutputFailed(f"cannot write the results: {error.strerror or error}") from None

    def show(self, text: str) -> None:
        """Text to stdout; on a terminal, text longer than the screen goes through the pager as git's does."""
        if self.pager and self.terminal and text.count("\n") >= shutil.get_terminal_size().lines:
            from linping_cli.cli import pager

            command = pager.pager_command(self.env)
            if command is not None and pager.page(text, command, self.env, self.stdout):
                return
        self.write_stdout(lambda stream: stream.write(text))


def is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
