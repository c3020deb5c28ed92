from typing import Annotated

import typer

from linping_cli.cli.options import (
    TagsOption,
    TypesOption,
    check_types,
    command_app,
    )
from linping_cli.cli.session import Output, Session
from linping_cli.output.timeline import timeline_view
from linping_cli.query.timeline import parse_bound
from linping_cli.query.timeline import timeline as dated

app = command_app()
_DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD."


@app.command("timeline")
def timeline(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", show_default=False,
                                              help=f"From this date: {_DATE_HELP}")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", show_default=False,
                                           help=f"Up to this date: {_DATE_HELP}")] = None,
    type_: TypesOption = None,
    tag: TagsOption = None,
    *, output: Output,
) -> None:
    """Every dated item in order: events, plans and deadlines, launches, figures' years, foundings.

    Example: linping timeline --from 2024 --type event
    """
    session = Session.of(ctx)
    start = parse_bound(from_, "--from") if from_ else None
    end = parse_bound(to, "--to") if to else None
    items = dated(session.dataset.entries, start=start, end=end, types=check_types(type_), tags=tag or [])
    view = timeline_view(items)
    view.name_of = session.name_of
    session.write(view, output, empty="nothing dated matches those filters")
