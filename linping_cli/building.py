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

from linping_cli.errors import Problem
from linping_cli.indexing import build_index
from linping_cli.validation import FileReport, check_file, check_region

PARALLEL_BYTES = 2_000_000  # below this, starting processes costs more than it saves


class FilePart:
    """One checked file: its report, and its valid entries packed (when it had no problems)."""

    __slots__ = ("index", "report", "row_lengths", "rows")

    def __init__(self, report: FileReport, pack: bool) -> None:
        self.report = report
        self.rows = b""
        self.row_lengths: list[int] = []
        self.index: dict[str, tuple[bytes, list[int]]] = {}  # kind -> (its keys, where each entry's keys start)
        if pack and not report.problems:
            dumped = [marshal.dumps(row) for row in report.rows]
            self.rows = b"".join(dumped)
            self.row_lengths = [len(row) for row in dumped]
            self.index = build_index(report.rows)
        report.rows = []  # packed or not needed: do not carry them between processes


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


def pack(checked: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
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
    """work(path, pack) for every path, shared between this process and `jobs - 1` forked children.

    The children are forked first, while this process is small. Each writes its results to
    a nameless temporary file rather than a pipe, so it never waits for this process to
    read. A child that cannot be started, or ends without its results, leaves its share
    to this process; a child's error is raised here.
    """
    shares = _shares(paths, jobs) if jobs > 1 else None
    if shares is None:
        return [work(path, pack) for path in paths]
    results: dict[int, FilePart] = {}
    children: list[_Child] = []
    try:
        for share in shares[1:]:
            if not _fork(work, paths, share, pack, children):
                shares[0] += share
        results.update((index, work(paths[index], pack)) for index in shares[0])
        while children:
            child = children[0]
            done = child.collect()
            # A child that ended without its results (killed, or out of disk for them): do its share here.
            results.update(done if done is not None else ((index, work(paths[index], pack)) for index in child.share))
            children.pop(0)
    finally:
        for child in children:
            child.stop()
    return [results[index] for index in range(len(paths))]


def _shares(paths: list[Path], jobs: int) -> list[list[int]] | None:
    """The indices of `paths` dealt into `jobs` shares of about equal size, biggest files first."""
    try:
        sizes = [path.stat().st_size for path in paths]
    except OSError:
        return None  # check_file reports it
    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for index in sorted(range(len(paths)), key=lambda i: -sizes[i]):
        share = loads.index(min(loads))
        shares[share].append(index)
        loads[share] += sizes[index]
    return shares


class _Child:
    """A forked process doing a share of the files, and the file its results come back in."""

    def __init__(self, pid: int, out: IO[bytes], share: list[int]) -> None:
        self.pid, self.out, self.share = pid, out, share

    def collect(self) -> Iterator[tuple[int, FilePart]] | None:
        """(index, part) for each file of its share, or None if the child ended without them."""
        _, status = os.waitpid(self.pid, 0)
        with self.out:
            if os.waitstatus_to_exitcode(status) != 0:
                return None
            self.out.seek(0)
            import pickle

            done = pickle.load(self.out)
        if isinstance(done, str):
            raise RuntimeError(f"a child process checking files failed: {done}")
        return zip(self.share, done, strict=True)

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # it may have ended, and been waited for
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.out.close()


def _fork(work: Callable[[Path, bool], FilePart], paths: list[Path], share: list[int], pack: bool,
          children: list[_Child]) -> bool:
    """Start a child doing `share` and add it to `children`; False if none could be started."""
    import tempfile

    try:
        out = tempfile.TemporaryFile()  # noqa: SIM115 - the child's results; closed by collect or stop
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
        _run_child(work, [paths[index] for index in share], pack, out, mask)
    children.append(_Child(pid, out, share))
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return True


def _run_child(work: Callable[[Path, bool], FilePart], paths: list[Path], pack: bool, out: IO[bytes],
               mask: Iterable[int]) -> NoReturn:
    """In the child: do the work, store the results (or why it failed), and leave without any cleanup."""
    import pickle
    import traceback

    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        try:
            done: list[FilePart] | str = [work(path, pack) for path in paths]
        except Exception as error:  # a bug: the parent raises it
            done = "".join(traceback.format_exception_only(error)).strip()
        pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        status = 0
    finally:
        os._exit(status)
