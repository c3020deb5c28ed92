from typing import Annotated

import typer

from linping_cli.cli.options import (
    TypesOption,
    check_types,
    command_app,
    whole_number,
)
from linping_cli.cli.session import Output, Session
from linping_cli.output.views import entries_view
from linping_cli.query.search import search as found
from linping_cli.query.select import valid_fields

app = command_app()


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Chinese, English or pinyin text.",
                                         show_default=False)],
    type_: TypesOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", parser=whole_number(0),
                                       help="At most this many hits; 0 for all.")] = 20,
    *, output: Output,
) -> None:
    """Find entries by name, alias, English name, pinyin, tag or summary; best match first.

    Example: linping search 西奥
    """
    session = Session.of(ctx)
    types = check_types(type_)
    fields = output.select(valid_fields(types))
    entries = [entry for _, entry in found(session.dataset, query, types=types, limit=limit or None)]
    view = entries_view(entries, fields, types=types, show_region=len(session.dataset.regions) > 1,
                        name_of=session.name_of)
    session.write(view, output, empty=f"nothing matches {query!r}")
