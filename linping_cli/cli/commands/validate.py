import tempfile
from pathlib import Path
from typing import IO, Annotated

import typer

from linping_cli.cli.exit import ExitStatus
from linping_cli.cli.load import validate_dataset
from linping_cli.cli.options import command_app
from linping_cli.cli.session import Output, Session
from linping_cli.model.errors import Problem, UserError
from linping_cli.output.problems import problems_view

app = command_app()


@app.command("validate")
def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH...]", help="Dataset files or folders, or - for one file on standard input (default: what "
        "--data names, else the bundled data).", show_default=False)] = None,
    *, output: Output,
) -> None:
    """Check a dataset and list every problem as file:line: id: field: message.

    Exit 0 when clean, 3 when not.  Example: linping validate my-region/
    """
    session = Session.of(ctx)
    given = [Path(path) for path in paths or ()]
    if Path("-") in given:
        if len(given) > 1:
            raise UserError("validate reads either standard input (-) or paths, not both")
        if session.io.stdin is None:
            raise UserError("validate -: standard input is closed")
        problems = validate_stdin(session.io.stdin, quiet=session.quiet)
    else:
        problems = validate_dataset(given or session.data_paths, quiet=session.quiet)
    session.write(problems_view(problems), output)
    if not session.quiet:
        files = len({problem.file for problem in problems})
        session.io.note(f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}" if problems
                        else "no problems found")
    if problems:
        raise typer.Exit(ExitStatus.BAD_DATA)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def validate_stdin(stream: IO[str], *, quiet: bool = True) -> list[Problem]:
    """Check a one-file dataset read from `stream` (`validate -`); problems name it `<stdin>`."""
    with tempfile.TemporaryDirectory(prefix="linping-stdin-") as folder:
        path = Path(folder) / "stdin.toml"
        # Bytes as they came: the checker itself tells a file that is not UTF-8.
        path.write_bytes(stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode())
        problems = validate_dataset([path], quiet=quiet)
    for problem in problems:
        if problem.file == str(path):
            problem.file = "<stdin>"
    return problems
