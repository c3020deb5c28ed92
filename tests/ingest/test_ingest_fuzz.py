"""Property tests: whatever the loader, the search or the cli is handed, nothing but our errors come out."""

from __future__ import annotations

import contextlib
import json
import math
import tempfile
from pathlib import Path
from typing import Any

from conftest import FIXTURE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.cli.load import load_dataset
from linping_cli.cli.registry import COMMANDS
from linping_cli.model.errors import DataError, UserError
from linping_cli.query.search import search

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DATASET = load_dataset([FIXTURE], use_cache=False)
KEYS = ["id", "name", "name_en", "value", "unit", "year", "summary", "summary_en", "source", "aliases",
        "key_figures", "location", "qualifier", "date", "tier", "yaer", "region"]


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


scalars = st.one_of(st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["file", "section", "label", "value", "unit"]),
                                                 inner, max_size=3)), max_leaves=8)
tables = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)
documents = st.dictionaries(
    st.sampled_from(["figure", "company", "place", "meta", "source", "bogus"]),
    st.one_of(tables, st.lists(tables, max_size=3)), max_size=4)


def document_text(document: dict[str, Any]) -> str:
    lines = ['[meta]\nid = "r"\nregion = "区"\nregion_en = "R"\n'] if "meta" not in document else []
    for key, body in document.items():
        for table in body if isinstance(body, list) else [body]:
            lines.append(f"[[{key}]]" if isinstance(body, list) else f"[{key}]")
            lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def loads_or_data_error(path: Path) -> None:
    try:
        load_dataset([path], use_cache=False)
    except DataError as error:
        assert error.problems and str(error)


@FAST
@given(document=documents)
def test_arbitrary_toml_documents_load_or_raise_data_error(tmp_path: Path, document: dict[str, Any]) -> None:
    path = tmp_path / "d.toml"
    path.write_text(document_text(document), encoding="utf-8")
    loads_or_data_error(path)


@FAST
@given(content=st.binary(max_size=400))
def test_arbitrary_bytes_load_or_raise_data_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "d.toml"
    path.write_bytes(content)
    loads_or_data_error(path)


@FAST
@given(mutation=st.tuples(st.integers(0, 4000), st.text(max_size=5)))
def test_mutated_real_data_loads_or_raises_data_error(tmp_path: Path, mutation: tuple[int, str]) -> None:
    position, insert = mutation
    text = FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "d.toml"
    path.write_text(text[:position] + insert + text[position:], encoding="utf-8")
    loads_or_data_error(path)


@settings(max_examples=1000, deadline=None)
@given(query=st.text(max_size=60))
def test_search_never_raises_anything_but_an_empty_query_error(query: str) -> None:
    try:
        hits = search(DATASET, query)
    except UserError:
        assert not " ".join(query.split()) or query.isspace() or not query.strip()
        return
    ranks = [rank for rank, _ in hits]
    assert ranks == sorted(ranks)


# Every registered command (cli/registry), so one added later is fuzzed too, among options and values.
ARGUMENTS = st.lists(st.one_of(
    st.sampled_from([*COMMANDS, "--json", "--format", "csv", "--fields", "id,name", "--type", "figure", "--limit",
                     "-1", "--sort", "value", "--year", "x", "--tag", "--data", "/nonexistent", "acme-lift",
                     "gdp-2024", "-h"]),
    st.text(max_size=8)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(args=ARGUMENTS)
def test_arbitrary_arguments_never_produce_a_traceback(args: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):  # where `export` writes what it writes
        result = CliRunner().invoke(app, ["--data", str(FIXTURE), *args])
    assert isinstance(result.exception, (SystemExit, type(None))), repr(result.exception)
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
