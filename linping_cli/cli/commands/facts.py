from collections.abc import Callable
from typing import Annotated, Any

import typer

from linping_cli.cli.options import (
    DerivedOption,
    ReverseOption,
    TypesOption,
    YearOption,
    check_types,
    command_app,
    complete_ids,
    number,
)
from linping_cli.cli.registry import field_choices
from linping_cli.cli.session import Output, Session
from linping_cli.model.records import Entry
from linping_cli.output.views import facts_view
from linping_cli.query.facts import fact_rows, filter_facts, sort_facts
from linping_cli.query.search import search
from linping_cli.query.select import resolve

app = command_app()


@app.command("facts")
def facts(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(
        metavar="[QUERY]", help="Only the facts of the entries this search finds.", show_default=False)] = None,
    entry: Annotated[list[str] | None, typer.Option(
        "--entry", "-e", metavar="ID", show_default=False, autocompletion=complete_ids,
        help="Only this entry's facts: an id or a unique name (repeatable).")] = None,
    type_: TypesOption = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT", show_default=False,
                                             help="Only facts in this unit (亿元, firms, ...).")] = None,
    year: YearOption = None,
    minimum: Annotated[float | None, typer.Option("--min", metavar="N", show_default=False, parser=number,
                                                  help="Only values of at least this.")] = None,
    maximum: Annotated[float | None, typer.Option("--max", metavar="N", show_default=False, parser=number,
                                                  help="Only values of at most this.")] = None,
    target: Annotated[bool | None, typer.Option(
        "--target/--no-target", help="Only targets, or only facts that are not targets.", show_default=False)] = None,
    sort: Annotated[str | None, typer.Option("--sort", metavar="FIELD", show_default=False,
                                             help="Sort by this field (default: dataset order).")] = None,
    reverse: ReverseOption = False,
    derived: DerivedOption = False,
    cite: Annotated[bool, typer.Option(
        "--cite", help="Give each fact its citation: the article and section it comes from, as `cite` writes "
        "them.")] = False,
    *, output: Output,
) -> None:
    """Every number in the dataset as one row: each figure and each key figure, with what it measures.

    Example: linping facts --unit 亿元 --sort value --reverse --format csv
    """
    session = Session.of(ctx)
    dataset = session.dataset
    types = check_types(type_)
    every = field_choices("facts", derived=derived, cite=cite)
    fields = output.select(every)
    if entry:
        entries = [resolve(dataset, key) for key in entry]
    elif query is not None:
        entries = [found for _, found in search(dataset, query)]
    else:
        entries = dataset.entries
    def facts_of(made: Callable[[Entry], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The facts `made` gives of each entry that pass the filters, with their citations when asked."""
        found = []
        for item in entries:
            rows = filter_facts(made(item), types=types, unit=unit, year=year, minimum=minimum, maximum=maximum,
                                target=target)
            if cite:
                from linping_cli.query.cite import cited

                rows = [{**row, "citation": cited(dataset, item.region, item.id, row["source"] or ())}
                        for row in rows]
            found += rows
        return found

    rows = facts_of(lambda item: fact_rows([item]))
    if derived:  # after the stated facts, each marked as derived, with its formula and inputs
        from linping_cli.query.derived import derived_rows

        rows += facts_of(lambda item: derived_rows([item], dataset))
    if sort:
        rows = sort_facts(rows, sort, reverse=reverse)
    session.write(facts_view(rows, fields, every, cite=cite), output, empty="no fact matches")
