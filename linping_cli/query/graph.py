"""The web of connections: which entries name which, by relation (the reference field).

A node is an entry; an edge goes from the entry that names another to the one named, with the
field as its relation: location, industry, maker, part_of, subject, parent, issuer, organiser,
organisation (a person's), related.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linping_cli.model.records import Entry, reference_fields

if TYPE_CHECKING:
    from linping_cli.store.dataset import Dataset


class Graph:
    __slots__ = ("edges", "nodes")

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, str]] = []

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": self.edges}


def _node(dataset: Dataset, entry: Entry) -> dict[str, Any]:
    return {"id": dataset.qualified_id(entry), "type": entry.type, "region": entry.region, "name": entry.name,
            "name_en": entry.name_en}


def out_edges(dataset: Dataset, entry: Entry) -> list[tuple[str, Entry]]:
    """(relation, what it names) for each reference of `entry`, in field order."""
    found: list[tuple[str, Entry]] = []
    for field, many in reference_fields(entry.type):
        value = getattr(entry, field)
        for target in (value if many else [value] if value else []):
            named = dataset.get(f"{entry.region}:{target}")
            if named is not None:
                found.append((field, named))
    return found


def in_edges(dataset: Dataset, entry: Entry) -> list[tuple[str, Entry]]:
    """(relation, entry) for each entry that names `entry`, in dataset order."""
    from linping_cli.query.search import referrers

    found = []
    for other in referrers(dataset, entry):
        for relation, named in out_edges(dataset, other):
            if named is entry:
                found.append((relation, other))
    return found


def _keep(kind: str, types: Sequence[str], relations: Sequence[str], relation: str) -> bool:
    return (not types or kind in types) and (not relations or relation in relations)


def whole_graph(dataset: Dataset, types: Sequence[str] = (), relations: Sequence[str] = ()) -> Graph:
    """Every entry (of `types`) and every link from one: each link once, from the entry that names the other."""
    graph = Graph()
    for entry in dataset.entries:
        if not types or entry.type in types:
            graph.nodes.setdefault(_node(dataset, entry)["id"], _node(dataset, entry))
            _add(dataset, graph, entry, types, relations, incoming=False, reached=[], seen=set())
    return graph


def neighbourhood(dataset: Dataset, entry: Entry, depth: int, types: Sequence[str] = (),
                  relations: Sequence[str] = ()) -> Graph:
    """The entries within `depth` links of `entry`, either way, and the links between them on the way."""
    graph = Graph()
    graph.nodes[_node(dataset, entry)["id"]] = _node(dataset, entry)
    frontier, seen = [entry], {id(entry)}
    for _ in range(depth):
        following: list[Entry] = []
        for current in frontier:
            _add(dataset, graph, current, types, relations, incoming=True, reached=following, seen=seen)
        frontier = following
    return graph


def _add(dataset: Dataset, graph: Graph, entry: Entry, types: Sequence[str], relations: Sequence[str], *,
         incoming: bool, reached: list[Entry], seen: set[int]) -> None:
    here = dataset.qualified_id(entry)
    pairs = [(relation, named, True) for relation, named in out_edges(dataset, entry)]
    if incoming:
        pairs += [(relation, other, False) for relation, other in in_edges(dataset, entry)]
    for relation, other, outgoing in pairs:
        node = _node(dataset, other)
        if not _keep(node["type"], types, relations, relation):
            continue
        graph.nodes.setdefault(node["id"], node)
        edge = {"from": here, "to": node["id"], "relation": relation} if outgoing else {
            "from": node["id"], "to": here, "relation": relation}
        if edge not in graph.edges:
            graph.edges.append(edge)
        if id(other) not in seen:
            seen.add(id(other))
            reached.append(other)
