"""Do one piece of work per file, shared between this process and forked children.

Only building a dataset's cache comes here, for datasets large enough to repay starting
processes. Every process takes the next file from one queue, biggest first, until none
is left, so none sits idle while another still has files to do. A child writes each
result to a nameless temporary file (its big bytes first, as the result's `spill` puts
them, then the rest pickled) and then tells the parent where it lies, through a pipe
the parent reads between its own files: reading a child's results is part of the shared
work, not a wait at the end. A file that a child took but never reported (the child was
killed, or could not write its result) is done here at the end; an error in the work
itself is raised here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import struct
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NoReturn, Protocol, TypeVar

from linping_cli.cache import write_all

_FAILED = 2**32 - 1  # the file index of a report that carries a child's error instead of a result
_REPORT = struct.Struct("<IIqq")  # child, file index, offset and size of the pickled result


class FileSlice:
    """Bytes that lie in another open file, which keeps them until they are copied on.

    Copying one into the cache goes from file to file in the kernel: the bytes never
    become Python objects.
    """

    __slots__ = ("file", "offset", "size")

    def __init__(self, file: IO[bytes], offset: int, size: int) -> None:
        self.file, self.offset, self.size = file, offset, size

    def __len__(self) -> int:
        return self.size

    def __bytes__(self) -> bytes:
        found = os.pread(self.file.fileno(), self.size, self.offset)
        if len(found) != self.size:
            raise OSError(f"expected {self.size} bytes, read {len(found)}")
        return found

    def copy_to(self, out: int) -> None:
        offset, left = self.offset, self.size
        in_kernel = True
        while left:
            sent = 0
            if in_kernel:
                try:
                    sent = os.sendfile(out, self.file.fileno(), offset, left)
                except OSError as error:
                    if error.errno not in _NO_SENDFILE:
                        raise
                    in_kernel = False
            if not in_kernel:  # no sendfile between files here (macOS): through this process, then
                sent = write_all(out, os.pread(self.file.fileno(), min(left, 1 << 24), offset))
            if sent == 0:
                raise OSError(f"{left} bytes missing from a file being copied into the cache")
            offset, left = offset + sent, left - sent


# What sendfile says where it cannot copy between these two files.
_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSOCK, errno.EOPNOTSUPP}


class Spillable(Protocol):
    def spill(self, out: IO[bytes]) -> None:
        """In a child: move the big bytes to `out`, keeping where they lie."""

    def unspill(self, out: IO[bytes]) -> bool:
        """In the parent: read what `spill` left as slices of `out`; whether it holds any, so `out` must stay open."""


Result = TypeVar("Result", bound=Spillable)


def map_files(work: Callable[[Path], Result], paths: list[Path], jobs: int) -> list[Result]:
    """work(path) for every path, in the order given, with up to `jobs` processes in all."""
    order = _biggest_first(paths) if jobs > 1 and hasattr(os, "fork") else None
    queue = _queue(order) if order is not None else None
    if queue is None:
        return [work(path) for path in paths]
    results: dict[int, Result] = {}
    children: list[_Child] = []
    reports = report_to = -1
    try:
        reports, report_to = os.pipe()
        for _ in range(jobs - 1):  # first, while this process is small
            if not _fork(work, paths, queue, (reports, report_to), children):
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
            children[-1].end()
            children.pop()
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


def _queue(order: list[int]) -> int | None:
    """A pipe holding the file indices to do, to be read 4 bytes at a time; None if they do not fit in it.

    A pipe hands each read's bytes to one reader only, so processes sharing it never take
    the same file.
    """
    read, write = os.pipe()
    try:
        os.set_blocking(write, False)  # a full pipe (64 KiB, or less on some systems) must not hang us
        indices = b"".join(index.to_bytes(4, "little") for index in order)
        written = os.write(write, indices)
    except BlockingIOError:
        written = -1
    finally:
        os.close(write)
    if written != len(indices):
        os.close(read)
        return None
    return read


def _taken(queue: int) -> Iterator[int]:
    while taken := os.read(queue, 4):
        yield int.from_bytes(taken, "little")


def _read_reports(reports: int, pending: bytearray, children: list[_Child], results: dict[int, Any]) -> None:
    """Load the results children have reported: those ready now, or all of them once the pipe blocks."""
    while True:
        try:
            got = os.read(reports, _REPORT.size * 256)
        except BlockingIOError:
            return
        if not got:
            return  # every child has ended
        pending += got
        while len(pending) >= _REPORT.size:
            number, index, offset, size = _REPORT.unpack_from(pending)
            del pending[:_REPORT.size]
            child = children[number]
            if index == _FAILED:
                raise RuntimeError(f"a child process checking files failed: {child.error(offset, size)}")
            results[index] = child.load(offset, size)


class _Child:
    """A forked process, and the file its results are in."""

    def __init__(self, pid: int, out: IO[bytes]) -> None:
        self.pid, self.out = pid, out
        self.lent = False  # whether results hold slices of `out`

    def load(self, offset: int, size: int) -> Spillable:
        import pickle

        result: Spillable = pickle.loads(os.pread(self.out.fileno(), size, offset))
        self.lent = result.unspill(self.out) or self.lent
        return result

    def error(self, offset: int, size: int) -> str:
        return os.pread(self.out.fileno(), size, offset).decode()

    def end(self) -> None:
        """Wait for the child, which has ended or is ending; its file stays open while its slices are wanted."""
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        if not self.lent:
            self.out.close()

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # it may have ended, and been waited for
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.out.close()


def _fork(work: Callable[[Path], Spillable], paths: list[Path], queue: int, reports: tuple[int, int],
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
        os.close(reports[0])  # so that were the parent to die, the child's next report fails and it ends
        _run_child(work, paths, queue, reports[1], len(children), out, mask)
    children.append(_Child(pid, out))
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return True


def _run_child(work: Callable[[Path], Spillable], paths: list[Path], queue: int, report_to: int, number: int,
               out: IO[bytes], mask: Iterable[int]) -> NoReturn:
    """In the child: do files from the queue, reporting each result (or an error in the work), and leave.

    It leaves without any cleanup, and without a word when it cannot write a result (out of
    disk, or the parent gone): the parent then does that file itself.
    """
    import pickle
    import traceback

    def report(index: int, result: object) -> None:
        at = out.tell()
        if isinstance(result, str):
            out.write(result.encode())
        else:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()  # before the parent hears of it
        os.write(report_to, _REPORT.pack(number, index, at, out.tell() - at))

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for index in _taken(queue):
            try:
                result = work(paths[index])
            except Exception as error:  # a bug: the parent raises it
                report(_FAILED, "".join(traceback.format_exception_only(error)).strip())
                break
            result.spill(out)  # now, so this process never holds more than one file's bytes
            report(index, result)
    finally:
        os._exit(0)
