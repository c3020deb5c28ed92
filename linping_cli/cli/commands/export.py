from pathlib import Path
from typing import Annotated

import typer

from linping_cli.cli.options import command_app
from linping_cli.cli.session import Output, Session
from linping_cli.model.errors import UserError
from linping_cli.model.rows import EXPORTED_TABLE
from linping_cli.output.views import records_view

app = command_app()


@app.command("export")
def export(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="PATH.db", help="The SQLite file to write.", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite PATH.db if it exists.")] = False,
    *, output: Output,
) -> None:
    """Write the data to a new SQLite database: a table per type, facts, relations, full-text search.

    Prints each table's row count.  Example: linping export linping.db && datasette linping.db
    """
    if not path:
        raise UserError("export needs a file name, not an empty string")
    from linping_cli.output.sqlite import export as written
    from linping_cli.query.facts import fact_rows

    session = Session.of(ctx)
    entries = session.dataset.entries
    facts = ((entry.region, row) for entry in entries for row in fact_rows([entry]))
    counts = written(session.dataset, facts, Path(path), replace=replace)
    session.io.note(f"wrote {path}")
    session.write(records_view([{"table": name, "rows": n} for name, n in counts.items()],
                               list(EXPORTED_TABLE.fields)), output)
