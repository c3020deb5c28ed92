"""A cache of checked datasets, so a query does not parse and check TOML on every run.

One file per set of requested datasets (the paths given, or this installation's
bundled data), in the user's cache folder. It holds the search index and what the
entries need, the size and modification time of every file and folder it was built
from, and then the entries and the parts of the search index, each read from the
file only when a query needs it. A warm run stats the source files and nothing else. Any doubt
(unreadable, stale, corrupt, another version) is a miss, and the caller rebuilds.
Writes go to a temporary file renamed into place, so concurrent runs never see
half a file; a reader keeps the file it opened even if another run replaces it.
LINPING_NO_CACHE=1 (or --no-cache) bypasses the cache.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from linping_cli import __version__

FORMAT = 9
_LENGTH = 8  # bytes of the little-endian length that starts the file
_CRC = 4  # bytes of the head's checksum, after the head


class Damaged(Exception):
    """A part of a cache file does not match its checksum: the cache is removed and built again."""

    def __init__(self, roots: Sequence[str]) -> None:
        super().__init__("the cache was damaged")
        self.roots = roots


def checked(data: bytes, crc: int, roots: Sequence[str]) -> bytes:
    """`data`, if it matches the checksum it was stored with; else Damaged."""
    if zlib.crc32(data) != crc:
        raise Damaged(roots)
    return data


BUNDLED = "bundled:" + os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def roots_of(paths: Sequence[Path]) -> list[str]:
    """What the cache is keyed by: the datasets' absolute paths, or this installation's bundled data."""
    return [os.path.abspath(p) for p in paths] or [BUNDLED]


def cache_dir() -> Path:
    override = os.environ.get("LINPING_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "linping"


def enabled() -> bool:
    return os.environ.get("LINPING_NO_CACHE", "") in ("", "0")


def _header(roots: Sequence[str]) -> tuple[Any, ...]:
    return (FORMAT, __version__, sys.version_info[:2], tuple(roots))


def _path_for(roots: Sequence[str]) -> Path:
    version = f"{__version__} {sys.version_info[0]}.{sys.version_info[1]}"  # one file per Python, no thrashing
    name = zlib.crc32("\n".join((version, *roots)).encode("utf-8", "surrogateescape"))
    return cache_dir() / f"dataset-{name:08x}.marshal"


def _stamp(path: str) -> tuple[str, int, int]:
    info = os.stat(path)
    return (path, info.st_size, info.st_mtime_ns)


def read(roots: Sequence[str]) -> tuple[dict[str, Any], Callable[[int, int], bytes]] | None:
    """The payload stored for `roots` and a reader of its rows blob, if every source is unchanged."""
    try:
        handle = open(_path_for(roots), "rb")  # noqa: SIM115 - stays open for the rows reader
    except OSError:
        return None
    try:
        length = int.from_bytes(handle.read(_LENGTH), "little")
        head = handle.read(length)
        if zlib.crc32(head) != int.from_bytes(handle.read(_CRC), "little"):
            handle.close()
            return None
        header, stamps, payload, rows_length = marshal.loads(head)
        base = _LENGTH + length + _CRC
        if (header != _header(roots) or os.fstat(handle.fileno()).st_size != base + rows_length
                or any(_stamp(stamp[0]) != stamp for stamp in stamps)):
            handle.close()
            return None
    except Exception:  # any failure to read back or to stat is a miss, never an error
        handle.close()
        return None
    descriptor = handle.fileno()

    def read_rows(offset: int, size: int, _keep: Any = handle) -> bytes:
        return os.pread(descriptor, size, base + offset)

    return payload, read_rows


def discard(roots: Sequence[str]) -> None:
    with contextlib.suppress(OSError):
        _path_for(roots).unlink()


def write(roots: Sequence[str], sources: Sequence[Path], payload: dict[str, Any], blobs: Sequence[bytes]) -> bool:
    """Store the payload and the blobs (one after another) with the stamps of `sources`.

    A cache that cannot be written is skipped: the answer is False.
    """
    target = _path_for(roots)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        stamps = tuple(_stamp(str(path)) for path in sources)
        head = marshal.dumps((_header(roots), stamps, payload, sum(len(blob) for blob in blobs)))
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(len(head).to_bytes(_LENGTH, "little") + head + zlib.crc32(head).to_bytes(_CRC, "little"))
            handle.writelines(blobs)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True
