import textwrap

import typer

from linping_cli import __version__
from linping_cli.cli.exit import MEANINGS
from linping_cli.cli.group import command
from linping_cli.cli.options import command_app, plain_help
from linping_cli.cli.registry import COMMANDS
from linping_cli.cli.session import Session

app = command_app()


@app.command("man")
def man(ctx: typer.Context) -> None:
    """The manual: every command's help, the environment and the exit codes, as plain text.

    Example: linping man > linping.txt
    """
    Session.of(ctx).write_text(manual_text(ctx))


ENVIRONMENT = {
    "LINPING_DATA": "Datasets to use instead of the bundled one, separated by ':' (--data wins).",
    "LINPING_LANG": "zh or en: the language of names, labels and units in tables (--lang wins).",
    "LINPING_CACHE_DIR": "Where the checked dataset is cached (default: $XDG_CACHE_HOME/linping).",
    "LINPING_NO_CACHE": "Set to 1 to read the TOML afresh on every run.",
    "LINPING_PAGER, PAGER": "The pager for long output on a terminal (default: less -FRX; empty or cat: none).",
    "LINPING_PROGRESS_DELAY": "Seconds a cache build runs before its progress shows (default 1).",
    "NO_COLOR": "Set and not empty: no colour unless --color always.",
    "FORCE_COLOR": "Set and not empty: colour even in a pipe, unless NO_COLOR or --color never.",
}



def manual_text(ctx: typer.Context) -> str:
    """The manual page as plain text, built from the same help as --help."""
    with plain_help():
        return _manual(ctx)


def _manual(ctx: typer.Context) -> str:
    root = ctx.find_root()
    lines = [f"LINPING(1)                        linping {__version__}", "", "NAME",
             "    linping - facts about Linping District (临平区), Hangzhou, from the command line", "",
             "SYNOPSIS", "    linping [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS] [GLOBAL OPTIONS]", "",
             "DESCRIPTION", *_indent(root.command.help or ""), "", "GLOBAL OPTIONS"]
    for param in root.command.get_params(root):
        record = param.get_help_record(root)
        if record:
            lines += [f"    {record[0]}", *_indent(record[1], 8)]
    lines += ["", "COMMANDS"]
    for name in COMMANDS:
        found = command(name)
        text = found.get_help(typer.Context(found, info_name=f"linping {name}"))
        lines += [f"    linping {name}", *("        " + line if line else "" for line in text.splitlines()), ""]
    lines.append("ENVIRONMENT")
    for variable, meaning in ENVIRONMENT.items():
        lines += [f"    {variable}", *_indent(meaning, 8)]
    lines += ["", "EXIT STATUS"]
    lines += [f"    {int(code):<5}{meaning}" for code, meaning in MEANINGS.items()]
    lines += ["", "SEE ALSO", "    linping help COMMAND, linping COMMAND --help, the README of the project", ""]
    return "\n".join(lines)


def _indent(text: str, by: int = 4) -> list[str]:
    return [textwrap.fill(paragraph, 100, initial_indent=" " * by, subsequent_indent=" " * by) if paragraph else ""
            for paragraph in text.split("\n")]
