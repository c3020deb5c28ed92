"""Turn dataset files into what the cache keeps: checked, packed, and indexed for search.

Only a cache miss or `linping validate` comes here. Each file is read, checked, packed
and indexed on its own, in parallel child processes when the dataset is large enough
to repay starting them (the modules only they need are imported there); then the
problems that span files are checked and the parts are joined.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, repeat
from operator import add
from pathlib import Path
from typing import IO, Any, NoReturn

from linping_cli.cache import FileSlice
from linping_cli.errors import Problem
from linping_cli.indexing import build_index
from linping_cli.validation import FileReport, check_file, check_region

PARALLEL_BYTES = 2_000_000  # below this, starting processes costs more than it saves
_LENGTH = 8  # bytes of the offset, at the end of a child's results file, where its pickled parts start


class FilePart:
    """One checked file: its report, and its valid entries packed (when it had no problems)."""

    __slots__ = ("index", "report", "row_lengths", "rows")

    def __init__(self, report: FileReport, pack: bool) -> None:
        self.report = report
        self.rows: bytes | FileSlice = b""
        self.row_lengths: list[int] = []
        # kind -> (its keys, where each entry's keys start)
        self.index: dict[str, tuple[bytes | FileSlice, list[int]]] = {}
        if pack and not report.problems:
            dumped = [marshal.dumps(row) for row in report.rows]
            self.rows = b"".join(dumped)
            self.row_lengths = [len(row) for row in dumped]
            self.index = build_index(report.rows)
        report.rows = []  # packed or not needed: do not carry them between processes

    def spill(self, out: IO[bytes]) -> None:
        """In a child: write the blobs to `out`, keeping only where each lies, for `unspill`."""
        def put(blob: bytes) -> tuple[int, int]:
            at = out.tell()
            out.write(blob)
            return at, len(blob)

        self._map_blobs(put)

    def unspill(self, out: IO[bytes]) -> None:
        """In the parent: the blobs a child spilled to `out`, as slices of it."""
        self._map_blobs(lambda at: FileSlice(out, *at))

    def _map_blobs(self, change: Callable[[Any], Any]) -> None:
        self.rows = change(self.rows)
        self.index = {kind: (change(keys), starts) for kind, (keys, starts) in self.index.items()}


def build_file(path: Path, pack: bool = True) -> FilePart:
    return FilePart(check_file(path), pack)


def check_groups(groups: Sequence[Sequence[Path]], *, pack: bool = True,
                 jobs: int | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """Check each group of files as one region: the regions, sources and packed files, and every problem."""
    paths = [path for group in groups for path in group]
    parts = iter(_map(build_file, paths, pack, _jobs(paths) if jobs is None else jobs))
    checked: dict[str, Any] = {"regions": [], "sources": [], "parts": []}
    problems: list[Problem] = []
    seen_regions: dict[str, str] = {}
    for group in groups:
        group_parts = [next(parts) for _ in group]
        reports = [part.report for part in group_parts]
        region, spanning = check_region(reports)
        found = [problem for report in reports for problem in report.problems] + spanning
        problems.extend(sorted(found, key=lambda p: (p.file, p.line or 0)))
        if region is None:
            continue
        if region["id"] in seen_regions:
            problems.append(Problem(str(group[0]), None, None, "meta.id",
                                    f"region {region['id']!r} is already loaded from {seen_regions[region['id']]}"))
            continue
        seen_regions[region["id"]] = str(group[0])
        checked["regions"].append(region)
        checked["sources"] += [{**source, "region": region["id"]} for report in reports for source in report.sources]
        checked["parts"] += [(region["id"], part) for part in group_parts]
    return checked, problems


def pack(checked: dict[str, Any]) -> tuple[dict[str, Any], list[bytes | FileSlice]]:
    """Checked data as the cache keeps it: plain data, and the blobs of the rows and index parts, in order."""
    parts: list[FilePart] = [part for _, part in checked["parts"]]
    blobs = [part.rows for part in parts]
    layout: dict[str, tuple[int, int]] = {}
    position = sum(len(blob) for blob in blobs)
    for kind in (parts[0].index if parts else ()):
        starts, size = array("q"), 0
        for part in parts:
            keys, part_starts = part.index[kind]
            starts.extend(map(add, part_starts, repeat(size)))
            size += len(keys)
            blobs.append(keys)
        blobs.append(starts.tobytes())
        layout[kind] = (position, size)
        layout[kind + ":starts"] = (position + size, len(blobs[-1]))
        position += size + len(blobs[-1])
    payload = {
        "regions": checked["regions"],
        "sources": checked["sources"],
        "ids": "\n".join(entry[0] for part in parts for entry in part.report.entries),
        "regions_of": "\n".join(region for region, part in checked["parts"] for _ in part.report.entries),
        "types": "\n".join(entry[1] for part in parts for entry in part.report.entries),
        "offsets": _offsets(chain.from_iterable(part.row_lengths for part in parts)).tobytes(),
        "search": layout,
    }
    return payload, blobs


def _offsets(lengths: Iterable[int]) -> array[int]:
    """Where each of a run of parts starts, given their lengths, and where the last one ends."""
    offsets = array("q", [0])
    offsets.extend(accumulate(lengths))
    return offsets


def _jobs(paths: Sequence[Path]) -> int:
    if len(paths) < 2 or not hasattr(os, "fork"):
        return 1
    try:
        size = sum(path.stat().st_size for path in paths)
    except OSError:
        return 1  # check_file reports it
    if size < PARALLEL_BYTES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, len(paths))


def _map(work: Callable[[Path, bool], FilePart], paths: list[Path], pack: bool, jobs: int) -> list[FilePart]:
    """work(path, pack) for every path, done by this process and `jobs - 1` forked children together.

    The children are forked first, while this process is small. Every process takes the
    next file from one queue, biggest first, until none is left, so none sits idle while
    another still has a share to do. Each child writes its results to a nameless temporary
    file rather than a pipe, so it never waits for this process to read. A file that a
    child took but did not finish (it could not be started, was killed, or ran out of disk)
    is done here at the end; a child's error is raised here.
    """
    order = _biggest_first(paths) if jobs > 1 and len(paths) <= _QUEUE_LIMIT else None
    if order is None:
        return [work(path, pack) for path in paths]
    results: dict[int, FilePart] = {}
    children: list[_Child] = []
    queue = _queue(order)
    try:
        for _ in range(jobs - 1):
            if not _fork(work, paths, pack, queue, children):
                break
        results.update((index, work(paths[index], pack)) for index in _taken(queue))
        while children:
            results.update(children[0].collect())
            children.pop(0)
        results.update((index, work(path, pack)) for index, path in enumerate(paths) if index not in results)
    finally:
        os.close(queue)
        for child in children:
            child.stop()
    return [results[index] for index in range(len(paths))]


def _biggest_first(paths: list[Path]) -> list[int] | None:
    try:
        sizes = [path.stat().st_size for path in paths]
    except OSError:
        return None  # check_file reports it
    return sorted(range(len(paths)), key=lambda index: -sizes[index])


_QUEUE_LIMIT = 16_384  # files: their indices, 4 bytes each, must fit in a pipe's 64 KiB before anyone reads


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


class _Child:
    """A forked process taking files from the queue, and the file its results come back in."""

    def __init__(self, pid: int, out: IO[bytes]) -> None:
        self.pid, self.out = pid, out

    def collect(self) -> list[tuple[int, FilePart]]:
        """(index, part) for each file the child did; none if it ended without its results."""
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            self.out.close()
            return []
        import pickle

        self.out.seek(-_LENGTH, os.SEEK_END)
        self.out.seek(int.from_bytes(self.out.read(_LENGTH), "little"))
        done = pickle.load(self.out)
        if isinstance(done, str):
            self.out.close()
            raise RuntimeError(f"a child process checking files failed: {done}")
        for _, part in done:
            part.unspill(self.out)  # the file stays open as long as its slices are wanted
        return done  # type: ignore[no-any-return]

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # it may have ended, and been waited for
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.out.close()


def _fork(work: Callable[[Path, bool], FilePart], paths: list[Path], pack: bool, queue: int,
          children: list[_Child]) -> bool:
    """Start a child taking files from `queue` and add it to `children`; False if none could be started."""
    import tempfile

    try:
        out = tempfile.TemporaryFile()  # noqa: SIM115 - the child's results; closed by collect or stop, or with its slices
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
        _run_child(work, paths, pack, queue, out, mask)
    children.append(_Child(pid, out))
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return True


def _run_child(work: Callable[[Path, bool], FilePart], paths: list[Path], pack: bool, queue: int, out: IO[bytes],
               mask: Iterable[int]) -> NoReturn:
    """In the child: do files from the queue, store the results (or why it failed), and leave without any cleanup."""
    import pickle
    import traceback

    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        done: list[tuple[int, FilePart]] | str = []
        try:
            for index in _taken(queue):
                part = work(paths[index], pack)
                part.spill(out)  # now, so this process never holds more than one file's blobs
                done.append((index, part))
        except Exception as error:  # a bug: the parent raises it
            done = "".join(traceback.format_exception_only(error)).strip()
        at = out.tell()
        pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(at.to_bytes(_LENGTH, "little"))
        out.flush()
        status = 0
    finally:
        os._exit(status)
