import typer

from linping_cli.cli.options import (
    RelationOption,
    TypesOption,
    check_relations,
    check_types,
    command_app,
    )
from linping_cli.cli.session import Output, Session
from linping_cli.output.graph import graph_view
from linping_cli.query.graph import whole_graph

app = command_app()


@app.command("graph")
def graph(ctx: typer.Context, type_: TypesOption = None, relation: RelationOption = None, *, output: Output) -> None:
    """The whole web of connections as an edge list: -f dot (Graphviz), mermaid (renders on GitHub), json.

    Example: linping graph --type company --type place -f dot | dot -Tsvg > links.svg
    """
    session = Session.of(ctx)
    whole = whole_graph(session.dataset, check_types(type_), check_relations(relation)).as_dict()
    session.write(graph_view(whole), output)
