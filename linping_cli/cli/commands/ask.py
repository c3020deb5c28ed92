from typing import Annotated

import typer

from linping_cli.cli.options import command_app, whole_number
from linping_cli.cli.session import Output, Session
from linping_cli.output.answers import nearest_note
from linping_cli.output.views import answers_view
from linping_cli.query.ask import ask as answered

app = command_app()


@app.command("ask")
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="A question in Chinese or English.",
                                            show_default=False)],
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", parser=whole_number(1),
                                       help="At most this many answers.")] = 3,
    *, output: Output,
) -> None:
    """Answer a question with the facts that answer it, best first, each with its source.

    Exit 1, with the nearest facts on stderr, when the dataset holds no answer.
    Example: linping ask '临平2024年GDP是多少'
    """
    session = Session.of(ctx)
    found = answered(session.dataset, question, limit=limit)
    session.write(answers_view(question, found.answers, growth=found.growth), output,
                  empty=nearest_note(found.nearest))
