"""Do one piece of work per file, shared between this process and forked children.

Only building a dataset's cache comes here, for datasets large enough to repay starting
processes. Every process takes the next file from one queue, biggest first, until none
is left, so none sits idle while another still has files to do. A child writes each
result to a nameless temporary file (its big bytes first, as the result's `spill` puts
them, then the rest pickled) and then tells the parent where it lies, through a pipe
the parent reads between its own files: reading a child's results is part of the shared
work, not a wait at the end. A file a child took but never reported (it could not be
started, was killed, or ran out of disk) is done here at the end; a child's error is
raised here.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, NoReturn, Protocol, TypeVar

QUEUE_LIMIT = 16_384  # files: their indices, 4 bytes each, must fit in a pipe's 64 KiB before anyone reads
_FAILED = 2**32 - 1  # the file index of a report that carries a child's error instead of a result
_REPORT = 24  # bytes of a report: child, file index, offset and size of the pickled result


class Spillable(Protocol):
    def spill(self, out: IO[bytes]) -> None:
        """In a child: move the big bytes to `out`, keeping where they lie."""

    def unspill(self, out: IO[bytes]) -> None:
        """In the parent: read what `spill` left as slices of `out`."""


Result = TypeVar("Result", bound=Spillable)


def map_files(work: Callable[[Path], Result], paths: list[Path], jobs: int) -> list[Result]:
    """work(path) for every path, in the order given, with `jobs` processes in all."""
    order = _biggest_first(paths) if jobs > 1 and len(paths) <= QUEUE_LIMIT else None
    if order is None:
        return [work(path) for path in paths]
    results: dict[int, Result] = {}
    children: list[_Child] = []
    queue = _queue(order)
    reports, report_to = os.pipe()
    try:
        for _ in range(jobs - 1):  # first, while this process is small
            if not _fork(work, paths, queue, report_to, children):
                break
        os.close(report_to)
        report_to = -1
        os.set_blocking(reports, False)
        pending = bytearray()
        for index in _taken(queue):
            results[index] = work(paths[index])
            _read_reports(reports, pending, children, results)
        os.set_blocking(reports, True)
        _read_reports(reports, pending, children, results)  # until every child has ended
        while children:
            children.pop().end()
        results.update((index, work(path)) for index, path in enumerate(paths) if index not in results)
    finally:
        for descriptor in (queue, reports, report_to):
            if descriptor != -1:
                os.close(descriptor)
        for child in children:
            child.stop()
    return [results[index] for index in range(len(paths))]


def _biggest_first(paths: list[Path]) -> list[int] | None:
    try:
        sizes = [path.stat().st_size for path in paths]
    except OSError:
        return None  # the work reports it
    return sorted(range(len(paths)), key=lambda index: -sizes[index])


def _queue(order: list[int]) -> int:
    """A pipe holding the file indices to do, to be read 4 bytes at a time.

    A pipe hands each read's bytes to one reader only, so processes sharing it never take
    the same file.
    """
    read, write = os.pipe()
    try:
        os.write(write, b"".join(index.to_bytes(4, "little") for index in order))
    finally:
        os.close(write)
    return read


def _taken(queue: int) -> Iterator[int]:
    while taken := os.read(queue, 4):
        yield int.from_bytes(taken, "little")


def _read_reports(reports: int, pending: bytearray, children: list[_Child], results: dict[int, Result]) -> None:
    """Load the results children have reported: those ready now, or all of them once the pipe blocks."""
    while True:
        try:
            got = os.read(reports, _REPORT * 256)
        except BlockingIOError:
            return
        if not got:
            return  # every child has ended
        pending += got
        while len(pending) >= _REPORT:
            report = bytes(pending[:_REPORT])
            del pending[:_REPORT]
            child = children[int.from_bytes(report[:4], "little")]
            index = int.from_bytes(report[4:8], "little")
            loaded = child.load(int.from_bytes(report[8:16], "little"), int.from_bytes(report[16:], "little"))
            if index == _FAILED:
                raise RuntimeError(f"a child process checking files failed: {loaded}")
            results[index] = loaded


class _Child:
    """A forked process, and the file its results are in."""

    def __init__(self, pid: int, out: IO[bytes]) -> None:
        self.pid, self.out = pid, out
        self.used = False

    def load(self, offset: int, size: int) -> object:
        import pickle

        loaded = pickle.loads(os.pread(self.out.fileno(), size, offset))
        if not isinstance(loaded, str):
            loaded.unspill(self.out)
            self.used = True
        return loaded

    def end(self) -> None:
        """Wait for the child, which has ended or is ending; its file stays open while its slices are wanted."""
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        if not self.used:
            self.out.close()

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # it may have ended, and been waited for
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.out.close()


def _fork(work: Callable[[Path], Spillable], paths: list[Path], queue: int, report_to: int,
          children: list[_Child]) -> bool:
    """Start a child doing files from `queue` and add it to `children`; False if none could be started."""
    import tempfile

    try:
        out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by end or stop, or once its slices are dropped
    except OSError:
        return False
    # Ctrl-C waits until the child is on the list the parent cleans up, and until the child ignores it.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        out.close()
        return False
    if pid == 0:
        _run_child(work, paths, queue, report_to, len(children), out, mask)
    children.append(_Child(pid, out))
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return True


def _run_child(work: Callable[[Path], Spillable], paths: list[Path], queue: int, report_to: int, number: int,
               out: IO[bytes], mask: Iterable[int]) -> NoReturn:
    """In the child: do files from the queue, reporting each result (or why it failed), and leave without cleanup."""
    import pickle
    import traceback

    def report(index: int, result: object) -> None:
        at = out.tell()
        pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()  # before the parent hears of it
        os.write(report_to, b"".join(value.to_bytes(width, "little") for value, width in (
            (number, 4), (index, 4), (at, 8), (out.tell() - at, 8))))

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        try:
            for index in _taken(queue):
                result = work(paths[index])
                result.spill(out)  # now, so this process never holds more than one file's bytes
                report(index, result)
        except Exception as error:  # a bug: the parent raises it
            report(_FAILED, "".join(traceback.format_exception_only(error)).strip())
    finally:
        os._exit(0)
