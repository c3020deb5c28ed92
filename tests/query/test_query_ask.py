"""`linping ask`: a question answered with the fact that answers it, or refused."""

from __future__ import annotations

import json
from typing import Any

from conftest import Runner

ANSWER_KEYS = ["entry", "type", "name", "name_en", "label", "label_en", "value", "value_max", "unit", "unit_en",
               "qualifier", "target", "projected", "year", "year_inferred", "growth", "source", "stated",
               "growth_basis", "name_en_outside", "score"]


def answers(run: Runner, question: str, *args: str) -> list[dict[str, Any]]:
    result = run("ask", question, "--json", *args)
    document = json.loads(result.stdout)
    assert document["question"] == question
    found: list[dict[str, Any]] = document["answers"]
    return found


def test_a_chinese_question_gets_its_figure(run: Runner) -> None:
    found = answers(run, "临平2024年GDP是多少")
    assert found[0]["entry"] == "gdp-2024" and found[0]["label"] is None
    assert list(found[0]) == ANSWER_KEYS


def test_an_english_question_gets_a_key_figure(run: Runner) -> None:
    found = answers(run, "How many elevators does XIOLIFT ship a year?")
    assert (found[0]["entry"], found[0]["label"]) == ("xiolift", "年出厂电梯")


def test_limit_caps_the_answers(run: Runner) -> None:
    assert len(answers(run, "HGT51F的参数", "--limit", "5")) <= 5
    assert len(answers(run, "HGT51F的功率是多少")) <= 3


def test_the_terminal_answer_is_one_line_with_its_source(run: Runner) -> None:
    result = run("ask", "2024年临平出口增长了多少")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("+16.0% growth") and "000_f15d39121070376d.txt §" in first


def test_a_year_the_dataset_lacks_is_refused_naming_what_it_has(run: Runner) -> None:
    result = run("ask", "临平2023年GDP是多少", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["answers"] == []
    assert result.stderr.startswith("linping: no fact in the dataset answers that; the nearest it has: ")
    assert "1175.09" in result.stderr and "\n" not in result.stderr.rstrip("\n")


def test_a_measure_the_dataset_lacks_is_refused(run: Runner) -> None:
    for question in ("What is Linping's population?", "临平的失业率是多少"):
        result = run("ask", question)
        assert result.exit_code == 1 and result.stdout == "", question
        assert result.stderr.startswith("linping: no fact"), question


def test_a_growth_question_without_a_growth_is_refused(run: Runner) -> None:
    result = run("ask", "高新技术企业数量增长了多少", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["answers"] == []
