"""Find and load datasets into a Dataset, through the cache when it is fresh.

A dataset is one `.toml` file or a folder of them; each names its region in `[meta]`.
Only a cache miss or `linping validate` imports `building`, which checks, packs and indexes
the files: a warm query never pays for it.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from linping_cli import cache
from linping_cli.errors import DataError, Problem
from linping_cli.models import Dataset, Region, Source, complete


def bundled_data_path() -> Path:
    """The dataset shipped with the package: inside it when installed, beside it in a checkout."""
    from importlib.resources import files

    packaged = files("linping_cli").joinpath("data")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data"


def dataset_files(path: Path) -> list[Path]:
    """The .toml files of a dataset: the file itself, or a folder's, sorted by name."""
    def fail(message: str) -> DataError:
        return DataError([Problem(repr(str(path)) if "\x00" in str(path) else str(path), None, None, None, message)])

    if "\x00" in str(path):
        raise fail("not a valid path")
    try:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".toml" and p.is_file())
            if not found:
                raise fail("folder holds no .toml files")
            return found
        if path.is_file():
            return [path]
        if path.exists():
            raise fail("not a regular file or folder")
    except OSError as error:
        raise fail(f"cannot read: {error.strerror or error}") from None
    raise fail("no such file or folder")


BUNDLED = "bundled:" + os.path.dirname(os.path.abspath(__file__))


def load_dataset(paths: Sequence[Path] = (), *, use_cache: bool = True) -> Dataset:
    """Load the datasets at `paths` (the bundled one when empty); raise DataError if any is bad."""
    roots = [os.path.abspath(p) for p in paths] or [BUNDLED]
    stored = cache.read(roots) if use_cache else None
    if stored is not None:
        try:
            return build_dataset(*stored, roots)
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # written by another version of the code: rebuild it
    from linping_cli.building import check_groups, pack, release

    folders = list(paths) or [bundled_data_path()]
    groups = [dataset_files(p) for p in folders]
    checked, problems = check_groups(groups)
    if problems:
        raise DataError(problems)
    payload, blobs = pack(checked)
    sources = [*(p for p in folders if p.is_dir()), *(f for g in groups for f in g)]
    try:
        if use_cache and cache.write(roots, sources, payload, blobs):
            stored = cache.read(roots)  # reads back only what the query needs, so the blobs need no joining
            if stored is not None:
                return build_dataset(*stored, roots)
        rows = b"".join(map(bytes, blobs))
    finally:
        release(blobs)
    return build_dataset(payload, lambda offset, size: rows[offset:offset + size], roots)


def validate_dataset(paths: Sequence[Path] = ()) -> list[Problem]:
    """Every problem in the datasets at `paths` (the bundled one when empty)."""
    from linping_cli.building import check_groups

    problems: list[Problem] = []
    groups = []
    for path in paths or [bundled_data_path()]:
        try:
            groups.append(dataset_files(path))
        except DataError as error:
            problems.extend(error.problems)
    return problems + check_groups(groups, pack=False)[1]


def build_dataset(payload: dict[str, Any], read_rows: Callable[[int, int], bytes],
                  roots: Sequence[str]) -> Dataset:
    from linping_cli.index import SearchIndex

    offsets = memoryview(payload["offsets"]).cast("q")
    layout: dict[str, tuple[int, int]] = payload["search"]

    def row(position: int) -> dict[str, Any]:
        try:
            data = complete(marshal.loads(read_rows(offsets[position], offsets[position + 1] - offsets[position])))
            data["region"] = regions_of[position]  # rows are packed before their region is known
            return data
        except (EOFError, ValueError, TypeError, KeyError, OSError):
            cache.discard(roots)
            raise DataError([Problem(str(cache.cache_dir()), None, None, None,
                                     "the cache was damaged; it has been removed, so run the command again")]) from None

    ids = payload["ids"].split("\n") if payload["ids"] else []
    regions_of = payload["regions_of"].split("\n") if ids else []
    return Dataset(
        row=row,
        ids=ids,
        regions_of=regions_of,
        types=payload["types"].split("\n") if ids else [],
        regions=[Region(**data) for data in payload["regions"]],
        sources=[Source(**data) for data in payload["sources"]],
        search_index=SearchIndex(lambda name: read_rows(*layout[name])),
    )
