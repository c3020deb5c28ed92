"""Which facts a chart holds and in which panel: one meaning per axis, each fact once, the user's title."""

from __future__ import annotations

from typing import Any

import pytest

from linping_cli.model.kinds import QUALIFIERS
from linping_cli.query.chart import AMOUNT_QUALIFIERS, build_chart
from linping_cli.query.units import Units

UNITS = Units([{"unit": "亿元", "unit_en": "100 million yuan", "dimension": "money", "base": "元", "factor": 1e8},
               {"unit": "万元", "unit_en": "10,000 yuan", "dimension": "money", "base": "元", "factor": 1e4}])
CITED = [{"file": "a.txt", "section": "lead"}]


def fact(entry: str, value: float, **fields: Any) -> dict[str, Any]:
    row = {"entry": entry, "type": "figure", "name": f"{entry} name", "name_en": f"{entry} name_en", "label": None,
           "label_en": None, "value": value, "value_max": None, "unit": "亿元", "unit_en": "100 million yuan",
           "qualifier": None, "target": False, "projected": False, "year": 2024, "source": CITED}
    return {**row, **fields}


def panels(facts: list[dict[str, Any]], **options: Any) -> dict[str, list[tuple[str, float]]]:
    chart = build_chart(facts, UNITS, None, **options).as_dict()
    return {panel["panel"]: [(bar["entry"], bar["converted_value"]) for bar in chart["bars"]
                             if bar["panel"] == panel["panel"]] for panel in chart["panels"]}


def test_every_kind_of_fact_gets_a_panel_of_its_own_in_a_fixed_order() -> None:
    facts = [fact("klass-goal", 3000, qualifier="class", target=True), fact("goal", 100, target=True),
             fact("klass", 1000, qualifier="class"), fact("guess", 50, projected=True),
             fact("bound", 460, qualifier="more-than"), fact("span", 200, value_max=900, qualifier="range"),
             fact("small", 90, unit="万元")]
    assert panels(facts) == {"stated": [("bound", 460), ("span", 200), ("small", 0.009)],
                             "projected": [("guess", 50)], "target": [("goal", 100)], "class": [("klass", 1000)],
                             "class-target": [("klass-goal", 3000)]}


def test_a_qualifier_the_chart_does_not_know_is_never_charted_as_an_amount() -> None:
    chart = build_chart([fact("a", 5), fact("b", 7, qualifier="median")], UNITS, None).as_dict()
    assert [bar["panel"] for bar in chart["bars"]] == ["stated", "qualifier-median"]
    assert chart["panels"][1]["heading_en"] == "values qualified 'median', a qualifier linping does not know"
    # today every qualifier of the model but "class" and "several" is an amount's; a new one must be placed by hand
    assert set(QUALIFIERS) - {"class", "several"} <= set(AMOUNT_QUALIFIERS)


def test_derived_figures_stay_with_what_they_derive_from_and_say_so() -> None:
    chart = build_chart([fact("a", 5), fact("a", 4, derived=True, formula="5 / 1.25 = 4", qualifier="about")],
                        UNITS, None).as_dict()
    assert [(bar["panel"], bar["derived"]) for bar in chart["bars"]] == [("stated", False), ("stated", True)]


def test_one_fact_two_entries_hold_is_one_bar() -> None:
    facts = [fact("htc", 10, qualifier="more-than", label="研发投入", label_en="R&D"),
             fact("turbine", 10, qualifier="more-than", label="研发", label_en=None)]
    chart = build_chart(facts, UNITS, None).as_dict()
    assert [(bar["entries"], bar["label"], bar["label_en"]) for bar in chart["bars"]] == [
        (["htc", "turbine"], "htc name：研发投入；turbine name：研发", "htc name_en: R&D; turbine name_en: 研发")]


@pytest.mark.parametrize("differs", [{"year": 2023}, {"qualifier": "at-least"}, {"unit": "万元"},
                                     {"source": [{"file": "a.txt", "section": "other"}]}, {"target": True},
                                     {"value_max": 12, "qualifier": "range"}])
def test_facts_that_differ_in_any_way_that_matters_stay_two(differs: dict[str, Any]) -> None:
    base = {"qualifier": "more-than"}
    facts = [fact("htc", 10, **base), fact("turbine", 10, **{**base, **differs})]
    assert len(build_chart(facts, UNITS, "亿元").bars) == 2


def test_what_cannot_be_shown_to_be_one_fact_stays_two() -> None:
    uncited = [fact("a", 10, source=[]), fact("b", 10, source=[])]  # no source to say they are the same
    assert len(build_chart(uncited, UNITS, None).bars) == 2
    one_entry = [fact("a", 10, label="甲"), fact("a", 10, label="乙")]  # an entry holds them as two
    assert len(build_chart(one_entry, UNITS, None).bars) == 2


def test_the_title_is_the_users_or_says_what_the_chart_holds() -> None:
    facts = [fact("a", 5), fact("b", 7, target=True)]
    assert (build_chart(facts, UNITS, None, ("贸易", "Trade")).title,
            build_chart(facts, UNITS, None, ("贸易", "Trade")).title_en) == ("贸易", "Trade")
    same = build_chart(facts, UNITS, None, ("贸易", "贸易"))  # one title given, copied into both halves
    assert (same.title, same.title_en) == ("贸易", None)
    english = build_chart(facts, UNITS, None, (None, "Trade"))
    assert (english.title, english.title_en) == ("Trade", None)
    plain = build_chart(facts, UNITS, None)
    assert (plain.title, plain.title_en) == ("以亿元计的实际数值和目标",
                                             "Stated amounts and targets in 100 million yuan")
    one = build_chart([fact("a", 5)], UNITS, None)
    assert (one.title, one.title_en) == ("a name", "a name_en")


def test_keep_order_keeps_the_order_given_within_each_panel() -> None:
    facts = [fact("small", 1), fact("goal", 9, target=True), fact("big", 8)]
    assert panels(facts, keep_order=True) == {"stated": [("small", 1), ("big", 8)], "target": [("goal", 9)]}
    assert panels(facts)["stated"] == [("big", 8), ("small", 1)]
