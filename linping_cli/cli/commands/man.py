import typer

from linping_cli.cli.manual import manual_text
from linping_cli.cli.options import command_app
from linping_cli.cli.session import Session

app = command_app()


@app.command("man")
def man(ctx: typer.Context) -> None:
    """The manual: every command's help, the environment and the exit codes, as plain text.

    Example: linping man > linping.txt
    """
    Session.of(ctx).write_text(manual_text(ctx))
