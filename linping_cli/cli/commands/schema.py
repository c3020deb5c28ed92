from typing import Annotated

import typer

from linping_cli.cli.options import command_app, complete_fields
from linping_cli.cli.session import Session
from linping_cli.model.errors import UserError, did_you_mean
from linping_cli.output.schema import output_names, schema_text
from linping_cli.query.select import check_fields

app = command_app()


def _complete_outputs(incomplete: str) -> list[str]:
    return [name for name in output_names() if name.startswith(incomplete)]


@app.command("schema")
def schema(
    ctx: typer.Context,
    output: Annotated[str | None, typer.Argument(
        metavar="[OUTPUT]", help="Only the schema of this output: a command (list, stats, ...) for its JSON, or "
        "COMMAND.jsonl for one line of its JSONL. Default: every output.", autocompletion=_complete_outputs,
        show_default=False)] = None,
    fields: Annotated[str | None, typer.Option(
        "--fields", metavar="A,B,...", show_default=False, autocompletion=complete_fields,
        help="The schema of entries cut to these fields, as --fields prints them.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Accepted for symmetry: the schema is JSON already.")] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of what each command prints with --json or -f jsonl.

    Example: linping schema list --fields id,value > list.schema.json
    """
    names = output_names()
    if output is not None and output not in names:
        raise UserError(f"no output is called {output!r}{did_you_mean(output, names)} (outputs: {', '.join(names)})")
    chosen = check_fields(fields, []) if fields is not None else None
    Session.of(ctx).write_text(schema_text(output, chosen) + "\n")
