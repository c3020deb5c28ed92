"""One run's context: which data, its streams, colour and language, and the one writer of every result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from linping_cli.cli.exit import NoMatch
from linping_cli.cli.io import IOStreams
from linping_cli.cli.load import data_paths, load_dataset
from linping_cli.cli.registry import LANGS
from linping_cli.model.errors import UserError
from linping_cli.output.formats import EMPTY_FORMS
from linping_cli.store import cache
from linping_cli.store.dataset import Dataset

if TYPE_CHECKING:
    from linping_cli.output.views import View
    from linping_cli.query.units import Units


class Output:
    """What the user asked of the output: the format, the fields (as typed), and CSV and TSV's header and BOM."""

    __slots__ = ("bom", "fields", "format", "headers")

    def __init__(self, format: str, fields: str | None = None, *, headers: bool = True, bom: bool = False) -> None:
        self.format, self.fields, self.headers, self.bom = format, fields, headers, bom

    def select(self, allowed: Sequence[str]) -> list[str] | None:
        """The fields asked for, each one of `allowed`; None when --fields was not given."""
        if self.fields is None:
            return None
        from linping_cli.query.select import chosen_fields

        return chosen_fields(self.fields, allowed)


class Session:
    def __init__(self, data: list[Path], io: IOStreams, *, use_cache: bool = True, lang: str | None = None,
                 quiet: bool = False, spreadsheet: bool = False) -> None:
        self.data_paths = data
        self.io = io
        self.use_cache = use_cache
        self.lang = lang  # zh or en where a person reads; None: Chinese with English beside
        self.quiet = quiet  # no progress bar, no count line from validate
        self.spreadsheet = spreadsheet  # CSV and TSV with formulas defused
        self._dataset: Dataset | None = None

    @classmethod
    def create(cls, data: Sequence[str], *, io: IOStreams | None = None, no_cache: bool = False,
               color: str | None = None, lang: str | None = None, pager: bool = True, quiet: bool = False,
               spreadsheet: bool = False) -> Session:
        if any(not path for path in data):
            raise UserError("--data needs a file or folder, not an empty string")
        streams = io or IOStreams.system(color=color or "auto", pager=pager)
        if io is not None and color is not None:
            streams.color_choice = color
        return cls(data_paths(data), streams, use_cache=not no_cache and cache.enabled(),
                   lang=lang or _lang_from(streams.env), quiet=quiet, spreadsheet=spreadsheet)

    @classmethod
    def of(cls, ctx: typer.Context) -> Session:
        """The run's session, made by the root's options; completion runs before them, so it makes one then."""
        root = ctx.find_root()
        if not isinstance(root.obj, Session):
            root.obj = cls.create([*(root.params.get("data") or ())], no_cache=bool(root.params.get("no_cache")),
                                  quiet=True)
        return root.obj

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = load_dataset(self.data_paths, use_cache=self.use_cache, quiet=self.quiet)
        return self._dataset

    def units(self) -> Units:
        from linping_cli.query.units import Units

        return Units(self.dataset.units)

    def name_of(self, key: str, region: str | None) -> str | None:
        """What a table shows beside an id it links to: the entry's name, in the language asked for; an English
        name from outside the articles with the mark that says so."""
        entry = self.dataset.get(f"{region}:{key}" if region else key)
        if entry is None:
            return None
        if self.lang != "en" or not entry.name_en:
            return entry.name
        from linping_cli.model.records import outside_fields
        from linping_cli.output.cells import OUTSIDE_MARK

        return entry.name_en + (OUTSIDE_MARK if "name_en" in outside_fields(entry.outside) else "")

    def write(self, view: View, output: Output, *, empty: str | None = None) -> None:
        """Write a result in the format asked for; with `empty` and nothing in it, the format's empty form (JSON's
        `[]`, CSV's header), then NoMatch(empty): exit 1, with `empty` on stderr."""
        from linping_cli.output.formats import write

        view.lang = self.lang
        target = self.io.target()
        bom = output.bom and not target.ascii_only

        def written(stream: Any) -> None:
            if view.empty and empty is not None and (output.format not in EMPTY_FORMS or not output.headers):
                return  # a table, JSONL, a tree, or a header left out: nothing at all
            if bom:
                stream.write("\ufeff")
            write(view, output.format, stream, target, spreadsheet=self.spreadsheet, headers=output.headers)

        self.io.write(written)
        if view.empty and empty is not None:
            raise NoMatch(empty)

    def write_text(self, text: str) -> None:
        self.io.write(lambda stream: stream.write(text))


def _lang_from(env: Any) -> str | None:
    chosen = env.get("LINPING_LANG") or None
    if chosen is not None and chosen not in LANGS:
        raise UserError(f"LINPING_LANG is {chosen!r}: it takes {' or '.join(LANGS)}")
    return chosen
