import typer

from linping_cli.cli.options import IdArgument, command_app
from linping_cli.cli.session import Output, Session
from linping_cli.output.cite import citations_view
from linping_cli.query.cite import citations
from linping_cli.query.select import resolve

app = command_app()


@app.command("cite")
def cite(ctx: typer.Context, entry_id: IdArgument, *, output: Output) -> None:
    """A citation for an entry's facts: the article's headline, authors, section and file.

    Only what the article files give: no outlet, date or address they do not state.
    Example: linping cite gdp-2024 --format bibtex
    """
    session = Session.of(ctx)
    dataset = session.dataset
    session.write(citations_view(citations(dataset, resolve(dataset, entry_id))), output)
