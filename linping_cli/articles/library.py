"""The folder of source articles a dataset cites: found, read and kept once each.

A dataset names its articles by file name; a name that is not a plain file name (a path, `..`) is never
opened. An article that is missing or cannot be read as UTF-8 text is reported, not raised.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from linping_cli.articles.article import Article, name_key
from linping_cli.articles.numbers import Reader
from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry
from linping_cli.store.dataset import Dataset

SOURCES_VARIABLE = "LINPING_SOURCES"


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a check builds its many small objects (none of them in cycles
    it must free meanwhile): at 100,000 entries it would otherwise take two thirds of the time."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def sources_folder(given: str | None) -> Path:
    """The folder of articles: `given` (--sources), else $LINPING_SOURCES; a UserError when there is none."""
    chosen = given or os.environ.get(SOURCES_VARIABLE)
    if not chosen:
        raise UserError(f"no folder of source articles: give --sources DIR or set {SOURCES_VARIABLE}")
    folder = Path(chosen)
    if not folder.is_dir():
        raise UserError(f"the sources folder {chosen!r} is not a folder")
    return folder


def read_article(path: Path) -> str:
    """The text of an article file (UTF-8, a byte-order mark dropped); a UserError when it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"{str(path)!r} is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UserError(f"cannot read {str(path)!r}: {error.strerror or error}") from None


def is_plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and not any(char in name for char in "/\\\0") \
        and Path(name).name == name


class Library:
    """The articles of `folder` a dataset names, each read on first use."""

    def __init__(self, folder: Path, names: Iterable[str], reader: Reader) -> None:
        self.folder = folder
        self.names = sorted(set(names))
        self._reader = reader
        self._articles: dict[str, Article | None] = {}
        self._problems: dict[str, str] = {}
        self._squashed: dict[str, str] = {}

    def get(self, name: str) -> Article | None:
        """The article of this file name, or None (then `problem(name)` says why)."""
        if name in self._articles:
            return self._articles[name]
        article = None
        if not is_plain_name(name):
            self._problems[name] = "the citation is not a plain file name"
        else:
            path = self.folder / name
            if not path.is_file():
                self._problems[name] = "no such file in the sources folder"
            else:
                try:
                    article = Article(name, read_article(path), self._reader)
                except UserError as error:
                    self._problems[name] = str(error)
        self._articles[name] = article
        return article

    def problem(self, name: str) -> str:
        return self._problems.get(name, "")

    def present(self) -> list[Article]:
        """Every named article that could be read, in file-name order."""
        return [article for article in map(self.get, self.names) if article is not None]

    def squashed(self, name: str) -> str | None:
        """The article's text as `name_key` makes it, for finding a name in it."""
        found = self._squashed.get(name)
        if found is None:
            article = self.get(name)
            if article is None:
                return None
            found = self._squashed[name] = name_key(article.text)
        return found


def named_files(dataset: Dataset, entries: Iterable[Entry]) -> set[str]:
    """Every article file a dataset names: its [[source]] tables and every citation."""
    names = {source.file for source in dataset.sources}
    for entry in entries:
        names.update(ref["file"] for ref in entry.source)
        for item in (*entry.key_figures, *getattr(entry, "statements", ())):
            names.update(ref["file"] for ref in item.get("source") or ())
    return names
