"""Traditional Chinese queries find what their Simplified form finds, through OpenCC's table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import Runner

TOOLS = Path(__file__).resolve().parents[1] / "tools"


def ids(run: Runner, query: str) -> list[str]:
    result = run("search", query, "--json", "--fields", "id", "--limit", "5")
    return [hit["id"] for hit in json.loads(result.stdout or "[]")]


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("臨平", "临平"), ("電梯", "电梯"), ("春風", "春风"), ("進出口總額", "进出口总额"), ("廣交會", "广交会")])
def test_traditional_finds_what_simplified_finds(run: Runner, traditional: str, simplified: str) -> None:
    assert ids(run, traditional) and ids(run, traditional)[0] == ids(run, simplified)[0]


def test_a_character_the_dataset_itself_uses_is_kept(run: Runner) -> None:
    assert ids(run, "徵格半导体")[0] == "zynalog"  # 徵 is in an alias; its Simplified form 征 is not


def test_the_committed_table_is_what_opencc_gives() -> None:
    pytest.importorskip("opencc")
    spec = importlib.util.spec_from_file_location("make_traditional", TOOLS / "make_traditional.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET.read_text(encoding="utf-8") == module.table_text()
