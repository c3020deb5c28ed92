"""The `linping` command: the root's global options; each subcommand lives in its module under `cli/commands/`."""

from typing import Annotated

import typer

from linping_cli import __version__
from linping_cli.cli.group import LazyGroup
from linping_cli.cli.io import IOStreams
from linping_cli.cli.options import help_markup, one_of
from linping_cli.cli.registry import COLORS, LANGS
from linping_cli.cli.session import Session

app = typer.Typer(
    cls=LazyGroup,
    name="linping",
    help="Facts about Linping District (临平区), Hangzhou: figures, companies, places, plans and more, "
    "each with its source.\n\nExamples:  linping search 西奥   ·   linping ask '临平2024年GDP是多少'   ·   "
    "linping compare cfmoto xiolift --json",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=help_markup(),
)

GLOBAL = "Global options (before or after the command)"


def _show_version(value: bool) -> None:
    if value:
        print(f"linping {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[list[str] | None, typer.Option(
        "--data", metavar="PATH", show_default=False, rich_help_panel=GLOBAL,
        help="A dataset file or folder to use instead of the bundled one; repeat to load several regions. "
        "Default: $LINPING_DATA (paths separated by ':'), else the bundled data.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read the TOML afresh; skip the cache.",
                                           rich_help_panel=GLOBAL)] = False,
    color: Annotated[str | None, typer.Option(
        "--color", metavar="WHEN", show_default=False, parser=one_of(COLORS), autocompletion=lambda: list(COLORS),
        rich_help_panel=GLOBAL,
        help="Colour in tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Short for --color never.",
                                           rich_help_panel=GLOBAL)] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="zh|en", show_default=False, parser=one_of(LANGS), autocompletion=lambda: list(LANGS),
        rich_help_panel=GLOBAL,
        help="Show names, labels and units in one language (default: $LINPING_LANG, else Chinese with English "
        "names beside). JSON always keeps both.")] = None,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="Never page long output (default on a terminal: $PAGER, else less -FRX).",
        rich_help_panel=GLOBAL)] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, and no count line from validate.",
                                        rich_help_panel=GLOBAL)] = False,
    spreadsheet: Annotated[bool, typer.Option(
        "--spreadsheet", rich_help_panel=GLOBAL,
        help="CSV and TSV to open in a spreadsheet: text starting with = + - @ gets a leading ' so it is never run "
        "as a formula.")] = False,
    version: Annotated[bool, typer.Option("--version", "-V", help="Print the version and exit.",
                                          callback=_show_version, is_eager=True, rich_help_panel=GLOBAL)] = False,
) -> None:
    # Paths arrive as text: Typer's Path type stats them, which fails on a NUL byte. A test may hand in its own
    # streams as the context's object (`CliRunner().invoke(app, args, obj=IOStreams.fake(...))`).
    given = ctx.obj if isinstance(ctx.obj, IOStreams) else None
    ctx.obj = Session.create(data or [], io=given, no_cache=no_cache, color="never" if no_color else color,
                             lang=lang, pager=not no_pager, quiet=quiet, spreadsheet=spreadsheet)
