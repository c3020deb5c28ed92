"""The cli's state for one run: which data, which output, and how each result is printed.

It knows stdout, stderr and exit codes. A search needs only `query.search`, so the other
query modules are imported by the methods that use them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer

from linping_cli.cli.exit import ExitStatus
from linping_cli.cli.load import data_paths, load_dataset, validate_dataset
from linping_cli.model.errors import Problem, UserError
from linping_cli.model.records import Entry
from linping_cli.output import views
from linping_cli.query.search import referrers, search
from linping_cli.store import cache
from linping_cli.store.dataset import Dataset


class Output:
    """The chosen format, the fields to print (None: the format's default), and the entry types asked for."""

    __slots__ = ("bom", "fields", "format", "headers", "types")

    def __init__(self, format: str, fields: list[str] | None, types: Sequence[str] = (), *,
                 headers: bool = True, bom: bool = False) -> None:
        self.format, self.fields, self.types = format, fields, list(types)
        self.headers, self.bom = headers, bom


class Session:
    def __init__(self, data_paths: list[Path], *, use_cache: bool, no_color: bool, quiet: bool) -> None:
        self.data_paths = data_paths
        self.use_cache = use_cache
        self.no_color = no_color
        self.quiet = quiet
        self._dataset: Dataset | None = None

    @classmethod
    def create(cls, data: Sequence[str], *, no_cache: bool, no_color: bool, quiet: bool) -> Session:
        return cls(data_paths(data), use_cache=not no_cache and cache.enabled(), no_color=no_color, quiet=quiet)

    @classmethod
    def from_context(cls, ctx: typer.Context) -> Session:
        root = ctx.find_root()
        if not isinstance(root.obj, Session):
            # Completion callbacks run before the root callback has made one.
            params = root.params
            root.obj = cls.create(params.get("data") or [], no_cache=bool(params.get("no_cache")),
                                  no_color=bool(params.get("no_color")), quiet=True)
        return root.obj

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = load_dataset(self.data_paths, use_cache=self.use_cache, quiet=self.quiet)
        return self._dataset

    # Queries -----------------------------------------------------------------

    def search(self, text: str, types: Sequence[str], limit: int | None) -> list[Entry]:
        return [entry for _, entry in search(self.dataset, text, types=types, limit=limit)]

    def select(self, type_name: str | None, tags: Sequence[str], category: str | None, year: int | None,
             sort: str | None, reverse: bool) -> list[Entry]:
        from linping_cli.query import select

        if sort:
            select.check_sort_field(sort, [type_name] if type_name else [])
        candidates = self.dataset.of_type(type_name) if type_name else self.dataset.entries
        entries = select.filter_entries(candidates, tags=tags, category=category, year=year)
        return select.sort_entries(entries, sort, reverse=reverse) if sort else entries

    def resolve(self, key: str) -> Entry:
        from linping_cli.query import select

        return select.resolve(self.dataset, key)

    def complete_ids(self, incomplete: str) -> list[tuple[str, str]]:
        try:
            dataset = self.dataset
        except Exception:  # completion must never break the shell
            return []
        matching = [dataset.record(p) for p, key in enumerate(dataset.ids) if key.startswith(incomplete)]
        return [(dataset.qualified_id(e), e.name) for e in matching]

    # Output ------------------------------------------------------------------

    def output(self, chosen: str | None, json_flag: bool, fields: str | None, types: Sequence[str], *,
               headers: bool = True, bom: bool = False) -> Output:
        if json_flag and chosen not in (None, "json"):
            raise UserError(f"--json and --format {chosen} disagree: give one")
        for flag, given in (("--no-headers", not headers), ("--bom", bom)):
            if given and chosen not in ("csv", "tsv"):
                raise UserError(f"{flag} is for --format csv or tsv")
        selected = None
        if types or fields is not None:
            from linping_cli.query import select

            for type_name in types:
                select.check_type(type_name)
            selected = select.check_fields(fields, types) if fields is not None else None
        return Output("json" if json_flag else chosen or "table", selected, types, headers=headers, bom=bom)

    def _name_of(self, key: str, region: str | None) -> str | None:
        entry = self.dataset.get(f"{region}:{key}" if region else key)
        return entry.name if entry else None

    def _write(self, view: views.View, output: Output) -> int:
        stream = sys.stdout
        ascii_only = not _can_encode(stream)
        if ascii_only and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
        from linping_cli.output.formats import write

        if output.bom and not ascii_only:
            stream.write("\ufeff")
        return _to_stdout(lambda: write(view, output.format, stream, color=self._color(stream),
                                        terminal=_is_terminal(stream), ascii_only=ascii_only,
                                        headers=output.headers))

    def emit_text(self, text: str) -> int:
        return _to_stdout(lambda: sys.stdout.write(text))

    def emit_schema(self, output: str | None, fields: str | None) -> int:
        from linping_cli.output.schema import output_names, schema_text
        from linping_cli.query import select

        if output is not None and output not in output_names():
            raise UserError(f"no output is called {output!r}{select.did_you_mean(output, output_names())} "
                            f"(outputs: {', '.join(output_names())})")
        chosen = select.check_fields(fields, []) if fields is not None else None
        return self.emit_text(schema_text(output, chosen) + "\n")

    def emit_entries(self, entries: list[Entry], output: Output, *, empty: str) -> int:
        if not entries:
            print(f"linping: {empty}", file=sys.stderr)
            if output.format == "json":
                print("[]")
            elif output.format in ("csv", "tsv"):  # the header alone: a reader sees the columns and no rows
                self._write(views.entries_view([], output.fields, types=output.types), output)
            return ExitStatus.NO_MATCH
        show_region = len(self.dataset.regions) > 1
        return self._write(views.entries_view(entries, output.fields, show_region=show_region,
                                               name_of=self._name_of), output)

    def emit_entry(self, entry: Entry, output: Output) -> int:
        referenced_by = [self.dataset.qualified_id(e) for e in referrers(self.dataset, entry)]
        return self._write(views.entry_view(entry, output.fields, referenced_by=referenced_by,
                                             name_of=self._name_of), output)

    def emit_comparison(self, entries: list[Entry], output: Output) -> int:
        from linping_cli.query.compare import compare

        headers = [self.dataset.qualified_id(e) for e in entries]
        return self._write(views.comparison_view(compare(entries), output.fields, headers=headers,
                                                  name_of=self._name_of), output)

    def emit_sources(self, output: Output) -> int:
        from linping_cli.query.stats import source_records

        return self._write(views.records_view(source_records(self.dataset)), output)

    def emit_stats(self, output: Output) -> int:
        from linping_cli.query.stats import stats

        return self._write(views.stats_view(stats(self.dataset)), output)

    def emit_export(self, path: Path, output: Output, *, replace: bool) -> int:
        from linping_cli.output.sqlite import export
        from linping_cli.query.facts import FACT_FIELDS, fact_rows

        entries = self.dataset.entries
        facts = (FACT_FIELDS, ((entry.region, row) for entry in entries for row in fact_rows([entry])))
        counts = export(self.dataset, facts, path, replace=replace)
        print(f"linping: wrote {path}", file=sys.stderr)
        return self._write(views.records_view([{"table": name, "rows": n} for name, n in counts.items()]), output)

    def emit_problems(self, paths: Sequence[Path], output: Output) -> int:
        problems = validate_dataset(list(paths) or self.data_paths, quiet=self.quiet)
        if output.format == "table":
            self.emit_text("".join(f"{problem}\n" for problem in problems))
        else:
            columns = list(Problem("", None, None, None, "").as_dict())  # a problem's keys, for a header when clean
            self._write(views.records_view([p.as_dict() for p in problems], columns), output)
        files = len({p.file for p in problems})
        print(f"linping: {_plural(len(problems), 'problem')} in {_plural(files, 'file')}" if problems
              else "linping: no problems found", file=sys.stderr)
        return ExitStatus.BAD_DATA if problems else ExitStatus.OK

    def _color(self, stream: Any) -> bool:
        """Colour follows --no-color, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then the terminal."""
        if self.no_color or os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        return os.environ.get("TERM") != "dumb" and _is_terminal(stream)


def _to_stdout(write: Callable[[], object]) -> int:
    """Run `write`; if the reader has gone (`| head`), end quietly with success."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so that Python's own flush at exit stays quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return ExitStatus.OK


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _can_encode(stream: Any) -> bool:
    try:
        "临平".encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
