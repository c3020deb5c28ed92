from typing import Annotated

import typer

from linping_cli.cli.options import (
    CategoryOption,
    ReverseOption,
    TagsOption,
    YearOption,
    command_app,
    complete_fields,
    complete_types,
    )
from linping_cli.cli.session import Output, Session
from linping_cli.model.records import ENTRY_TYPES
from linping_cli.output.views import entries_view
from linping_cli.query import select

app = command_app()


@app.command("list")
def list_entries(
    ctx: typer.Context,
    type_name: Annotated[str | None, typer.Argument(
        metavar="[TYPE]", help=f"One of {', '.join(ENTRY_TYPES)}.", autocompletion=complete_types,
        show_default=False)] = None,
    tag: TagsOption = None,
    category: CategoryOption = None,
    year: YearOption = None,
    sort: Annotated[list[str] | None, typer.Option(
        "--sort", metavar="FIELD,...", autocompletion=complete_fields, show_default=False,
        help="Sort by these fields, comma-separated: --sort unit,value (default: the order of the dataset "
        "files).")] = None,
    reverse: ReverseOption = False,
    *, output: Output,
) -> None:
    """List every entry, or every entry of one TYPE, optionally filtered and sorted.

    Example: linping list figure --category trade --sort unit,value --reverse
    """
    session = Session.of(ctx)
    types = [select.check_type(type_name)] if type_name else []
    fields = output.select(select.valid_fields(types))
    keys = select.check_sort_fields(sort or [], types)
    dataset = session.dataset
    entries = select.filter_entries(dataset.of_type(type_name) if type_name else dataset.entries, tags=tag or [],
                                    category=category, year=year)
    if keys:
        entries = select.sort_entries(entries, keys, reverse=reverse, units=session.units())
    view = entries_view(entries, fields, types=types, show_region=len(dataset.regions) > 1, name_of=session.name_of)
    session.write(view, output, empty="no entry matches those filters")
