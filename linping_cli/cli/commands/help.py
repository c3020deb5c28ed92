from typing import Annotated

import typer

from linping_cli.cli.group import command as built
from linping_cli.cli.options import command_app
from linping_cli.cli.registry import COMMANDS
from linping_cli.cli.session import Session
from linping_cli.model.errors import UserError, did_you_mean

app = command_app()


@app.command("help")
def help_(ctx: typer.Context, command: Annotated[str | None, typer.Argument(
        metavar="[COMMAND]", help="The command to explain (default: linping itself).",
        autocompletion=lambda incomplete: [name for name in COMMANDS if name.startswith(incomplete)],
        show_default=False)] = None) -> None:
    """The help of linping, or of one command: the same as `linping COMMAND --help`.

    Example: linping help list
    """
    Session.of(ctx).write_text(help_text(ctx, command))


def help_text(ctx: typer.Context, name: str | None) -> str:
    """What `linping --help` or `linping NAME --help` prints (Rich prints its own at once and gives '')."""
    root = ctx.find_root()
    if name is None:
        return str(root.get_help()) + "\n"
    if name not in COMMANDS:
        raise UserError(f"no command {name!r}{did_you_mean(name, COMMANDS)} (commands: {', '.join(COMMANDS)})")
    found = built(name)
    return str(found.get_help(typer.Context(found, info_name=name, parent=root))) + "\n"
