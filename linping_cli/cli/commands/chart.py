from typing import Annotated

import typer

from linping_cli.cli.options import (
    CategoryOption,
    DerivedOption,
    UnitOption,
    command_app,
    complete_ids,
    )
from linping_cli.cli.session import Output, Session
from linping_cli.model.errors import UserError, did_you_mean
from linping_cli.model.records import Figure
from linping_cli.output.chart import chart_view
from linping_cli.query.chart import chart_of
from linping_cli.query.select import filter_entries, resolve

app = command_app()


@app.command("chart")
def chart(
    ctx: typer.Context,
    entry_ids: Annotated[list[str] | None, typer.Argument(
        metavar="[ID...]", help="Figures to chart (another entry: its key figures).", autocompletion=complete_ids,
        show_default=False)] = None,
    unit: UnitOption = None,
    category: CategoryOption = None,
    entry: Annotated[str | None, typer.Option("--entry", metavar="ID", show_default=False, help="One entry's key "
                                              "figures.", autocompletion=complete_ids)] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TITLE", show_default=False,
                                              help="The chart's title (Chinese).")] = None,
    title_en: Annotated[str | None, typer.Option("--title-en", metavar="TITLE", show_default=False,
                                                 help="The chart's title (English).")] = None,
    derived: DerivedOption = False,
    no_credit: Annotated[bool, typer.Option("--no-credit", help="No line saying linping made the chart (svg, "
                                            "vega-lite).")] = False,
    *, output: Output,
) -> None:
    """A horizontal bar chart of figures that share a unit (or convert into one); -f svg for a page.

    Select by ids, --entry, --category and --unit (all given must hold).
    Example: linping chart --unit 亿元 --category trade -f svg > trade.svg
    """
    session = Session.of(ctx)
    if not (entry_ids or entry or category or unit):
        raise UserError("say what to chart: ids, --entry ID, --category or --unit")
    dataset = session.dataset
    entries = [resolve(dataset, key) for key in entry_ids or []]
    if entry:
        entries.append(resolve(dataset, entry))
    if not entries:
        entries = [e for e in dataset.entries if isinstance(e, Figure) or not category]
    if category:
        entries = filter_entries(entries, category=category)
        if not entries:
            known = {e.category for e in dataset.entries if e.category}
            raise UserError(f"nothing in category {category!r}{did_you_mean(category, known)}")
    named = (title, title_en) if title or title_en else None
    made = chart_of(entries, dataset, unit, named, key_figures=bool(entry), keep_order=bool(entry_ids),
                    derived=derived)
    session.write(chart_view(made.as_dict(), credit=not no_credit), output)
