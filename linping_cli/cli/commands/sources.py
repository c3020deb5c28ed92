import typer

from linping_cli.cli.options import command_app
from linping_cli.cli.session import Output, Session
from linping_cli.model.rows import SOURCE
from linping_cli.output.views import sources_view
from linping_cli.query.stats import source_records

app = command_app()


@app.command("sources")
def sources(ctx: typer.Context, *, output: Output) -> None:
    """The source articles, what they cover, where they were published if known, and how many entries cite each.

    Example: linping sources
    """
    session = Session.of(ctx)
    session.write(sources_view(source_records(session.dataset), SOURCE.fields), output)
