"""`linping related` and `linping graph`: the tree, DOT that Graphviz accepts, Mermaid that parses, JSON."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import Runner, needs
from typer.testing import CliRunner

from linping_cli.cli.app import app

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"
NODE = re.compile(r'  (n\d+)\["([^"\n]*)"\]')
EDGE = re.compile(r'  (n\d+) -->\|"([^"\n]*)"\| (n\d+)')


def beyond(*args: str) -> str:
    result = CliRunner().invoke(app, ["--data", str(BEYOND), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check_mermaid(text: str) -> tuple[int, int]:
    """The subset of Mermaid's flowchart grammar we write: a header, nodes, then edges between known nodes."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes: set[str] = set()
    edges = 0
    for line in lines[1:]:
        node, edge = NODE.fullmatch(line), EDGE.fullmatch(line)
        assert node or edge, line
        if node:
            label = re.sub(r"#\w+;", "", node.group(2).replace("<br/>", ""))
            assert not set(label) & set('"<>[]{}()|`;'), label  # every such character as an entity code
            nodes.add(node.group(1))
        else:
            assert edge is not None and {edge.group(1), edge.group(3)} <= nodes, line
            edges += 1
    return len(nodes), edges


def test_related_is_a_tree_by_relation(run: Runner) -> None:
    result = run("related", "hgt51f")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "F级50兆瓦重型燃气轮机HGT51F (hgt51f)"
    assert "  maker →, ← related 杭州汽轮动力集团股份有限公司 (htc)" in lines
    assert "  related ↔ HGT51F燃气轮机点火 (hgt51f-ignition)" in lines
    assert "  ← related 绿色能源 (green-energy)" in lines


def test_depth_and_filters(run: Runner) -> None:
    one = run("related", "htc", "--relation", "maker").stdout
    assert one.splitlines()[1:] == ["  ← maker F级50兆瓦重型燃气轮机HGT51F (hgt51f)"]
    two = run("related", "china-green-port", "--depth", "2", "--type", "company", "--type", "product").stdout
    assert two.splitlines() == ["中国绿港 (china-green-port)",
                                "  related ↔ F级50兆瓦重型燃气轮机HGT51F (hgt51f)",
                                "    maker →, ← related 杭州汽轮动力集团股份有限公司 (htc)",
                                "  ← related 杭州汽轮动力集团股份有限公司 (htc) (see above)"]
    assert run("related", "htc", "--relation", "makr").stderr.startswith("linping: unknown relation 'makr'; did")
    assert run("related", "htc", "--depth", "0").exit_code == 2


def test_people_and_hostile_names_in_a_second_region() -> None:
    tree = beyond("related", "evil-co")
    assert '  ← organisation 张"三" (Zhang "San")' in tree and "\x1b" not in tree and "\\x1b[31m" in tree
    data = json.loads(beyond("related", "evil-co", "--json"))
    assert {"from": "river-boat", "to": "evil-co", "relation": "maker"} in data["edges"]
    assert {node["type"] for node in data["nodes"]} == {"company", "place", "person", "event", "product"}


@pytest.mark.parametrize("args", [["graph"], ["related", "evil-co", "--depth", "2"]])
def test_graphviz_accepts_the_dot_whatever_the_names(args: list[str], tmp_path: Path) -> None:
    needs("dot")
    dot = beyond(*args, "-f", "dot")
    done = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr
    svg = done.stdout.decode()
    data = json.loads(beyond(*args, "--json"))
    assert svg.count('class="node"') == len(data["nodes"]) and svg.count('class="edge"') == len(data["edges"])
    assert "&lt;/text&gt;&lt;script&gt;" in svg  # the name is text in the picture, not markup


def test_mermaid_parses_whatever_the_names() -> None:
    data = json.loads(beyond("graph", "--json"))
    assert check_mermaid(beyond("graph", "-f", "mermaid")) == (len(data["nodes"]), len(data["edges"])) == (8, 9)


def test_the_whole_bundled_graph(run: Runner) -> None:
    data = json.loads(run("graph", "--json").stdout)
    assert len(data["nodes"]) > 150 and len(data["edges"]) > 200
    assert {"from": "hgt51f", "to": "htc", "relation": "maker"} in data["edges"]
    nodes, edges = check_mermaid(run("graph", "-f", "mermaid").stdout)
    assert (nodes, edges) == (len(data["nodes"]), len(data["edges"]))
    done = subprocess.run(["dot", "-Tsvg"], input=run("graph", "-f", "dot").stdout.encode(), capture_output=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def test_edges_as_rows(run: Runner) -> None:
    csv_text = run("related", "hgt51f", "-f", "csv").stdout
    assert csv_text.splitlines()[0] == "from,relation,to,from_name,to_name"
    assert "hgt51f,maker,htc,F级50兆瓦重型燃气轮机HGT51F,杭州汽轮动力集团股份有限公司" in csv_text
    lines = run("graph", "--type", "product", "-f", "jsonl").stdout.splitlines()
    assert all(set(json.loads(line)) == {"from", "to", "relation"} for line in lines)
    assert "| hgt51f | maker | htc |" in run("related", "hgt51f", "-f", "markdown").stdout
