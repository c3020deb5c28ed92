"""A cache of checked datasets, so a query does not parse and check TOML on every run.

One file per set of requested datasets (the paths given, or this installation's
bundled data), in the user's cache folder. It holds the search index and what the
entries need, the stamps (see `stamps`) of every file and folder it was built
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
import stat
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from linping_cli import __version__

FORMAT = 12
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


Stamp = tuple[str, int, int, int, int, int]


def stamps(paths: Sequence[Path]) -> list[Stamp]:
    """What says a file or folder is unchanged: size, modification and change times, inode and device.

    Taken before the files are read, and again before the cache is written: an edit in between
    leaves nothing cached. The change time and inode catch an edit that keeps size and modification
    time (`cp -p`, `touch -d`, tar), since neither can be set back.
    """
    return [_stamp(str(path)) for path in paths]


def _stamp(path: str) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:  # gone or unreadable: a stamp no file matches
        return (path, -1, -1, -1, -1, -1)
    return (path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _racy(found: Sequence[Stamp]) -> bool:
    """Whether a file changed within the last two seconds on a filesystem of whole-second times.

    There an edit later in the same second would leave every stamp as it is, so such a build is not cached.
    """
    recent = (time.time_ns() - 2 * 10**9)
    return any(stamp[3] % 10**9 == 0 and max(stamp[2], stamp[3]) >= recent for stamp in found)


_refused: set[tuple[Path, str]] = set()  # why a cache folder is not used, said once a run


def _usable_folder(folder: Path) -> bool:
    """Whether the cache folder is safe to use: ours, and not writable by anyone else (or not there yet).

    In a folder others can write, a planted file or link would be read or written through.
    """
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    why = None
    if not stat.S_ISDIR(info.st_mode):
        why = "it is not a folder"
    elif hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        why = "it is owned by another user"
    elif info.st_mode & 0o022:
        why = "it is writable by others"
    if why is None:
        return True
    if (folder, why) not in _refused:
        _refused.add((folder, why))
        print(f"linping: not using the cache folder {str(folder)!r}: {why}; running without the cache",
              file=sys.stderr)
    return False


def _open_regular(path: Path) -> IO[bytes] | None:
    """The file at `path` open for reading, if it is a regular file and not a link: never a pipe that would block."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        return None
    return os.fdopen(descriptor, "rb")


def read(roots: Sequence[str]) -> tuple[dict[str, Any], Callable[[int, int], bytes]] | None:
    """The payload stored for `roots` and a reader of its rows blob, if every source is unchanged."""
    path = _path_for(roots)
    handle = _open_regular(path) if _usable_folder(path.parent) else None
    if handle is None:
        return None
    try:
        length = int.from_bytes(handle.read(_LENGTH), "little")
        head = handle.read(length)
        if zlib.crc32(head) != int.from_bytes(handle.read(_CRC), "little"):
            handle.close()
            return None
        header, stored, payload, rows_length = marshal.loads(head)
        base = _LENGTH + length + _CRC
        if (header != _header(roots) or os.fstat(handle.fileno()).st_size != base + rows_length
                or any(_stamp(stamp[0]) != stamp for stamp in stored)):
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


def write(roots: Sequence[str], taken: Sequence[Stamp], payload: dict[str, Any], blobs: Sequence[bytes]) -> bool:
    """Store the payload and the blobs (one after another) with the stamps `taken` before the sources were read.

    Nothing is stored if a source has changed since (or might have, see _racy), or the cache cannot be
    written: the answer is then False. The temporary file is private, made afresh (never through a link),
    and removed however the write ends, short of kill -9; the next write removes those of dead runs.
    """
    target = _path_for(roots)
    if not _usable_folder(target.parent):
        return False
    temporary = None
    try:
        if stamps([Path(stamp[0]) for stamp in taken]) != list(taken) or _racy(taken):
            return False
        head = marshal.dumps((_header(roots), tuple(taken), payload, sum(len(blob) for blob in blobs)))
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _usable_folder(target.parent):
            return False
        _remove_orphans(target)
        import tempfile  # only a miss writes

        descriptor, temporary = tempfile.mkstemp(prefix=f"{target.name}.{os.getpid()}.", suffix=".tmp",
                                                 dir=target.parent)  # 0600, O_EXCL: never a planted file
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(len(head).to_bytes(_LENGTH, "little") + head + zlib.crc32(head).to_bytes(_CRC, "little"))
            handle.writelines(blobs)
        os.replace(temporary, target)
        temporary = None
    except OSError:
        return False
    finally:
        if temporary is not None:  # any way out but success, an interrupt or a signal included
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return True


def _remove_orphans(target: Path) -> None:
    """Remove the temporary files that runs killed while writing left behind (their process is gone)."""
    import re

    temporary = re.compile(r"\.marshal\.(\d+)\.(?:[^.]+\.)?tmp")
    with contextlib.suppress(OSError), os.scandir(target.parent) as found:
        for entry in found:
            match = temporary.search(entry.name)
            if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's, or not ours to judge
    return True
