from typing import Annotated

import typer

from linping_cli.cli.options import (
    DerivedOption,
    UnitOption,
    command_app,
    complete_ids,
    )
from linping_cli.cli.session import Output, Session
from linping_cli.model.errors import UserError
from linping_cli.output.formats import FORMATS
from linping_cli.output.views import comparison_view
from linping_cli.query.compare import compare as compared
from linping_cli.query.select import resolve, valid_fields

app = command_app()


@app.command("compare")
def compare(
    ctx: typer.Context,
    entry_ids: Annotated[list[str], typer.Argument(metavar="ID ID [ID...]", help="Two or more entry ids.",
                                                   autocompletion=complete_ids, show_default=False)],
    derived: DerivedOption = False, unit: UnitOption = None,
    chart: Annotated[bool, typer.Option("--chart", help="Figures as a bar chart (see `linping chart`); it takes "
                                        "--format svg too.")] = False,
    *, output: Output,
) -> None:
    """Entries side by side; figures with one unit also get difference and ratio to the first.

    Figures whose units convert (亿元, 万元) are compared in one unit: --unit, else the first's.
    Example: linping compare cfmoto xiolift
    """
    session = Session.of(ctx)
    dataset = session.dataset
    entries = [resolve(dataset, key) for key in entry_ids]
    if chart:
        if any(entry.type != "figure" for entry in entries):
            raise UserError("compare --chart draws figures: give figure ids")
        from linping_cli.output.chart import chart_view
        from linping_cli.query.chart import chart_of

        chart_made = chart_of(entries, dataset, unit, None, key_figures=False, keep_order=True, derived=derived)
        session.write(chart_view(chart_made.as_dict()), output)
        return
    if output.format not in FORMATS:
        raise UserError(f"--format {output.format} draws a chart: add --chart")
    fields = output.select(valid_fields(sorted({entry.type for entry in entries})))
    headers = [dataset.qualified_id(entry) for entry in entries]
    view = comparison_view(entries, compared(entries, session.units(), unit), fields, headers=headers,
                           name_of=session.name_of)
    if derived:
        from linping_cli.output.derived_view import comparison_with_derived
        from linping_cli.query.derived import derived_rows

        view = comparison_with_derived(view, [derived_rows([entry], dataset) for entry in entries], headers)
    session.write(view, output)
