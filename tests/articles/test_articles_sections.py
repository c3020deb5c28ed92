"""An article's sections, lines and sentences, as verify and draft locate a number by them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from linping_cli.articles.article import LEAD, Article, outlook_of

HERE = Path(__file__).parent
TEXT = ("镇志一则\n\n王某 李某\n\n开头一段，有逗号。\n\n东片发展 北岸新区起步较快\n\n这一节写于2024年，有12家工厂。\n\n"
        "**“小桥”换新\n沿河老街的第二段标题**\n\n第三节提到三届集市。\n")


def test_sections_split_at_headings_including_a_bold_one_over_two_lines() -> None:
    article = Article("t.txt", TEXT)
    assert article.headings() == [LEAD, "东片发展 北岸新区起步较快", "“小桥”换新 沿河老街的第二段标题"]
    assert "王某 李某" in (article.body(LEAD) or "")  # a byline is too short to be a heading
    assert article.body("“小桥”换新沿河老街的第二段标题") is not None  # white space does not count
    assert article.body("没有这一节") is None


def test_each_number_knows_its_line_section_and_sentence() -> None:
    article = Article("t.txt", TEXT)
    twelve = next(n for n in article.numbers if n.value == 12)
    assert (twelve.line, twelve.section, article.written(twelve)) == (9, "东片发展 北岸新区起步较快", "12家")
    assert article.sentence_of(twelve) == "这一节写于2024年,有12家工厂。"  # read NFKC-normalised
    assert next(n for n in article.numbers if n.value == 3).line == 14


def test_outlook_words_before_a_number_in_its_sentence() -> None:
    article = Article("t.txt", "去年建成5个。今后将再建8个，力争到2030年建成20个。未来工厂有6家。")
    cues = {int(n.value): outlook_of(n.cues) for n in article.numbers if n.kind != "year"}
    assert cues == {5: None, 8: "projected", 20: "target", 6: None}  # 未来工厂 is a name, not the future


def test_an_unclosed_bold_line_is_no_heading() -> None:
    article = Article("t.txt", "**没有收尾的粗体\n续写\n再续\n末尾，正文有7家。\n")
    assert article.headings() == [LEAD]
    assert [n.value for n in article.numbers] == [7]


def test_the_synthetic_article_has_its_three_sections() -> None:
    article = Article("qinghe.txt", (HERE / "qinghe.txt").read_text(encoding="utf-8"))
    assert article.headings() == [LEAD, "水乡新业 织造转向智能工厂", "人才与创新 新平台陆续落地"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["**", "甲乙丙丁 戊己庚辛", "正文有3家。", "", " ", "超10万台", "\r", "\u2028"]),
                max_size=30).map("\n".join))
def test_any_layout_is_split_without_losing_a_line(text: str) -> None:
    article = Article("t.txt", text)
    assert article.sections[0].heading == LEAD
    assert all(section.start <= section.end for section in article.sections)
    assert all(1 <= number.line <= text.count("\n") + 1 for number in article.numbers)
