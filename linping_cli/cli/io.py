"""The streams a run reads and writes, and what they are: a terminal or not, colour, width, a pager.

Long output on a terminal goes through a pager, as git and gh do: $LINPING_PAGER, $PAGER, else `less -FRX`.

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

    def note(self, message: str) -> None:
        """One line on stderr, `linping:` first, whatever the message holds: dataset text is shown, never obeyed."""
        from linping_cli.output.safe import visible

        print(f"linping: {visible(message)}", file=self.stderr)

    def write(self, write: Callable[[IO[str]], object]) -> None:
        """Run `write` on stdout; on a terminal, what is longer than the screen goes through the pager."""
        if not (self.pager and self.terminal):
            self.write_stdout(write)
            return
        buffer = io.StringIO()
        write(buffer)
        text = buffer.getvalue()
        if text.count("\n") >= shutil.get_terminal_size().lines:
            command = pager_command(self.env)
            if command is not None and page(text, command, self.env, self.stdout):
                return
        self.write_stdout(lambda stream: stream.write(text))


def is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def pager_command(env: Mapping[str, str]) -> list[str] | None:
    """The pager to run, split into words; None when the user asked for none (an empty value, or `cat`)."""
    chosen = env.get("LINPING_PAGER", env.get("PAGER"))
    if chosen is None:
        return ["less", "-FRX"]
    import shlex

    words = shlex.split(chosen)
    return words if words and words != ["cat"] else None


def page(text: str, command: list[str], env: Mapping[str, str], stdout: IO[str] | None) -> bool:
    """Show `text` through `command`; False, having shown nothing, when the pager cannot be started."""
    import subprocess

    # less without -R would show colour codes as text; as git does, give it FRX unless the user set LESS.
    env = {**env, "LESS": env.get("LESS", "FRX"), "LV": env.get("LV", "-c")}
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    encoding = getattr(stdout, "encoding", None) or "utf-8"
    try:
        process.stdin.write(text.encode(encoding, errors="backslashreplace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit before the end
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue
