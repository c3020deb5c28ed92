from typing import Annotated

import typer

from linping_cli.cli.options import TypesOption, check_types, command_app, one_of
from linping_cli.cli.session import Output, Session
from linping_cli.output.views import records_view
from linping_cli.query.stats import value_counts

app = command_app()
KINDS = ("category", "tag")


@app.command("values")
def values(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="category|tag", help="Which values to list.", show_default=False,
                                        parser=one_of(KINDS), autocompletion=lambda: list(KINDS))],
    type_: TypesOption = None,
    *, output: Output,
) -> None:
    """The categories or tags that entries carry, each with how many do; most used first.

    What list --category and --tag take.  Example: linping values category --type company
    """
    session = Session.of(ctx)
    counts = value_counts(session.dataset, kind, check_types(type_))
    view = records_view([{kind: value, "entries": n} for value, n in counts.items()], [kind, "entries"])
    session.write(view, output, empty=f"no entry of those types has a {kind}")
