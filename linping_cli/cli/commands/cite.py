from typing import Annotated

import typer

from linping_cli.cli.options import IdArgument, command_app
from linping_cli.cli.session import Output, Session
from linping_cli.output.cite import citations_view
from linping_cli.query.cite import citations, fact_citations
from linping_cli.query.select import resolve

app = command_app()


@app.command("cite")
def cite(
    ctx: typer.Context,
    entry_id: IdArgument,
    fact: Annotated[str | None, typer.Option(
        "--fact", metavar="LABEL", show_default=False,
        help="Only the article and section of this one fact: a key figure's label, Chinese or English (or a "
        "unique part of it); `value` for a figure's own value.")] = None,
    *, output: Output,
) -> None:
    """A citation for an entry's facts, or for one of them: the article's headline, authors, section and file.

    Only what the article files give, and where they were published if the region's source tables say: never
    an outlet, date or address nobody wrote.
    Example: linping cite xiolift --fact 年出厂电梯 --format bibtex
    """
    session = Session.of(ctx)
    dataset = session.dataset
    entry = resolve(dataset, entry_id)
    found = fact_citations(dataset, entry, fact) if fact is not None else citations(dataset, entry)
    session.write(citations_view(found), output)
