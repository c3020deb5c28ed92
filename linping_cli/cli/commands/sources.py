import typer

from linping_cli.cli.options import command_app
from linping_cli.cli.session import Output, Session
from linping_cli.model.rows import SOURCE
from linping_cli.output.views import records_view
from linping_cli.query.stats import source_records

app = command_app()


@app.command("sources")
def sources(ctx: typer.Context, *, output: Output) -> None:
    """The source articles, what they cover, and how many entries cite each.

    Example: linping sources
    """
    session = Session.of(ctx)
    session.write(records_view(source_records(session.dataset), list(SOURCE.fields)), output)
