"""Which dataset a run uses, and loading it: from the cache when it is fresh, else built afresh."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from linping_cli.model.errors import Problem
from linping_cli.store import cache
from linping_cli.store.dataset import Dataset, Stored, from_payload, open_cached

if TYPE_CHECKING:
    from linping_cli.ingest.progress import Progress


def data_paths(given: Sequence[str]) -> list[Path]:
    """The datasets named by --data, else by $LINPING_DATA (':'-separated); none means the bundled one."""
    if not given and os.environ.get("LINPING_DATA"):
        given = [p for p in os.environ["LINPING_DATA"].split(os.pathsep) if p]
    return [Path(p) for p in given]


def load_dataset(paths: Sequence[Path] = (), *, use_cache: bool = True, quiet: bool = True) -> Dataset:
    """The datasets at `paths` (the bundled one when empty); DataError if any is bad.

    Only a miss imports `ingest`: a warm query never pays for parsing and checking. A cache file found
    damaged while a query reads it is removed and the dataset built again from its files.
    """
    if use_cache:
        roots = cache.roots_of(paths)

        def rebuilt() -> Stored:  # in memory: the damaged file is removed, and the next run writes it again
            cache.discard(roots)
            return _built(paths, use_cache=False, quiet=quiet)

        found = open_cached(roots, rebuilt)
        if found is not None:
            return found
    return from_payload(*_built(paths, use_cache=use_cache, quiet=quiet))


def _built(paths: Sequence[Path], *, use_cache: bool, quiet: bool) -> Stored:
    from linping_cli.ingest.dataset import build_stored

    return build_stored(paths, use_cache=use_cache, progress=_progress(quiet))


def validate_dataset(paths: Sequence[Path] = (), *, quiet: bool = True) -> list[Problem]:
    from linping_cli.ingest.dataset import validate_dataset as validate

    return validate(paths, progress=_progress(quiet))



def _progress(quiet: bool) -> Callable[[list[Path]], Progress]:
    """Progress on stderr when it is a terminal, unless --quiet; after LINPING_PROGRESS_DELAY seconds if set."""
    from linping_cli.ingest.progress import DELAY, Progress

    stream = None if quiet or not sys.stderr.isatty() else sys.stderr
    try:
        delay = float(os.environ.get("LINPING_PROGRESS_DELAY", DELAY))
    except ValueError:
        delay = DELAY
    return lambda files: Progress(files, stream, delay)
