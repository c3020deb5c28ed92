"""A long build's progress on stderr: files and entries done, of how many, shown once it has run a second."""

from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

DELAY = 1.0  # seconds: a build quicker than this shows nothing


class Progress:
    """Counts what a build has done and, when it has a terminal to show it on, shows it after DELAY.

    Rich is imported only when the bar first shows, so a quick build never pays for it.
    """

    def __init__(self, files: list[Path], stream: IO[str] | None, delay: float = DELAY) -> None:
        self._files = files
        self._stream = stream  # None: count only, show nothing
        self._delay = delay
        self._started = time.monotonic()
        self._files_done = self._entries_done = 0
        self._bar: Any = None
        self._task: Any = None

    @classmethod
    def off(cls) -> Progress:
        return cls([], None)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, entries: int) -> None:
        """One more file is done, holding `entries` entries."""
        self._files_done += 1
        self._entries_done += entries
        if self._stream is None:
            return
        if self._bar is None:
            if time.monotonic() - self._started < self._delay:
                return
            self._show()
        self._bar.update(self._task, completed=self._files_done, entries=self._entries_done)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        self._bar = Bar(TextColumn("checking data"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                        TextColumn("{task.fields[entries]:,} of about {task.fields[all_entries]:,} entries"),
                        TimeElapsedColumn(), console=Console(file=self._stream), transient=True)
        self._task = self._bar.add_task("", total=len(self._files), entries=0,
                                        all_entries=_entries_in(self._files))
        self._bar.start()


def _entries_in(files: list[Path]) -> int:
    """About how many entries the files hold: their entry table headers, counted without parsing."""
    count = 0
    for path in files:
        try:
            raw = b"\n" + path.read_bytes()
        except OSError:
            continue
        count += raw.count(b"\n[[") - raw.count(b"\n[[source]]")
    return count
