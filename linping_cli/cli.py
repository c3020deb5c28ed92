"""The `linping` command: parse arguments, call the query, hand the result to render.

Only the cli room (this module and session.py) knows about exit codes: the logic
raises UserError or DataError, and `_Group.main` turns each into one line on stderr
and an ExitStatus.
"""

import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer import _click
from typer.core import TyperGroup
from typer.exceptions import Abort
from typer.main import get_command_from_info, get_command_name

from linping_cli import __version__
from linping_cli.errors import DataError, ExitStatus, UserError
from linping_cli.render import Format
from linping_cli.session import Session


class _LazyCommands(MutableMapping[str, _click.Command]):
    """The subcommands, each turned into a Click command only when it is used.

    Typer builds every command from its signature at start-up; building just the
    one being run saves a few milliseconds on every query.
    """

    def __init__(self, registry: typer.Typer) -> None:
        self._infos = {info.name or get_command_name(info.callback.__name__): info  # type: ignore[union-attr]
                       for info in registry.registered_commands}
        self._built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            self._built[name] = get_command_from_info(self._infos[name], pretty_exceptions_short=True,
                                                      rich_markup_mode=app.rich_markup_mode)
        return self._built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._built[name] = command
        self._infos.setdefault(name, None)  # type: ignore[arg-type]

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


class _Group(TyperGroup):
    """Runs the app and maps every failure to one line on stderr and an exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands(commands)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> NoReturn:
        try:
            result = super().main(args, prog_name or "linping", complete_var, standalone_mode=False, **extra)
            code = int(result) if isinstance(result, int) else ExitStatus.OK
        except UserError as error:
            code = _fail(str(error), ExitStatus.USAGE)
        except DataError as error:
            code = _fail(f"bad data: {error}", ExitStatus.BAD_DATA)
        except _click.exceptions.NoArgsIsHelpError as error:
            if error.message:  # Rich help has printed itself already, leaving the message empty
                print(error.message)
            code = ExitStatus.USAGE
        except _click.exceptions.UsageError as error:
            code = _fail(_usage_message(error), ExitStatus.USAGE)
        except _click.exceptions.ClickException as error:
            code = _fail(error.format_message(), ExitStatus.USAGE)
        except KeyboardInterrupt:
            code = ExitStatus.INTERRUPTED
        except Abort as error:
            if isinstance(error.__cause__ or error.__context__, KeyboardInterrupt):
                code = ExitStatus.INTERRUPTED
            else:
                code = _fail(f"internal error: aborted ({error.__context__!r})", ExitStatus.SOFTWARE)
        except Exception as error:  # a bug: still one line, never a traceback
            code = _fail(f"internal error: {type(error).__name__}: {error} (please report this)",
                         ExitStatus.SOFTWARE)
        sys.exit(code)


def _fail(message: str, code: ExitStatus) -> ExitStatus:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    print(f"linping: {one_line}", file=sys.stderr)
    return code


def _usage_message(error: _click.exceptions.UsageError) -> str:
    message = " ".join(error.format_message().split())
    if isinstance(error, _click.exceptions.BadOptionUsage) and error.option_name == "--fields":
        from linping_cli.query import valid_fields

        message += f" (valid fields: {','.join(valid_fields([]))})"
    command = error.ctx.command_path if error.ctx else "linping"
    return f"{message} (see '{command} --help')"


app = typer.Typer(
    cls=_Group,
    name="linping",
    help="Facts about Linping District (临平区), Hangzhou: figures, companies, places, plans and more, "
    "each with its source.\n\nExamples:  linping search 西奥   ·   linping list figure   ·   "
    "linping compare cfmoto xiolift --json",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# The subcommands live on their own registry so that _Group can build them lazily.
commands = typer.Typer()


def _complete_types(incomplete: str) -> list[str]:
    from linping_cli.models import ENTRY_TYPES

    return [name for name in ENTRY_TYPES if name.startswith(incomplete)]


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return Session.from_context(ctx).complete_ids(incomplete)


def _complete_fields(incomplete: str) -> list[str]:
    from linping_cli.query import valid_fields

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + name for name in valid_fields([]) if name.startswith(last)]


FormatOption = Annotated[Format | None, typer.Option(
    "--format", "-f", help="table (default), json, jsonl, csv, tsv or markdown.", show_default=False,
    case_sensitive=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[str | None, typer.Option(
    "--fields", help="Comma-separated fields to print, in this order.", autocompletion=_complete_fields)]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="An entry id (region:id where ids clash).",
                                           autocompletion=_complete_ids, show_default=False)]


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
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.",
                                          callback=_show_version, is_eager=True)] = False,
) -> None:
    if any(not path for path in data or []):
        raise UserError("--data needs a file or folder, not an empty string")
    # Paths arrive as text: Typer's Path type stats them, which fails on a NUL byte.
    ctx.obj = Session.create([Path(p) for p in data or []], no_cache=no_cache, no_color=no_color)


@commands.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Chinese, English or pinyin text.",
                                         show_default=False)],
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only entries of this type (repeatable).", autocompletion=_complete_types)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many hits; 0 for all.")] = 20,
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
) -> int:
    """Find entries by name, alias, English name, pinyin, tag or summary; best match first.

    Example: linping search 西奥
    """
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, fields, type_ or [])
    entries = session.search(query, type_ or [], limit or None)
    return session.emit_entries(entries, output, empty=f"nothing matches {query!r}")


@commands.command("list")
def list_entries(
    ctx: typer.Context,
    type_name: Annotated[str | None, typer.Argument(
        metavar="[TYPE]", help="figure, company, organisation, place, event, plan, product, project or "
        "industry.", autocompletion=_complete_types, show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only entries with this tag (repeatable).")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Only entries in this category.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only entries about this year.")] = None,
    sort: Annotated[str | None, typer.Option(
        "--sort", help="Sort by this field (default: the order of the dataset files).",
        autocompletion=_complete_fields)] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the sort.")] = False,
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
) -> int:
    """List every entry, or every entry of one TYPE, optionally filtered and sorted.

    Example: linping list figure --category trade --sort value --reverse
    """
    session = Session.from_context(ctx)
    types = [type_name] if type_name else []
    output = session.output(fmt, json_, fields, types)
    entries = session.list(type_name, tag or [], category, year, sort, reverse)
    return session.emit_entries(entries, output, empty="no entry matches those filters")


@commands.command()
def show(ctx: typer.Context, entry_id: IdArgument, fmt: FormatOption = None, json_: JsonOption = False,
         fields: FieldsOption = None) -> int:
    """Everything about one entry: every field, its source, and what it links to.

    Example: linping show xiolift
    """
    session = Session.from_context(ctx)
    entry = session.resolve(entry_id)
    return session.emit_entry(entry, session.output(fmt, json_, fields, [entry.type]))


@commands.command()
def compare(
    ctx: typer.Context,
    entry_ids: Annotated[list[str], typer.Argument(metavar="ID ID [ID...]", help="Two or more entry ids.",
                                                   autocompletion=_complete_ids, show_default=False)],
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
) -> int:
    """Entries side by side; figures with one unit also get difference and ratio to the first.

    Example: linping compare cfmoto xiolift
    """
    session = Session.from_context(ctx)
    entries = [session.resolve(key) for key in entry_ids]
    output = session.output(fmt, json_, fields, sorted({entry.type for entry in entries}))
    return session.emit_comparison(entries, output)


@commands.command()
def sources(ctx: typer.Context, fmt: FormatOption = None, json_: JsonOption = False) -> int:
    """The source articles, what they cover, and how many entries cite each.

    Example: linping sources
    """
    session = Session.from_context(ctx)
    return session.emit_sources(session.output(fmt, json_, None, []))


@commands.command()
def stats(ctx: typer.Context, fmt: FormatOption = None, json_: JsonOption = False) -> int:
    """Counts: entries by type, figures by year, entries by source.

    Example: linping stats --json
    """
    session = Session.from_context(ctx)
    return session.emit_stats(session.output(fmt, json_, None, []))


@commands.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        help="Dataset files or folders (default: what --data names, else the bundled data).",
        show_default=False)] = None,
    fmt: FormatOption = None, json_: JsonOption = False,
) -> int:
    """Check a dataset and list every problem as file:line: id: field: message.

    Exit 0 when clean, 3 when not.  Example: linping validate my-region/
    """
    session = Session.from_context(ctx)
    return session.emit_problems([Path(p) for p in paths or []], session.output(fmt, json_, None, []))


@commands.command()
def schema(ctx: typer.Context, json_: Annotated[bool, typer.Option(
        "--json", help="Accepted for symmetry: the schema is JSON already.")] = False) -> int:
    """Print the JSON Schema (draft 2020-12) of entry objects and of compare's output.

    Example: linping schema > linping.schema.json
    """
    from linping_cli.schema import schema_text

    return Session.from_context(ctx).emit_text(schema_text() + "\n")
