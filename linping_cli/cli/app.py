"""The `linping` command: parse arguments, call the query, hand the result to output.

The logic raises UserError or DataError; `exit.Group` turns each into one line on
stderr and an ExitStatus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from linping_cli import __version__
from linping_cli.cli.exit import Group
from linping_cli.cli.lazy import COMMANDS
from linping_cli.cli.options import (
    BomOption,
    FieldsOption,
    FormatOption,
    IdArgument,
    JsonOption,
    NoHeadersOption,
    complete_fields,
    complete_ids,
    complete_types,
)
from linping_cli.cli.session import Session
from linping_cli.model.errors import UserError

app = typer.Typer(
    cls=Group,
    name="linping",
    help="Facts about Linping District (临平区), Hangzhou: figures, companies, places, plans and more, "
    "each with its source.\n\nExamples:  linping search 西奥   ·   linping list figure   ·   "
    "linping compare cfmoto xiolift --json",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        print(f"linping {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[list[str] | None, typer.Option(
        "--data", help="A dataset file or folder to use instead of the bundled one; repeat to load "
        "several regions. Default: $LINPING_DATA (paths separated by ':'), else the bundled data.",
        show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read the TOML afresh; skip the cache.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar while data is checked.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.",
                                          callback=_show_version, is_eager=True)] = False,
) -> None:
    if any(not path for path in data or []):
        raise UserError("--data needs a file or folder, not an empty string")
    # Paths arrive as text: Typer's Path type stats them, which fails on a NUL byte.
    ctx.obj = Session.create(data or [], no_cache=no_cache, no_color=no_color, quiet=quiet)


@COMMANDS.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Chinese, English or pinyin text.",
                                         show_default=False)],
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only entries of this type (repeatable).", autocompletion=complete_types)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many hits; 0 for all.")] = 20,
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Find entries by name, alias, English name, pinyin, tag or summary; best match first.

    Example: linping search 西奥
    """
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, fields, type_ or [], headers=not no_headers, bom=bom)
    entries = session.search(query, type_ or [], limit or None)
    return session.emit_entries(entries, output, empty=f"nothing matches {query!r}")


@COMMANDS.command("list")
def list_entries(
    ctx: typer.Context,
    type_name: Annotated[str | None, typer.Argument(
        metavar="[TYPE]", help="figure, company, organisation, place, event, plan, product, project or "
        "industry.", autocompletion=complete_types, show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only entries with this tag (repeatable).")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Only entries in this category.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only entries about this year.")] = None,
    sort: Annotated[str | None, typer.Option(
        "--sort", help="Sort by this field (default: the order of the dataset files).",
        autocompletion=complete_fields)] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the sort.")] = False,
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """List every entry, or every entry of one TYPE, optionally filtered and sorted.

    Example: linping list figure --category trade --sort value --reverse
    """
    session = Session.from_context(ctx)
    types = [type_name] if type_name else []
    output = session.output(fmt, json_, fields, types, headers=not no_headers, bom=bom)
    entries = session.select(type_name, tag or [], category, year, sort, reverse)
    return session.emit_entries(entries, output, empty="no entry matches those filters")


@COMMANDS.command()
def show(ctx: typer.Context, entry_id: IdArgument, fmt: FormatOption = None, json_: JsonOption = False,
         fields: FieldsOption = None, no_headers: NoHeadersOption = False, bom: BomOption = False) -> int:
    """Everything about one entry: every field, its source, and what it links to.

    Example: linping show xiolift
    """
    session = Session.from_context(ctx)
    entry = session.resolve(entry_id)
    return session.emit_entry(entry, session.output(
        fmt, json_, fields, [entry.type], headers=not no_headers, bom=bom))


@COMMANDS.command()
def compare(
    ctx: typer.Context,
    entry_ids: Annotated[list[str], typer.Argument(metavar="ID ID [ID...]", help="Two or more entry ids.",
                                                   autocompletion=complete_ids, show_default=False)],
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Entries side by side; figures with one unit also get difference and ratio to the first.

    Example: linping compare cfmoto xiolift
    """
    session = Session.from_context(ctx)
    entries = [session.resolve(key) for key in entry_ids]
    output = session.output(fmt, json_, fields, sorted({entry.type for entry in entries}),
                            headers=not no_headers, bom=bom)
    return session.emit_comparison(entries, output)


@COMMANDS.command()
def sources(ctx: typer.Context, fmt: FormatOption = None, json_: JsonOption = False,
            no_headers: NoHeadersOption = False, bom: BomOption = False) -> int:
    """The source articles, what they cover, and how many entries cite each.

    Example: linping sources
    """
    session = Session.from_context(ctx)
    return session.emit_sources(session.output(fmt, json_, None, [], headers=not no_headers, bom=bom))


@COMMANDS.command()
def stats(ctx: typer.Context, fmt: FormatOption = None, json_: JsonOption = False,
          no_headers: NoHeadersOption = False, bom: BomOption = False) -> int:
    """Counts: entries by type, figures by year, entries by source.

    Example: linping stats --json
    """
    session = Session.from_context(ctx)
    return session.emit_stats(session.output(fmt, json_, None, [], headers=not no_headers, bom=bom))


@COMMANDS.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        help="Dataset files or folders (default: what --data names, else the bundled data).",
        show_default=False)] = None,
    fmt: FormatOption = None, json_: JsonOption = False,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Check a dataset and list every problem as file:line: id: field: message.

    Exit 0 when clean, 3 when not.  Example: linping validate my-region/
    """
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, None, [], headers=not no_headers, bom=bom)
    return session.emit_problems([Path(p) for p in paths or []], output)


@COMMANDS.command()
def export(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="PATH.db", help="The SQLite file to write.", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite PATH.db if it exists.")] = False,
    fmt: FormatOption = None, json_: JsonOption = False,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Write the data to a new SQLite database: a table per type, facts, relations, full-text search.

    Prints each table's row count.  Example: linping export linping.db && datasette linping.db
    """
    if not path:
        raise UserError("export needs a file name, not an empty string")
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, None, [], headers=not no_headers, bom=bom)
    return session.emit_export(Path(path), output, replace=replace)


def _complete_outputs(incomplete: str) -> list[str]:
    from linping_cli.output.schema import output_names

    return [name for name in output_names() if name.startswith(incomplete)]


@COMMANDS.command()
def schema(
    ctx: typer.Context,
    output: Annotated[str | None, typer.Argument(
        metavar="[OUTPUT]", help="Only the schema of this output: a command (list, stats, ...) for its JSON, or "
        "COMMAND.jsonl for one line of its JSONL. Default: every output.", autocompletion=_complete_outputs,
        show_default=False)] = None,
    fields: FieldsOption = None,
    json_: Annotated[bool, typer.Option("--json", help="Accepted for symmetry: the schema is JSON already.")] = False,
) -> int:
    """Print the JSON Schema (draft 2020-12) of what each command prints with --json or -f jsonl.

    Example: linping schema list --fields id,value > list.schema.json
    """
    return Session.from_context(ctx).emit_schema(output, fields)
