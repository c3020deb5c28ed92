"""Turn dataset files into what the cache keeps: checked, indexed and packed; or just checked, for validate.

Each file is read, checked, indexed and packed on its own, in one process; then the
problems that span a region's files are checked and the files' parts are joined.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, repeat
from operator import add
from pathlib import Path
from typing import Any

from linping_cli.ingest import editorial
from linping_cli.ingest.checks import FileReport, check_region, check_units
from linping_cli.ingest.files import bundled_data_path, dataset_files, skipped_files
from linping_cli.ingest.index import build_index, near_words
from linping_cli.ingest.progress import Progress
from linping_cli.ingest.read import check_file
from linping_cli.model.errors import DataError, Problem
from linping_cli.store import cache
from linping_cli.store.dataset import Stored
from linping_cli.store.layout import KINDS, NEAR


class FilePart:
    """One checked file: its report and, when it had no problems and packing was asked for, its entries packed."""

    __slots__ = ("ids", "index", "names", "report", "row_crcs", "row_lengths", "rows", "types")

    def __init__(self, report: FileReport, pack: bool) -> None:
        self.report = report
        self.rows = b""
        self.row_lengths = array("q")
        self.row_crcs = array("I")  # each row's checksum, checked when it is read back
        self.ids = self.types = ""  # of its entries, a line each
        self.index: dict[str, tuple[bytes, list[int]]] = {}  # kind -> (its keys, where each entry's keys start)
        self.names: list[str] = []  # each entry's name and English name, in turn
        if pack and not report.problems:
            dumped = [marshal.dumps(row) for row in report.rows]
            self.rows = b"".join(dumped)
            self.row_lengths.extend(map(len, dumped))
            self.row_crcs.extend(map(zlib.crc32, dumped))
            self.ids = "\n".join(entry[0] for entry in report.entries)
            self.types = "\n".join(entry[1] for entry in report.entries)
            self.index = build_index(report.rows)
            self.names = [name for row in report.rows for name in (row["name"], row["name_en"])]
        if pack:
            report.rows = []  # validate keeps them for the editorial checks of the whole region


def check_groups(groups: Sequence[Sequence[Path]], *, pack: bool = True,
                 progress: Progress | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """Check each group of files as one region: the regions, sources and packed files, and every problem.

    Without `pack` (validate) the text is checked for control characters too, and the entries for what a
    fact-check can tell from the data alone (ingest/editorial.py).
    """
    progress = progress or Progress.off()
    checked: dict[str, Any] = {"regions": [], "sources": [], "parts": [], "synonyms": []}
    units: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    seen_regions: dict[str, str] = {}
    for group in groups:
        group_parts = []
        for path in group:
            part = FilePart(check_file(path, characters=not pack), pack)
            progress.advance(len(part.report.entries))
            group_parts.append(part)
        reports = [part.report for part in group_parts]
        region, spanning = check_region(reports)
        spanning += check_units(reports, units)
        if not pack:
            spanning += editorial.check_region(reports)
            for report in reports:
                report.rows = []
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
        checked["synonyms"] += [group for report in reports for group in report.synonyms]
    checked["units"] = list(units.values())
    return checked, problems


def pack(checked: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """Checked data as the cache keeps it: plain data, and the blobs of the rows and index parts, in order."""
    parts: list[FilePart] = [part for _, part in checked["parts"]]
    holding = [part for part in parts if part.report.entries]  # a file of no entries adds no line
    blobs = [part.rows for part in parts]
    layout: dict[str, tuple[int, int, int]] = {}  # part -> where it starts, its size, its checksum
    position = sum(len(blob) for blob in blobs)
    for kind in KINDS if parts else ():
        starts, size, crc = array("q"), 0, 0
        for part in parts:
            keys, part_starts = part.index.get(kind, (b"", []))
            starts.extend(map(add, part_starts, repeat(size)))
            size += len(keys)
            crc = zlib.crc32(keys, crc)
            blobs.append(keys)
        blobs.append(starts.tobytes())
        layout[kind] = (position, size, crc)
        layout[kind + ":starts"] = (position + size, len(blobs[-1]), zlib.crc32(blobs[-1]))
        position += size + len(blobs[-1])
    blobs.append(near_words(part.index for part in parts))
    layout[NEAR] = (position, len(blobs[-1]), zlib.crc32(blobs[-1]))
    position += len(blobs[-1])
    blobs.append(marshal.dumps([name for part in parts for name in part.names]))
    names = (position, len(blobs[-1]), zlib.crc32(blobs[-1]))
    payload = {
        "regions": checked["regions"],
        "sources": checked["sources"],
        "ids": "\n".join(part.ids for part in holding),
        "regions_of": "\n".join("\n".join(repeat(region, len(part.report.entries)))
                                for region, part in checked["parts"] if part.report.entries),
        "types": "\n".join(part.types for part in holding),
        "offsets": _offsets(chain.from_iterable(part.row_lengths for part in parts)).tobytes(),
        "crcs": b"".join(part.row_crcs.tobytes() for part in parts),
        "search": layout,
        "names": names,  # where the names part is, its size, its checksum
        "units": checked["units"],
        "synonyms": checked["synonyms"],  # [[synonym]] groups, normalised (ingest/vocabulary.py)
    }
    return payload, blobs


def build_stored(paths: Sequence[Path], *, use_cache: bool, progress: Callable[[list[Path]], Progress]) -> Stored:
    """The datasets at `paths` (the bundled one when empty) checked and packed, cached when `use_cache`: the
    payload, and a reader of its blobs, from the cache file where it could be written (so a query reads only what
    it needs), else in memory. DataError if any is bad."""
    folders = list(paths) or [bundled_data_path()]
    taken = cache.stamps(folders)  # before listing and reading: an edit meanwhile is seen
    groups = [dataset_files(p) for p in folders]
    taken += cache.stamps([f for g in groups for f in g])
    with progress([f for g in groups for f in g]) as shown:
        checked, problems = check_groups(groups, progress=shown)
    if problems:
        raise DataError(problems)
    payload, blobs = pack(checked)
    roots = cache.roots_of(paths)
    if use_cache and cache.write(roots, taken, payload, blobs):
        cached = cache.read(roots)  # reads back only what the query needs
        if cached is not None:
            return cached
    rows = b"".join(blobs)
    return payload, lambda offset, size: rows[offset:offset + size]


def validate_dataset(paths: Sequence[Path], *, progress: Callable[[list[Path]], Progress]) -> list[Problem]:
    """Every problem in the datasets at `paths` (the bundled one when empty)."""
    problems: list[Problem] = []
    groups = []
    for path in paths or [bundled_data_path()]:
        try:
            groups.append(dataset_files(path))
            problems.extend(skipped_files(path))
        except DataError as error:
            problems.extend(error.problems)
    with progress([f for g in groups for f in g]) as shown:
        return problems + check_groups(groups, pack=False, progress=shown)[1]


def _offsets(lengths: Iterable[int]) -> array[int]:
    """Where each of a run of parts starts, given their lengths, and where the last one ends."""
    offsets = array("q", [0])
    offsets.extend(accumulate(lengths))
    return offsets
