"""The web of connections: which entries name which, by relation (the reference field).

A node is an entry; an edge goes from the entry that names another to the one named, with the
field as its relation: location, industry, maker, part_of, subject, parent, issuer, organiser,
organisation (a person's), related.

The graph is built from the search index's refs (what each entry names, field by field) and the
dataset's names, never from the entries themselves: a hub named by a hundred thousand entries
costs a pass over their links, not the reading of every one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linping_cli.model.records import Entry
from linping_cli.store.layout import links

if TYPE_CHECKING:
    from linping_cli.store.dataset import Dataset

# Up to this many entries a step, the entries naming each are found in the index (a search of every
# entry's refs, in C); beyond it, one pass over every entry's links (in Python) costs less.
_FOUND_ONE_BY_ONE = 32


class Graph:
    __slots__ = ("edges", "nodes")

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, str]] = []

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": self.edges}


class _Builder:
    """A graph being built over a dataset, and what it is built from, each read once for all: every
    entry's id to type, type, region, names and refs. Every entry is known by its position."""

    def __init__(self, dataset: Dataset, types: Sequence[str], relations: Sequence[str]) -> None:
        self.graph = Graph()
        self.dataset = dataset
        self.types, self.relations = types, relations
        self._links: set[tuple[str, str, str]] = set()  # (from, to, relation) of each edge: each added once
        self._keys = dataset.qualified_ids()
        self._kinds, self._regions = dataset.types, dataset.regions_of
        self._where = dataset.position
        self._refs = dataset.search_index.segments("refs")
        self._names = dataset.names()

    def put(self, position: int) -> str:
        """The node of the entry at `position`, added if it is not there yet; its id."""
        key = self._keys[position]
        if key not in self.graph.nodes:
            self.graph.nodes[key] = {"id": key, "type": self._kinds[position], "region": self._regions[position],
                                     "name": self._names[2 * position], "name_en": self._names[2 * position + 1]}
        return key

    def add(self, position: int, incoming: list[tuple[str, int]], reached: list[int] | None = None,
            seen: set[int] | None = None) -> None:
        """The links of the entry at `position`, out (what it names, in field order) and then in (`incoming`),
        with their nodes; each entry met for the first time is added to `reached` (with `seen`, those met)."""
        here, region, where = self._keys[position], self._regions[position], self._where
        kinds, done, edges = self._kinds, self._links, self.graph.edges
        types, relations = self.types, self.relations
        pairs = []
        for relation, target in links(self._refs[position]):
            named = where(f"{region}:{target}")
            if named is not None:
                pairs.append((relation, named, True))
        pairs += [(relation, other, False) for relation, other in incoming]
        for relation, other, outgoing in pairs:
            if (types and kinds[other] not in types) or (relations and relation not in relations):
                continue
            key = self.put(other)
            link = (here, key, relation) if outgoing else (key, here, relation)
            if link not in done:
                done.add(link)
                edges.append({"from": link[0], "to": link[1], "relation": relation})
            if seen is not None and reached is not None and other not in seen:
                seen.add(other)
                reached.append(other)

    def incoming(self, positions: list[int]) -> dict[int, list[tuple[str, int]]]:
        """For each of `positions`: (relation, position) for each entry that names it, in dataset order."""
        from linping_cli.query.search import referrer_positions

        dataset, refs = self.dataset, self._refs
        found: dict[int, list[tuple[str, int]]] = {position: [] for position in positions}
        if len(positions) <= _FOUND_ONE_BY_ONE:
            for position in positions:
                entry_id = dataset.id_of(position)
                for other in referrer_positions(dataset, self._regions[position], entry_id):
                    found[position] += [(field, other) for field, target in links(refs[other]) if target == entry_id]
            return found
        wanted = {(self._regions[position], dataset.id_of(position)): position for position in positions}
        for other, segment in enumerate(refs):
            region = self._regions[other]
            for field, target in links(segment):
                named = wanted.get((region, target))
                if named is not None:
                    found[named].append((field, other))
        return found


def whole_graph(dataset: Dataset, types: Sequence[str] = (), relations: Sequence[str] = ()) -> Graph:
    """Every entry (of `types`) and every link from one: each link once, from the entry that names the other."""
    builder = _Builder(dataset, types, relations)
    for position, kind in enumerate(dataset.types):
        if not types or kind in types:
            builder.put(position)
            builder.add(position, [])
    return builder.graph


def neighbourhood(dataset: Dataset, entry: Entry, depth: int, types: Sequence[str] = (),
                  relations: Sequence[str] = ()) -> Graph:
    """The entries within `depth` links of `entry`, either way, and the links between them on the way."""
    builder = _Builder(dataset, types, relations)
    root = dataset.position(f"{entry.region}:{entry.id}")
    assert root is not None, entry  # an entry of the dataset: its region and id are unique
    builder.put(root)
    frontier, seen = [root], {root}
    for _ in range(depth):
        following: list[int] = []
        incoming = builder.incoming(frontier)
        for current in frontier:
            builder.add(current, incoming[current], following, seen)
        frontier = following
    return builder.graph
