"""Read one dataset file and check it: parsed whole, or a batch of entry tables at a time.

Only a cache miss or `linping validate` comes here. rtoml parses; tomli parses again only
to word a syntax error, and alone where rtoml is not installed.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from linping_cli.errors import DataError, Problem
from linping_cli.models import ENTRY_TYPES
from linping_cli.validation import FileChecker, FileReport

try:  # here, so that processes forked to read files have it already
    import rtoml
except ImportError:  # a dependency on CPython only
    rtoml = None


def read_bytes(path: Path) -> bytes:
    """The bytes of one file, if it can be read and is not binary; else a DataError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _fail(path, f"cannot read: {error.strerror or error}") from None
    if b"\x00" in raw:
        raise _fail(path, "binary file, not TOML text")
    return raw


def parse_document(path: Path, raw: bytes) -> tuple[str, dict[str, Any]]:
    """The text of one file and its parsed TOML; any reason it cannot be parsed becomes a DataError."""
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as some editors write, is not part of the TOML
    except UnicodeDecodeError as error:
        raise _fail(path, f"not UTF-8 text (bad byte at offset {error.start})") from None
    data = _fast_parse(text)
    if data is not None:
        return text, data
    import tomli  # parses again where rtoml failed: same verdict, better words, a line and column

    try:
        return text, tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise _fail(path, f"TOML syntax: {error.msg} (column {error.colno})", error.lineno) from None


def _fail(path: Path, message: str, line: int | None = None) -> DataError:
    return DataError([Problem(str(path), line, None, None, message)])


def _fast_parse(text: str) -> dict[str, Any] | None:
    """rtoml's parse (about twice as fast as tomli's), or None: not installed, or it failed."""
    if rtoml is None:
        return None
    try:
        return rtoml.loads(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a syntax error, or a panic in its Rust code, which is a BaseException
        return None


class Packer(Protocol):
    """What takes a file's valid entries, a batch at a time, as they are checked."""

    def add(self, rows: list[dict[str, Any]]) -> None: ...

    def clear(self) -> None:
        """Forget every batch: the file is being checked again from its start."""


# Entry tables parsed and checked at a time: 25 and 50 built a 100,000-entry dataset about as
# fast, 100 a twentieth to a tenth slower, 250 a sixth slower (their objects outgrow a core's cache).
BATCH = 50
# The line that opens an entry table: where a file can be cut into pieces that parse on their own.
_ENTRY_HEADER = re.compile(rb"\n\[\[(?:" + "|".join(map(re.escape, ENTRY_TYPES)).encode() + rb")\]\]")
_LISTS = {*ENTRY_TYPES, "source"}  # the keys whose tables a file may give in more than one batch


class _Whole(Exception):
    """The file cannot be checked in batches: check it whole."""


def check_file(path: Path, packer: Packer) -> FileReport:
    """Read and check one file on its own: its problems, meta, sources, and valid entries.

    A large file is parsed and checked a batch of entry tables at a time, each batch's valid
    entries going to `packer` as soon as they are checked: so few objects stay in the
    processor's caches, and each batch reuses the memory the last one freed, which makes
    a big file a fifth or more quicker to check and pack. Whatever a batch cannot settle alone (the
    cut file does not parse, its types are interleaved, a table is defined twice) has the
    whole file checked at once instead.
    """
    try:
        raw = read_bytes(path)
    except DataError as error:
        report = FileReport(str(path))
        report.problems.extend(error.problems)
        return report
    try:
        report = _check_in_batches(path, raw, packer)
    except _Whole:
        packer.clear()
        report = FileReport(str(path))
        try:
            text, data = parse_document(path, raw)
        except DataError as error:
            report.problems.extend(error.problems)
            return report
        report.readable = True
        FileChecker(report, lambda: text).check(data)
        packer.add(report.rows)
        report.rows = []
    return report


def _check_in_batches(path: Path, raw: bytes, packer: Packer) -> FileReport:
    starts = [match.start() + 1 for match in _ENTRY_HEADER.finditer(raw)]
    if len(starts) <= BATCH:
        raise _Whole  # small enough to check whole
    report = FileReport(str(path))
    report.readable = True
    checker = FileChecker(report, lambda: raw.decode("utf-8-sig"))
    held: dict[str, type] = {}  # each top-level key so far, and the type of what it held
    ended: set[str] = set()  # entry types another type has followed
    cuts = [0, *starts[::BATCH], len(raw)]
    for begin, end in pairwise(cuts):
        try:
            text = raw[begin:end].decode("utf-8-sig" if begin == 0 else "utf-8")
        except UnicodeDecodeError:
            raise _Whole from None  # to tell where the file's bad byte is
        data = _fast_parse(text)
        if data is None:
            raise _Whole  # a syntax error, told by the whole file's parse; or no rtoml
        for key, value in data.items():
            if key in held and (held[key] is not list or type(value) is not list or key not in _LISTS):
                raise _Whole  # a table defined twice (an error the whole file's parse tells), or an unknown key
            if key in ENTRY_TYPES:
                # Before the first cut, an entry type is not made of tables; after one, checking
                # in batches would keep its entries in file order rather than together.
                if begin == 0 or key in ended:
                    raise _Whole
                ended.update(held.keys() & (ENTRY_TYPES.keys() - {key}))
            held.setdefault(key, type(value))
        checker.check(data)
        packer.add(report.rows)
        report.rows = []
    return report
