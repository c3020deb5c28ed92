"""Wrapping a chart's labels: every line within its width in terminal cells, nothing lost, nothing cut."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from linping_cli.output.bars import label_lines, wrap

TEXT = st.text(st.sampled_from(list("临平区研发投入：；，（） abcXYZ-.0123456789")), max_size=120)


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@given(TEXT, st.integers(min_value=2, max_value=60))
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(_cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(st.text(max_size=40), st.integers(min_value=1, max_value=3))
def test_any_text_at_any_width_ends(text: str, width: int) -> None:
    assert "".join(wrap(text, width)).replace(" ", "") == text.replace(" ", "")


def test_chinese_breaks_between_characters_and_latin_between_words() -> None:
    assert wrap("杭州汽轮动力集团股份有限公司：燃气轮机研发投入", 20) == [
        "杭州汽轮动力集团股份", "有限公司：燃气轮机研", "发投入"]
    assert wrap("Hangzhou Steam Turbine Power Group Co., Ltd.", 20) == ["Hangzhou Steam", "Turbine Power Group",
                                                                       "Co., Ltd."]
    assert wrap("甲乙丙丁戊己庚辛壬：癸", 18) == ["甲乙丙丁戊己庚辛", "壬：癸"]  # no line starts with '：'


def test_each_entry_of_a_shared_fact_starts_a_line() -> None:
    assert label_lines("甲：研发；乙：研发投入", 36) == ["甲：研发；", "乙：研发投入"]
    assert label_lines("A: R&D; B: R&D spending", 36) == ["A: R&D;", "B: R&D spending"]
