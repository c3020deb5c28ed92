from typing import Annotated

import typer

from linping_cli.cli.manual import help_text
from linping_cli.cli.options import command_app, complete_commands
from linping_cli.cli.session import Session

app = command_app()


@app.command("help")
def help_(ctx: typer.Context, command: Annotated[str | None, typer.Argument(
        metavar="[COMMAND]", help="The command to explain (default: linping itself).",
        autocompletion=complete_commands, show_default=False)] = None) -> None:
    """The help of linping, or of one command: the same as `linping COMMAND --help`.

    Example: linping help list
    """
    Session.of(ctx).write_text(help_text(ctx, command))
