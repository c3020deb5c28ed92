"""A cache of checked datasets, so a query does not parse and check TOML on every run.

One file per set of dataset files, in the user's cache folder, holding the checked
payload under a key of each file's path, size and modification time. Any doubt
(unreadable, stale, corrupt, another version) means a miss, and the caller rebuilds.
Writes go to a temporary file that is renamed into place, so concurrent runs never
see half a file. Set LINPING_NO_CACHE=1 (or pass --no-cache) to bypass it.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from linping_cli import __version__

FORMAT = 1


def cache_dir() -> Path:
    override = os.environ.get("LINPING_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "linping"


def enabled() -> bool:
    return os.environ.get("LINPING_NO_CACHE", "") in ("", "0")


def _key(groups: list[list[Path]]) -> tuple[Any, ...] | None:
    stamps = []
    for files in groups:
        for path in files:
            try:
                info = path.stat()
            except OSError:
                return None
            stamps.append((str(path.resolve()), info.st_size, info.st_mtime_ns))
    return (FORMAT, __version__, sys.version_info[:2], tuple(stamps))


def _path_for(key: tuple[Any, ...]) -> Path:
    names = "\n".join(stamp[0] for stamp in key[3]).encode()
    return cache_dir() / f"dataset-{zlib.crc32(names):08x}.marshal"


def read(groups: list[list[Path]]) -> dict[str, Any] | None:
    key = _key(groups)
    if key is None:
        return None
    try:
        with open(_path_for(key), "rb") as handle:
            stored_key, payload = marshal.load(handle)
    except Exception:  # any failure to read back is a miss, never an error
        return None
    return payload if stored_key == key else None


def write(groups: list[list[Path]], payload: dict[str, Any]) -> None:
    """Store the payload; a cache that cannot be written is silently skipped."""
    key = _key(groups)
    if key is None:
        return
    target = _path_for(key)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            marshal.dump((key, payload), handle)
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
