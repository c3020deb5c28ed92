"""Read one dataset file and check it whole.

rtoml parses (about twice as fast as tomli); tomli parses again only to word a syntax
error, and alone where rtoml is not installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linping_cli.ingest.checks import FileChecker, FileReport
from linping_cli.model.errors import DataError, Problem

rtoml: Any
try:
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
    import tomli

    try:
        return text, tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise _fail(path, f"TOML syntax: {error.msg} (column {error.colno})", error.lineno) from None
    except RecursionError:
        raise _fail(path, "TOML nested too deeply (arrays or tables within each other)") from None
    except ValueError as error:  # an integer of thousands of digits, past what Python converts
        raise _fail(path, f"TOML value cannot be read: {error}") from None


def _fail(path: Path, message: str, line: int | None = None) -> DataError:
    return DataError([Problem(str(path), line, None, None, message)])


def _fast_parse(text: str) -> dict[str, Any] | None:
    """rtoml's parse, or None: not installed, or it failed (tomli then says why)."""
    if rtoml is None:
        return None
    try:
        parsed: dict[str, Any] = rtoml.loads(text)
        return parsed
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a syntax error, or a panic in its Rust code, which is a BaseException
        return None


def check_file(path: Path, *, characters: bool = False) -> FileReport:
    """Read and check one file on its own: its problems, meta, sources, and valid entries (in `rows`).

    With `characters`, text holding control characters is a problem too (see FileChecker.check_characters).
    """
    report = FileReport(str(path))
    try:
        text, data = parse_document(path, read_bytes(path))
    except DataError as error:
        report.problems.extend(error.problems)
        return report
    report.readable = True
    checker = FileChecker(report, lambda: text)
    checker.check(data)
    if characters:
        checker.check_characters(data)
    return report
