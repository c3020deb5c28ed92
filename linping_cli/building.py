"""Turn dataset files into what the cache keeps: checked, packed, and indexed for search.

Only a cache miss comes here. Each file is read, checked, packed and indexed on its
own, in parallel child processes when the dataset is large enough to repay starting
them; then the problems that span files are checked and the parts are joined.
"""

from __future__ import annotations

import marshal
import os
import pickle
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

from linping_cli.errors import Problem
from linping_cli.index import ENTRY, FIELD, KINDS
from linping_cli.models import format_number, references
from linping_cli.validation import FileReport, check_file, check_region

PARALLEL_BYTES = 2_000_000  # below this, starting processes costs more than it saves


class FilePart:
    """One checked file: its report, and its valid entries packed (when it had no problems)."""

    __slots__ = ("index", "report", "row_lengths", "rows")

    def __init__(self, report: FileReport, pack: bool) -> None:
        self.report = report
        self.rows = b""
        self.row_lengths: list[int] = []
        self.index: dict[str, tuple[bytes, list[int]]] = {}
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
        starts = _starts(chain.from_iterable(part.index[kind][1] for part in parts)).tobytes()
        layout[kind] = (position, sum(len(part.index[kind][0]) for part in parts))
        layout[kind + ":starts"] = (position + layout[kind][1], len(starts))
        position += layout[kind][1] + len(starts)
        blobs += [part.index[kind][0] for part in parts]
        blobs.append(starts)
    payload = {
        "regions": checked["regions"],
        "sources": checked["sources"],
        "ids": "\n".join(entry[0] for part in parts for entry in part.report.entries),
        "regions_of": "\n".join(region for region, part in checked["parts"] for _ in part.report.entries),
        "types": "\n".join(entry[1] for part in parts for entry in part.report.entries),
        "offsets": _starts(chain.from_iterable(part.row_lengths for part in parts), end=True).tobytes(),
        "search": layout,
    }
    return payload, blobs


_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")


def _narrow(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match[0])


def normalize_all(texts: list[str]) -> list[str]:
    """`normalize` of each text, done as one pass over all of them, which is several times faster."""
    joined = FIELD.join(texts)
    if joined.count(FIELD) != len(texts) - 1 or ENTRY in joined:
        # The index's own separators inside a text: no query can hold them, so they may go.
        joined = FIELD.join(text.replace(FIELD, " ").replace(ENTRY, " ") for text in texts)
    # Narrowing full-width forms first (their NFKC is their ASCII twin) usually leaves NFKC
    # nothing to do, and its quick check then skips the much slower full pass.
    joined = _FULL_WIDTH.sub(_narrow, joined)
    # NFKC never joins a character to a NUL, nor makes one, so the fields stay apart.
    folded = unicodedata.normalize("NFKC", joined).casefold()
    # Printable text holds no white space but single spaces: only the fields' ends need trimming.
    # Otherwise (NUL is not white space) one split() folds the spaces of every field at once.
    if "  " in folded or not folded.replace(FIELD, "").isprintable():
        folded = " ".join(folded.split())
    return folded.strip(" ").replace(" " + FIELD, FIELD).replace(FIELD + " ", FIELD).split(FIELD) if texts else []


def _fields(values: Iterable[str]) -> str:
    return f"{FIELD}{FIELD.join(values)}{FIELD}"


def _raw_texts(row: dict[str, Any]) -> list[str]:
    """What an entry is found by, before normalising: names, pinyin, tags, then one text of the rest."""
    parts = [row["summary"], row["summary_en"], row["note"] or "", row["category"] or ""]
    parts.append(format_number(row.get("value")))
    for figure in row["key_figures"]:
        parts += [figure["label"], figure["label_en"] or "", format_number(figure["value"])]
    for person in row.get("people", ()):
        parts += [person["name"], person["role"] or "", person["role_en"] or ""]
    return [row["id"], row["name"], *row["aliases"], row["name_en"], *row["pinyin"], *row["tags"], " ".join(parts)]


def build_index(rows: list[dict[str, Any]]) -> dict[str, tuple[bytes, list[int]]]:
    """The search index of these entries: for each kind, the keys of every entry, each led by
    ENTRY, as UTF-8, and the length of each entry's part in bytes."""
    flat = normalize_all([text for row in rows for text in _raw_texts(row)])
    segments: dict[str, list[str]] = {kind: [] for kind in KINDS}
    exact, alias, names_, words, pinyin, initials, syllables_, text_, _, refs = segments.values()
    at = 0
    for row in rows:
        end = at + len(row["aliases"]) + 3
        names = flat[at:end]
        at, end = end, end + len(row["pinyin"])
        syllables = [each.replace("-", " ").split() for each in flat[at:end]]
        at, end = end, end + len(row["tags"])
        tags = flat[at:end]
        text = flat[end]
        at = end + 1
        compact = ["".join(each) for each in syllables]
        exact.append(_fields(names[:2]))
        alias.append(_fields(names[2:] + compact))
        names_.append(_fields(names + compact + tags))
        words.append(" ".join(names + tags))
        pinyin.append(_fields(compact))
        initials.append(_fields(["".join([s[0] for s in each if s]) for each in syllables]))
        syllables_.append(_fields([" ".join(each) for each in syllables]))
        text_.append(text)
        refs.append(_fields(references(row)))
    blobs = {kind: (ENTRY + ENTRY.join(parts)).encode() if parts else b"" for kind, parts in segments.items()}
    blobs["words"] = _word_runs(blobs["words"])
    blobs["text_words"] = _word_runs(blobs["text"])
    return {kind: (blob, [len(part) + 1 for part in blob.split(ENTRY.encode())[1:]]) for kind, blob in blobs.items()}


# Keeps ASCII letters, digits and the entry separator; anything else becomes a space.
_WORD_BYTES = bytes(byte if chr(byte) in "0123456789abcdefghijklmnopqrstuvwxyz" + ENTRY else 32 for byte in range(256))


def _word_runs(blob: bytes) -> bytes:
    """Each entry's words (runs of [0-9a-z]) in a blob of entries, as " w1 w2 ... ", found in C:
    a regex over every entry's text costs more than building the rest of the index."""
    words = blob.translate(_WORD_BYTES).replace(ENTRY.encode(), b" " + ENTRY.encode() + b" ").split()
    return b" ".join(words) + b" " if words else b""


def _starts(lengths: Any, *, end: bool = False) -> array[int]:
    """Where each of a run of parts starts, given their lengths (and where the last one ends)."""
    starts = array("q", [0])
    starts.extend(accumulate(lengths))
    if not end:
        starts.pop()
    return starts


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
    read; results come back in the order of `paths`.
    """
    if jobs <= 1:
        return [work(path, pack) for path in paths]
    import signal
    import tempfile

    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for index in sorted(range(len(paths)), key=lambda i: -paths[i].stat().st_size):  # biggest first
        share = loads.index(min(loads))
        shares[share].append(index)
        loads[share] += paths[index].stat().st_size
    results: dict[int, FilePart] = {}
    children: list[tuple[int, Any, list[int]]] = []  # pid, its results file, its share
    try:
        for share in shares[1:]:
            out = tempfile.TemporaryFile()  # noqa: SIM115 - closed once its child is done
            pid = os.fork()
            if pid == 0:  # the child: do its share, store it, and leave without running any cleanup
                status = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
                    try:
                        done: list[FilePart] | Exception = [work(paths[index], pack) for index in share]
                    except Exception as error:  # a bug: the parent raises it
                        done = error
                    pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()
                    status = 0
                finally:
                    os._exit(status)
            children.append((pid, out, share))
        results.update((index, work(paths[index], pack)) for index in shares[0])
        while children:
            pid, out, share = children[0]
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            with out:
                if status != 0:
                    raise RuntimeError(f"checking {len(share)} files failed in a child process (status {status})")
                out.seek(0)
                done = pickle.load(out)
            if isinstance(done, Exception):
                raise done
            results.update(zip(share, done, strict=True))
    finally:
        for pid, out, _ in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            out.close()
    return [results[index] for index in range(len(paths))]
