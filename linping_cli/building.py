"""Turn dataset files into what the cache keeps: checked, packed, and indexed for search.

Only a cache miss or `linping validate` comes here. Each file is read, checked, packed
and indexed on its own, a batch of entries at a time, shared with forked child processes
when the dataset is large enough to repay starting them (see `parallel`); then the
problems that span files are checked and the parts are joined.
"""

from __future__ import annotations

import marshal
import os
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import accumulate, chain, repeat
from operator import add
from pathlib import Path
from typing import IO, Any

from linping_cli.errors import Problem
from linping_cli.index import KINDS
from linping_cli.indexing import build_index
from linping_cli.parallel import FileSlice, map_files
from linping_cli.reading import check_file
from linping_cli.validation import FileReport, check_region

PARALLEL_BYTES = 2_000_000  # below this, starting processes costs more than it saves


class FilePart:
    """One checked file: its report, and its valid entries packed (when it had no problems).

    It is the packer `check_file` hands each batch of valid entries to, as they are checked.
    """

    __slots__ = ("_keys", "_pack", "_rows", "_sizes", "_starts", "ids", "index", "report", "row_lengths", "rows",
                 "types")

    def __init__(self, pack: bool) -> None:
        self._pack = pack
        self.rows: bytes | FileSlice = b""
        self.ids = self.types = ""  # of its entries, a line each, joined here rather than by the parent
        # kind -> (its keys, where each entry's keys start)
        self.index: dict[str, tuple[bytes | FileSlice, array[int]]] = {}
        self.clear()

    def add(self, rows: list[dict[str, Any]]) -> None:
        if not self._pack:
            return  # only checking
        dumped = [marshal.dumps(row) for row in rows]
        self._rows.append(b"".join(dumped))
        self.row_lengths.extend(map(len, dumped))
        for kind, (keys, starts) in build_index(rows).items():
            self._starts[kind].extend(map(add, starts, repeat(self._sizes[kind])))
            self._keys[kind].append(keys)
            self._sizes[kind] += len(keys)

    def clear(self) -> None:
        # Arrays rather than lists: a hundred thousand entries' numbers are not a million objects to make and free.
        self.row_lengths = array("q")
        self._rows: list[bytes] = []  # each batch's, until `finish` joins them
        self._keys: dict[str, list[bytes]] = {kind: [] for kind in KINDS}
        self._starts: dict[str, array[int]] = {kind: array("q") for kind in KINDS}
        self._sizes = dict.fromkeys(KINDS, 0)  # of each kind's keys so far

    def finish(self, report: FileReport) -> None:
        """Take the file's report, and join the batches; or drop them, if the file had problems."""
        self.report = report
        if self._pack and not report.problems:
            self.ids = "\n".join(entry[0] for entry in self.report.entries)
            self.types = "\n".join(entry[1] for entry in self.report.entries)
            self.rows = b"".join(self._rows)
            self.index = {kind: (b"".join(self._keys[kind]), self._starts[kind]) for kind in KINDS}
        else:
            self.row_lengths = array("q")
        self._rows, self._keys, self._starts, self._sizes = [], {}, {}, {}

    def spill(self, out: IO[bytes]) -> None:
        """In a child: write the blobs to `out`, keeping only where each lies, for `unspill`."""
        def put(blob: bytes) -> tuple[int, int] | bytes:
            if not blob:
                return blob  # nothing to lend
            at = out.tell()
            out.write(blob)
            return at, len(blob)

        self._map_blobs(put)

    def unspill(self, out: IO[bytes]) -> bool:
        """In the parent: the blobs a child spilled to `out`, as slices of it; whether there were any."""
        spilled = [self.rows, *(keys for keys, _ in self.index.values())]
        self._map_blobs(lambda blob: FileSlice(out, *blob) if isinstance(blob, tuple) else blob)
        return any(isinstance(blob, tuple) for blob in spilled)

    def _map_blobs(self, change: Callable[[Any], Any]) -> None:
        self.rows = change(self.rows)
        self.index = {kind: (change(keys), starts) for kind, (keys, starts) in self.index.items()}


def build_file(path: Path, pack: bool = True) -> FilePart:
    part = FilePart(pack)
    part.finish(check_file(path, part))
    return part


def check_groups(groups: Sequence[Sequence[Path]], *, pack: bool = True,
                 jobs: int | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """Check each group of files as one region: the regions, sources and packed files, and every problem."""
    paths = [path for group in groups for path in group]
    parts = iter(map_files(partial(build_file, pack=pack), paths, _jobs(paths) if jobs is None else jobs))
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
    holding = [part for part in parts if part.report.entries]  # a file of no entries adds no line
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
        "ids": "\n".join(part.ids for part in holding),
        "regions_of": "\n".join("\n".join(repeat(region, len(part.report.entries)))
                                for region, part in checked["parts"] if part.report.entries),
        "types": "\n".join(part.types for part in holding),
        "offsets": _offsets(chain.from_iterable(part.row_lengths for part in parts)).tobytes(),
        "search": layout,
    }
    return payload, blobs


def release(blobs: Iterable[bytes | FileSlice]) -> None:
    """Close the files that the slices among `blobs` lie in, once they are copied."""
    for blob in blobs:
        if isinstance(blob, FileSlice):
            blob.file.close()


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
