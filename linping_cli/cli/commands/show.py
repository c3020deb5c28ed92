import typer

from linping_cli.cli.options import DerivedOption, IdsArgument, command_app
from linping_cli.cli.session import Output, Session
from linping_cli.model.errors import UserError
from linping_cli.output.views import entry_view
from linping_cli.query.search import referrers
from linping_cli.query.select import resolve, valid_fields

app = command_app()


@app.command("show")
def show(ctx: typer.Context, entry_ids: IdsArgument, derived: DerivedOption = False, *, output: Output) -> None:
    """Everything about one entry or several: every field, its source, and what it links to.

    One id prints a JSON object, several a JSON array.  Example: linping show xiolift cfmoto
    """
    session = Session.of(ctx)
    dataset = session.dataset
    entries = [resolve(dataset, key) for key in entry_ids]
    fields = output.select(valid_fields(sorted({entry.type for entry in entries})))
    if derived and len(entries) > 1:
        raise UserError("--derived shows one entry at a time: give one id")
    linked = [referrers(dataset, entry) for entry in entries]
    view = entry_view(entries, fields, name_of=session.name_of,
                      referenced_by=[[dataset.qualified_id(e) for e in each] for each in linked],
                      people=[[dataset.qualified_id(e) for e in each if e.type == "person"] for each in linked])
    if derived:
        from linping_cli.output.derived_view import entry_with_derived
        from linping_cli.query.derived import derived_rows

        view = entry_with_derived(view, derived_rows(entries, dataset))
    session.write(view, output)
