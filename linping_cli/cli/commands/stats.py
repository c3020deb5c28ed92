import typer

from linping_cli.cli.options import command_app
from linping_cli.cli.session import Output, Session
from linping_cli.output.views import stats_view
from linping_cli.query.stats import stats as counted

app = command_app()


@app.command("stats")
def stats(ctx: typer.Context, *, output: Output) -> None:
    """Counts: entries by type, figures by year, entries by source.

    Example: linping stats --json
    """
    session = Session.of(ctx)
    session.write(stats_view(counted(session.dataset)), output)
