"""The rooms of the package import one way and in no circle, and every test folder's tests are collected."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "linping_cli"
# Each room imports only from rooms below it (a lower rank), and from itself.
RANKS = {"model": 0, "store": 1, "ingest": 2, "query": 2, "output": 2, "articles": 3, "cli": 4}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports, at the top or anywhere inside.

    The package itself is left out: it is the entry point (`main` imports the cli) and holds the version.
    """
    modules = {_module(path): path for path in PACKAGE.rglob("*.py") if path != PACKAGE / "__init__.py"}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[name] = {imported for imported in names if imported in modules and imported != name}
    return found


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def test_rooms_import_downwards_only() -> None:
    wrong = [f"{module} imports {imported}" for module, imported_modules in _imports().items()
             for imported in imported_modules
             if _room(module) in RANKS and _room(imported) in RANKS and _room(imported) != _room(module)
             and RANKS[_room(imported)] >= RANKS[_room(module)]]
    assert wrong == []


def test_no_module_imports_itself_round_about() -> None:
    graph = _imports()
    cycles: list[list[str]] = []

    def walk(start: str, at: str, path: list[str]) -> None:
        for following in sorted(graph[at]):
            if following == start:
                cycles.append([*path, start])
            elif following not in path and following > start:  # each circle once, from its least module
                walk(start, following, [*path, following])

    for module in sorted(graph):
        walk(module, module, [module])
    assert cycles == []


def test_every_test_folder_has_its_tests_collected() -> None:
    folders = {path.parent for path in (ROOT / "tests").rglob("test_*.py")}
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=",
                                "-p", "no:cacheprovider"], capture_output=True, text=True, cwd=ROOT).stdout
    files = {line.split("::", 1)[0] for line in collected.splitlines() if "::" in line}
    assert folders
    for folder in folders:
        prefix = folder.relative_to(ROOT).as_posix() + "/"
        assert any(name.startswith(prefix) for name in files), f"no test of {prefix} is collected"
