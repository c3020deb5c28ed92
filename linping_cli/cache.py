"""A cache of checked datasets, so a query does not parse and check TOML on every run.

One file per set of requested datasets (the paths given, or this installation's
bundled data), in the user's cache folder. It holds the checked payload and the
size and modification time of every file and folder it was built from; a warm run
stats those and nothing else. Any doubt (unreadable, stale, corrupt, another
version) is a miss, and the caller rebuilds. Writes go to a temporary file renamed
into place, so concurrent runs never see half a file. LINPING_NO_CACHE=1 (or
--no-cache) bypasses it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from linping_cli import __version__

FORMAT = 2


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
    name = zlib.crc32("\n".join((__version__, *roots)).encode("utf-8", "surrogateescape"))
    return cache_dir() / f"dataset-{name:08x}.marshal"


def _stamp(path: str) -> tuple[str, int, int]:
    info = os.stat(path)
    return (path, info.st_size, info.st_mtime_ns)


def read(roots: Sequence[str]) -> dict[str, Any] | None:
    """The payload stored for `roots`, if every file and folder it came from is unchanged."""
    try:
        with open(_path_for(roots), "rb") as handle:
            # One read and loads(): marshal.load() on a file reads in many small pieces, 7x slower.
            header, stamps, payload = marshal.loads(handle.read())
        if header != _header(roots) or any(_stamp(stamp[0]) != stamp for stamp in stamps):
            return None
    except Exception:  # any failure to read back or to stat is a miss, never an error
        return None
    return payload


def write(roots: Sequence[str], sources: Sequence[Path], payload: dict[str, Any]) -> None:
    """Store the payload with the stamps of `sources`; a cache that cannot be written is skipped."""
    target = _path_for(roots)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        stamps = tuple(_stamp(str(path)) for path in sources)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            marshal.dump((_header(roots), stamps, payload), handle)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
