"""The cli's state for one run: which data, which output, and how each result is printed.

It knows stdout, stderr and exit codes. A search needs only `query.search`, so the other
query modules are imported by the methods that use them.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from linping_cli.cli.exit import ExitStatus, note, write_stdout
from linping_cli.cli.load import data_paths, load_dataset, validate_dataset
from linping_cli.model.errors import Problem, UserError
from linping_cli.model.records import Entry
from linping_cli.output import views
from linping_cli.query.search import referrers, search
from linping_cli.store import cache
from linping_cli.store.dataset import Dataset

if TYPE_CHECKING:
    from linping_cli.query.units import Units


class Output:
    """The chosen format, the fields to print (None: the format's default), and the entry types asked for."""

    __slots__ = ("bom", "fields", "format", "headers", "types")

    def __init__(self, format: str, fields: list[str] | None, types: Sequence[str] = (), *,
                 headers: bool = True, bom: bool = False) -> None:
        self.format, self.fields, self.types = format, fields, list(types)
        self.headers, self.bom = headers, bom


class Session:
    def __init__(self, data_paths: list[Path], *, use_cache: bool, color: str | None = None,
                 lang: str | None = None, pager: bool = True, quiet: bool = False) -> None:
        self.data_paths = data_paths
        self.use_cache = use_cache
        self.color = color or "auto"
        self.lang = lang
        self.pager = pager
        self.quiet = quiet
        self.spreadsheet = False  # CSV and TSV with formulas defused (--spreadsheet)
        self._dataset: Dataset | None = None

    @classmethod
    def create(cls, data: Sequence[str], *, no_cache: bool = False, color: str | None = None,
               lang: str | None = None, pager: bool = True, quiet: bool = False) -> Session:
        return cls(data_paths(data), use_cache=not no_cache and cache.enabled(), color=color,
                   lang=lang or _lang_from_environment(), pager=pager, quiet=quiet)

    @classmethod
    def from_context(cls, ctx: typer.Context) -> Session:
        root = ctx.find_root()
        if not isinstance(root.obj, Session):
            # Completion callbacks run before the root callback has made one; --data may follow the command.
            data = [*(root.params.get("data") or ()), *(ctx.params.get("data") or ())]
            root.obj = cls.create(data, no_cache=bool(root.params.get("no_cache") or ctx.params.get("no_cache")),
                                  quiet=True)
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
               sort: Sequence[str], reverse: bool) -> list[Entry]:
        from linping_cli.query import select

        keys = select.check_sort_fields(sort, [type_name] if type_name else [])
        candidates = self.dataset.of_type(type_name) if type_name else self.dataset.entries
        entries = select.filter_entries(candidates, tags=tags, category=category, year=year)
        return select.sort_entries(entries, keys, reverse=reverse, units=self.units()) if keys else entries

    def resolve(self, key: str) -> Entry:
        from linping_cli.query import select

        return select.resolve(self.dataset, key)

    def graph_filters(self, types: Sequence[str], relations: Sequence[str]) -> tuple[list[str], list[str]]:
        from linping_cli.model.records import ENTRY_TYPES, reference_fields
        from linping_cli.query import select

        for type_name in types:
            if type_name != "person":
                select.check_type(type_name)
        known = {name for kind in ENTRY_TYPES for name, _ in reference_fields(kind)} | {"people"}
        for name in relations:
            if name not in known:
                raise UserError(f"unknown relation {name!r}{select.did_you_mean(name, known)}"
                                f" (relations: {', '.join(sorted(known))})")
        return list(types), list(relations)

    def filter(self, entries: Sequence[Entry], category: str) -> list[Entry]:
        from linping_cli.query import select

        found = select.filter_entries(entries, category=category)
        if not found:
            known = {e.category for e in self.dataset.entries if e.category}
            raise UserError(f"nothing in category {category!r}{select.did_you_mean(category, known)}")
        return found

    def complete_ids(self, incomplete: str) -> list[tuple[str, str]]:
        """Ids starting with `incomplete`; `region:id` where that is what was begun (`linping:`, `exa`)."""
        try:
            dataset = self.dataset
        except Exception:  # completion must never break the shell
            return []
        found: dict[str, str] = {}
        for position, key in enumerate(dataset.ids):
            qualified = f"{dataset.region_of(position)}:{key}"
            shown = key if key.startswith(incomplete) else qualified if qualified.startswith(incomplete) else None
            if shown is not None and shown not in found:
                found[shown] = dataset.record(position).name
        return list(found.items())

    def complete_values(self, kind: str, types: Sequence[str], incomplete: str) -> list[str]:
        """The categories or tags entries of these types (all when none) have, starting with `incomplete`."""
        from linping_cli.query.stats import value_counts

        try:
            counts = value_counts(self.dataset, kind, types)
        except Exception:  # completion must never break the shell
            return []
        return [value for value in counts if value.casefold().startswith(incomplete.casefold())]

    def types_of(self, keys: Sequence[str]) -> list[str]:
        found = (self.dataset.get(key) for key in keys)
        return [entry.type for entry in found if entry is not None]

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
        if entry is None:
            return None
        return (entry.name_en or entry.name) if self.lang == "en" else entry.name

    def _write(self, view: views.View, output: Output) -> int:
        stream = sys.stdout
        ascii_only = not _can_encode(stream)
        if ascii_only and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
        from linping_cli.output.formats import write

        view.lang = self.lang
        terminal = _is_terminal(stream)
        color = self._color(stream)
        bom = output.bom and not ascii_only

        def written(out: Any) -> None:
            if bom:
                out.write("\ufeff")
            write(view, output.format, out, color=color, terminal=terminal, ascii_only=ascii_only,
                  spreadsheet=self.spreadsheet, headers=output.headers)

        return self._paged(written)

    def emit_text(self, text: str) -> int:
        return self._paged(lambda out: out.write(text))

    def _paged(self, write: Callable[[Any], object]) -> int:
        """Write to stdout; on a terminal, output longer than the screen goes through the pager."""
        if not (self.pager and _is_terminal(sys.stdout)):
            return write_stdout(lambda: write(sys.stdout))
        from linping_cli.cli import pager

        command = pager.pager_command()
        if command is None:
            return write_stdout(lambda: write(sys.stdout))
        import io

        buffer = io.StringIO()
        write(buffer)
        text = buffer.getvalue()
        if text.count("\n") < pager.screen_rows() or not pager.page(text, command):
            return write_stdout(lambda: sys.stdout.write(text))
        return ExitStatus.OK

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
            note(empty)
            if output.format == "json":
                print("[]")
            elif output.format in ("csv", "tsv"):  # the header alone: a reader sees the columns and no rows
                self._write(views.entries_view([], output.fields, types=output.types), output)
            return ExitStatus.NO_MATCH
        show_region = len(self.dataset.regions) > 1
        return self._write(views.entries_view(entries, output.fields, show_region=show_region,
                                               name_of=self._name_of), output)

    def emit_shown(self, entries: Sequence[Entry], output: Output, *, derived: bool = False) -> int:
        """show: one entry as an object, several as a list; in a table, each as field and value."""
        linked = [referrers(self.dataset, entry) for entry in entries]
        referenced_by = [[self.dataset.qualified_id(e) for e in each] for each in linked]
        people = [[self.dataset.qualified_id(e) for e in each if e.type == "person"] for each in linked]
        view = views.entry_view(entries, output.fields, referenced_by=referenced_by, people=people,
                                name_of=self._name_of)
        if derived:
            if len(entries) > 1:
                raise UserError("--derived shows one entry at a time: give one id")
            from linping_cli.output.derived_view import entry_with_derived

            [entry] = entries

            view = entry_with_derived(view, self.derived([entry]))
        return self._write(view, output)

    def emit_comparison(self, entries: list[Entry], output: Output, *, derived: bool = False,
                        unit: str | None = None) -> int:
        from linping_cli.query.compare import compare

        headers = [self.dataset.qualified_id(e) for e in entries]
        view = views.comparison_view(compare(entries, self.units(), unit), output.fields, headers=headers,
                                     name_of=self._name_of)
        if derived:
            from linping_cli.output.derived_view import comparison_with_derived

            view = comparison_with_derived(view, [self.derived([entry]) for entry in entries], headers)
        return self._write(view, output)

    def emit_chart(self, entries: Sequence[Entry], unit: str | None, fmt: str | None, json_flag: bool, *,
                   derived: bool, title: tuple[str, str] | None, key_figures: bool, keep_order: bool) -> int:
        from linping_cli.query.chart import build_chart, chart_facts

        facts = chart_facts(entries, key_figures)
        units = self.units()
        if derived and facts:
            into = unit or facts[0]["unit"]
            facts += [row for row in self.derived(entries) if units.converts(row["unit"], into)]
        chart = build_chart(facts, units, unit, title, keep_order=keep_order).as_dict()
        if fmt == "svg" and not json_flag:
            from linping_cli.output.svg import render_svg

            return self.emit_text(render_svg(chart))
        output = self.output(fmt, json_flag, None, [])
        if output.format != "table":
            from linping_cli.output.chart import chart_view

            return self._write(chart_view(chart), output)
        from linping_cli.output.chart import render_chart

        stream = sys.stdout
        return write_stdout(lambda: render_chart(chart, stream, color=self._color(stream),
                                                 terminal=_is_terminal(stream), ascii_only=not _can_encode(stream)))

    def emit_timeline(self, items: list[dict[str, Any]], output: Output) -> int:
        from linping_cli.output.timeline import render_timeline, timeline_view

        if not items:
            print("linping: nothing dated matches those filters", file=sys.stderr)
            if output.format == "json":
                print("[]")
            return ExitStatus.NO_MATCH
        view = timeline_view(items)
        stream = sys.stdout
        if output.format == "table" and _is_terminal(stream):  # grouped by year; in a pipe, the plain table
            return write_stdout(lambda: render_timeline(view, stream, color=self._color(stream)))
        return self._write(view, output)

    def emit_graph(self, graph: dict[str, Any], fmt: str | None, json_flag: bool, *, root: str | None,
                   depth: int) -> int:
        """A graph as DOT, Mermaid, data, or (for one entry, as a table) a tree."""
        if fmt in ("dot", "mermaid") and not json_flag:
            from linping_cli.output.graph import to_dot, to_mermaid

            return self.emit_text(to_dot(graph) if fmt == "dot" else to_mermaid(graph))
        output = self.output(fmt, json_flag, None, [])
        if output.format == "table" and root is not None:
            from linping_cli.output.graph import render_tree

            stream = sys.stdout
            return write_stdout(lambda: render_tree(graph, root, depth, stream, color=self._color(stream),
                                                  terminal=_is_terminal(stream), ascii_only=not _can_encode(stream)))
        from linping_cli.output.graph import graph_view

        return self._write(graph_view(graph), output)

    def derived(self, entries: Sequence[Entry]) -> list[dict[str, Any]]:
        from linping_cli.query.derived import derived_rows

        return derived_rows(entries, self.dataset)

    def units(self) -> Units:
        from linping_cli.query.units import Units

        return Units(self.dataset.units)

    def emit_citations(self, entry: Entry, fmt: str) -> int:
        from linping_cli.output.cite import write_citations
        from linping_cli.query.cite import citations

        return self.emit_text(write_citations(citations(self.dataset, entry), fmt))

    def emit_sources(self, output: Output) -> int:
        from linping_cli.query.stats import source_records

        return self._write(views.records_view(source_records(self.dataset)), output)

    def emit_stats(self, output: Output) -> int:
        from linping_cli.query.stats import stats

        return self._write(views.stats_view(stats(self.dataset)), output)

    def emit_values(self, kind: str, types: Sequence[str], output: Output) -> int:
        from linping_cli.query.stats import value_counts

        counts = value_counts(self.dataset, kind, types)
        if not counts:
            print(f"linping: no entry of those types has a {kind}", file=sys.stderr)
            return ExitStatus.NO_MATCH
        return self._write(views.records_view([{kind: value, "entries": n} for value, n in counts.items()]), output)

    def emit_facts(self, query: str | None, entry_keys: Sequence[str], types: Sequence[str], filters: dict[str, Any],
                   sort: str | None, reverse: bool, chosen: str | None, json_flag: bool, fields: str | None, *,
                   derived: bool = False) -> int:
        from linping_cli.query import facts, select

        for type_name in types:
            select.check_type(type_name)
        selected = facts.check_fact_fields(fields) if fields is not None else None
        output = self.output(chosen, json_flag, None, [])
        if entry_keys:
            entries = [self.resolve(key) for key in entry_keys]
        elif query is not None:
            entries = [entry for _, entry in search(self.dataset, query)]
        else:
            entries = self.dataset.entries
        rows = facts.filter_facts(facts.fact_rows(entries), types=types, **filters)
        all_fields = list(facts.FACT_FIELDS)
        if derived:  # after the stated facts, each marked as derived, with its formula and inputs
            worked_out = facts.filter_facts(self.derived(entries), types=types, **filters)
            rows += worked_out
            all_fields += [key for row in worked_out[:1] for key in row if key not in all_fields]
        if sort:
            rows = facts.sort_facts(rows, sort, reverse=reverse)
        if not rows:
            print("linping: no fact matches", file=sys.stderr)
            if output.format == "json":
                print("[]")
            return ExitStatus.NO_MATCH
        return self._write(views.facts_view(rows, selected, all_fields), output)

    def emit_answers(self, question: str, limit: int, chosen: str | None, json_flag: bool) -> int:
        from linping_cli.output.answers import answer_lines, nearest_note
        from linping_cli.query.ask import ask

        output = self.output(chosen, json_flag, None, [])
        answered = ask(self.dataset, question, limit=limit)
        if not answered.answers:
            print(f"linping: {nearest_note(answered.nearest)}", file=sys.stderr)
        if output.format == "table":
            code = self.emit_text(answer_lines(answered.answers, growth=answered.growth))
        else:
            code = self._write(views.answers_view(question, answered.answers), output)
        return code if answered.answers else ExitStatus.NO_MATCH

    def emit_export(self, path: Path, output: Output, *, replace: bool) -> int:
        from linping_cli.output.sqlite import export
        from linping_cli.query.facts import FACT_FIELDS, fact_rows

        entries = self.dataset.entries
        facts = (FACT_FIELDS, ((entry.region, row) for entry in entries for row in fact_rows([entry])))
        counts = export(self.dataset, facts, path, replace=replace)
        print(f"linping: wrote {path}", file=sys.stderr)
        return self._write(views.records_view([{"table": name, "rows": n} for name, n in counts.items()]), output)

    def emit_problems(self, paths: Sequence[Path], output: Output) -> int:
        from linping_cli.cli.load import validate_stdin

        if Path("-") in paths:
            if len(paths) > 1:
                raise UserError("validate reads either standard input (-) or paths, not both")
            problems = validate_stdin(sys.stdin, quiet=self.quiet)
        else:
            problems = validate_dataset(list(paths) or self.data_paths, quiet=self.quiet)
        if output.format == "table":
            self.emit_text("".join(f"{line}\n" for line in _capped(problems)))
        else:
            columns = list(Problem("", None, None, None, "").as_dict())  # a problem's keys, for a header when clean
            self._write(views.records_view([p.as_dict() for p in problems], columns), output)
        files = len({p.file for p in problems})
        if not self.quiet:
            print(f"linping: {_plural(len(problems), 'problem')} in {_plural(files, 'file')}" if problems
                  else "linping: no problems found", file=sys.stderr)
        return ExitStatus.BAD_DATA if problems else ExitStatus.OK

    def _color(self, stream: Any) -> bool:
        """--color always/never decide; auto follows NO_COLOR, then FORCE_COLOR, then TERM=dumb, then the terminal."""
        if self.color != "auto":
            return self.color == "always"
        if os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        return os.environ.get("TERM") != "dumb" and _is_terminal(stream)


PROBLEMS_PER_KIND = 20


def _capped(problems: Sequence[Problem]) -> list[str]:
    """Problems as lines, the first few of each kind and then how many more: a badly broken dataset
    stays readable. Other formats list every one."""
    import re

    from linping_cli.output.safe import visible

    kind_of = re.compile(r"[^'\"(0-9]*")  # a message up to its first quoted name or number: what kind it is
    lines, shown, kinds = [], Counter[str](), []
    for problem in problems:
        kind = kind_of.match(problem.message).group().strip()  # type: ignore[union-attr]
        if shown[kind] == 0:
            kinds.append(kind)
        shown[kind] += 1
        if shown[kind] <= PROBLEMS_PER_KIND:
            lines.append(visible(str(problem)))
    lines += [f"... and {shown[kind] - PROBLEMS_PER_KIND} more like {kind!r} (--format json lists them all)"
              for kind in kinds if shown[kind] > PROBLEMS_PER_KIND]
    return lines


def _lang_from_environment() -> str | None:
    chosen = os.environ.get("LINPING_LANG") or None
    if chosen not in (None, "zh", "en"):
        raise UserError(f"LINPING_LANG is {chosen!r}: it takes zh or en")
    return chosen


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
