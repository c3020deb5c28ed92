"""The graph in every form: a tree for people, DOT (Graphviz), Mermaid (renders on GitHub), and a View of edges.

Dataset text is made visible (`output.safe.visible`: a control or bidi character shown, a line break as \\n), then
escaped for each syntax, so no name can end a string, add a node or an edge: DOT strings escape backslash and
quote; Mermaid labels use its entity codes (#quot; and the like) and node ids are made up (n0, n1 ...), never
taken from the data.
"""

from __future__ import annotations

from typing import IO, Any

from linping_cli.output.safe import visible
from linping_cli.output.views import Target, View

EDGE_COLUMNS = ["from", "relation", "to", "from_name", "to_name"]


def _label(node: dict[str, Any]) -> str:
    return f"{node['name']} ({node['id']})" if node["type"] != "person" else f"{node['name']} ({node['name_en']})"


def graph_view(graph: dict[str, Any], root: str | None = None, depth: int = 0) -> View:
    """JSON: {"nodes", "edges"}; JSONL a line per edge; DOT and Mermaid; a table of edges, each with both names,
    or, around one entry (`root`), the tree of what it links to."""
    def rows() -> list[dict[str, Any]]:
        names = {node["id"]: node["name"] for node in graph["nodes"]}
        return [{**edge, "from_name": names.get(edge["from"]), "to_name": names.get(edge["to"])}
                for edge in graph["edges"]]

    view = View(graph, graph["edges"], EDGE_COLUMNS, rows, renderers={
        "dot": lambda stream, target: stream.write(to_dot(graph)),
        "mermaid": lambda stream, target: stream.write(to_mermaid(graph))})
    if root is not None:
        view.renderers["table"] = lambda stream, target: render_tree(graph, root, depth, stream, target)
    return view


def tree_lines(graph: dict[str, Any], root: str, depth: int, ascii_only: bool) -> list[tuple[int, str]]:
    """(depth, text) of each line of the tree of `root`: what it links to (→) and what links to it (←);
    an entry met again is marked (see above) and not expanded twice."""
    nodes = {node["id"]: node for node in graph["nodes"]}
    lines = [(0, _label(nodes[root]))]
    shown = {root}
    out, back, both = ("->", "<-", "<->") if ascii_only else ("→", "←", "↔")
    touching: dict[str, list[dict[str, str]]] = {}  # each node's edges (not to itself), in the graph's order
    for edge in graph["edges"]:
        if edge["from"] != edge["to"]:
            touching.setdefault(edge["from"], []).append(edge)
            touching.setdefault(edge["to"], []).append(edge)

    def grow(at: str, level: int, parent: str | None) -> None:
        arrows: dict[str, list[str]] = {}  # each neighbour once, with every link to it, either way
        for edge in touching.get(at, ()):
            outgoing = edge["from"] == at
            other = edge["to"] if outgoing else edge["from"]
            if other != parent:
                arrows.setdefault(other, []).append(f"{edge['relation']} {out}" if outgoing
                                                    else f"{back} {edge['relation']}")
        for other, kinds in arrows.items():
            again = other in shown
            if len(kinds) == 2 and kinds[0].split()[0] == kinds[1].split()[1]:
                kinds = [f"{kinds[0].split()[0]} {both}"]
            lines.append((level, f"{', '.join(kinds)} {_label(nodes[other])}" + (" (see above)" if again else "")))
            if not again:
                shown.add(other)
                if level < depth:
                    grow(other, level + 1, at)

    grow(root, 1, None)
    return lines


def render_tree(graph: dict[str, Any], root: str, depth: int, stream: IO[str], target: Target) -> None:
    color, terminal = target.color, target.terminal
    lines = [(level, visible(text)) for level, text in tree_lines(graph, root, depth, target.ascii_only)]
    if not (color or terminal):
        stream.write("".join("  " * level + text + "\n" for level, text in lines))
        return
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    console = Console(file=stream, color_system="auto" if color else None, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False)
    tree = Tree(Text(lines[0][1], style="bold" if color else ""))
    stack = [tree]
    for level, text in lines[1:]:
        del stack[level:]
        stack.append(stack[-1].add(Text(text)))
    console.print(tree)


def _dot_string(text: str) -> str:
    return '"' + visible(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: dict[str, Any]) -> str:
    lines = ["digraph linping {", "  rankdir=LR;", '  node [shape=box, fontname="sans-serif"];']
    for node in graph["nodes"]:
        label = _dot_string(node["name"])
        if node["name_en"] != node["name"]:  # a line break of DOT's own between the two names
            label = label[:-1] + "\\n" + _dot_string(node["name_en"])[1:]
        lines.append(f"  {_dot_string(node['id'])} [label={label}, tooltip={_dot_string(node['type'])}];")
    for edge in graph["edges"]:
        lines.append(f"  {_dot_string(edge['from'])} -> {_dot_string(edge['to'])} "
                     f"[label={_dot_string(edge['relation'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "|": "#124;", "`": "#96;",
            "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "(": "#40;", ")": "#41;", ";": "#59;"}


def _mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: no quote, bracket or line break of its own."""
    return "".join(_MERMAID.get(c, c) for c in visible(text))


def to_mermaid(graph: dict[str, Any]) -> str:
    ids = {node["id"]: f"n{number}" for number, node in enumerate(graph["nodes"])}
    lines = ["flowchart LR"]
    for node in graph["nodes"]:
        lines.append(f'  {ids[node["id"]]}["{_mermaid_text(node["name"])}<br/>{_mermaid_text(node["id"])}"]')
    for edge in graph["edges"]:
        lines.append(f'  {ids[edge["from"]]} -->|"{_mermaid_text(edge["relation"])}"| {ids[edge["to"]]}')
    return "\n".join(lines) + "\n"
