from typing import Annotated

import typer

from linping_cli.cli.options import (
    IdArgument,
    RelationOption,
    TypesOption,
    check_relations,
    check_types,
    command_app,
    whole_number,
)
from linping_cli.cli.session import Output, Session
from linping_cli.output.graph import graph_view
from linping_cli.query.graph import neighbourhood
from linping_cli.query.select import resolve

app = command_app()


@app.command("related")
def related(
    ctx: typer.Context, entry_id: IdArgument,
    depth: Annotated[int, typer.Option("--depth", "-d", metavar="N", parser=whole_number(1, 10),
                                       help="Follow links this far (1 to 10).")] = 1,
    type_: TypesOption = None,
    relation: RelationOption = None,
    *, output: Output,
) -> None:
    """What an entry links to and what links to it, by relation: a tree, or a graph (-f dot, mermaid, json).

    Example: linping related hgt51f --depth 2
    """
    session = Session.of(ctx)
    dataset = session.dataset
    entry = resolve(dataset, entry_id)
    graph = neighbourhood(dataset, entry, depth, check_types(type_), check_relations(relation)).as_dict()
    session.write(graph_view(graph, dataset.qualified_id(entry), depth), output)
