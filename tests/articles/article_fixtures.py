"""Helpers for the articles room: the bundled articles (when present), and datasets loaded from a path."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from linping_cli.cli.load import load_dataset
from linping_cli.store.dataset import Dataset

REPO = Path(__file__).resolve().parents[2]
BUNDLED_ARTICLES = ("000_f15d39121070376d.txt", "004_2e8b7f18f2c2e2c7.txt")


def sources_dir() -> Path | None:
    """$LINPING_SOURCES, else ../shared/sources beside the project; None when neither is a folder."""
    configured = os.environ.get("LINPING_SOURCES")
    path = Path(configured) if configured else REPO.parent / "shared" / "sources"
    return path if path.is_dir() else None


def sources() -> Path:
    """The folder of the bundled articles; the test is skipped when it is not present."""
    found = sources_dir()
    if found is None:
        pytest.skip("the source articles are not present: set LINPING_SOURCES or put them in ../shared/sources")
    return found


def load(*paths: Path) -> Dataset:
    """The dataset at `paths` (the bundled one when none), checked and loaded without the cache."""
    return load_dataset(list(paths), use_cache=False)


@cache
def bundled() -> Dataset:
    return load()
