"""draft: an article's numbers as candidate facts; its recall on the bundled articles; uncovered numbers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from article_fixtures import BUNDLED_ARTICLES, bundled, load, sources
from hypothesis import given, settings
from hypothesis import strategies as st

from linping_cli.articles.article import Article
from linping_cli.articles.claims import claims_of
from linping_cli.articles.draft import DRAFT_KEYS, MEASURE_LENGTH, draft, fact_name, uncovered
from linping_cli.articles.numbers import Reader
from linping_cli.output.skeleton import figure_skeletons

HERE = Path(__file__).parent
ARTICLE = (HERE / "qinghe.txt").read_text(encoding="utf-8")


def test_every_number_of_the_invented_article_is_a_candidate_with_what_locates_it() -> None:
    rows = draft(ARTICLE, "qinghe.txt")
    assert all(tuple(row) == DRAFT_KEYS for row in rows)
    assert [row["article"] for row in rows if row["section"] == "lead"] == ["一年", "约86.5亿元", "一年", "7.2%",
                                                                              "超120家"]
    cloth = next(row for row in rows if row["article"] == "2万多米")
    assert (cloth["value"], cloth["unit"], cloth["qualifier"], cloth["line"]) == (2, "万米", "more-than", 9)
    engineers = next(row for row in rows if row["value"] == 200)
    assert (engineers["year"], engineers["target"], engineers["measure"]) == (2027, True, "引进工程师")
    assert not any(row["held"] for row in rows)  # no dataset given


def test_a_measure_phrase_is_short_and_never_the_sentence() -> None:
    article = Article("qinghe.txt", ARTICLE)
    sentences = {article.sentence_of(number) for number in article.numbers}
    for row in draft(ARTICLE, "qinghe.txt"):
        assert 0 < len(row["measure"]) <= MEASURE_LENGTH
        assert row["measure"] not in sentences


def test_what_the_region_holds_is_marked_held() -> None:
    rows = draft(ARTICLE, "qinghe.txt", load(HERE / "qinghe.toml"))
    held = {row["article"]: row["held_by"] for row in rows if row["held"]}
    assert held["超120家"] == ["firms-above-scale"]
    assert held["7.2%"] == ["output-last-year: growth"]
    assert held["2万多米"] == ["qinghe-looms: 年产布料"]  # 20000 米 in the region is 2万多米 in the article
    assert sorted(row["article"] for row in rows if not row["held"]) == sorted(["一年", "一年", "一年", "一个", "三年",
                                                                               "一座"])


def test_a_draft_under_another_file_name_holds_nothing() -> None:
    assert not any(row["held"] for row in draft(ARTICLE, "other.txt", load(HERE / "qinghe.toml")))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("超10万台约4亿度。，甲乙 丙丁\n**第一数百年2024力争将"), max_size=120))
def test_draft_and_its_skeletons_never_fail(text: str) -> None:
    rows = draft(text, "t.txt")
    tomllib.loads(figure_skeletons(rows))


# The bundled articles --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("file", BUNDLED_ARTICLES)
def test_a_draft_of_a_bundled_article_finds_the_numbers_the_data_cites_from_it(file: str) -> None:
    dataset = bundled()
    rows = draft((sources() / file).read_text(encoding="utf-8"), file, dataset)
    cited = {fact_name(entry, claim) for entry in dataset.entries for claim in claims_of(entry, Reader())
             if any(ref["file"] == file for ref in claim.refs)}
    found = {name for row in rows for name in row["held_by"]}
    recall = len(cited & found) / len(cited)
    precision = sum(row["held"] for row in rows) / len(rows)
    print(f"{file}: recall {recall:.1%} of {len(cited)} cited numbers; precision {precision:.1%} of {len(rows)}")
    assert recall >= 0.95
    assert precision >= 0.5  # the rest are counts such as 一场 or 两 of 两业 that no fact holds


def test_uncovered_lists_what_no_entry_holds() -> None:
    rows = uncovered(bundled(), sources())
    assert rows and not any(row["held"] for row in rows)
    assert {row["file"] for row in rows} <= set(BUNDLED_ARTICLES)
    def where(row: dict[str, object]) -> tuple[object, ...]:
        return row["file"], row["line"], row["article"], row["measure"]

    held = {where(row) for file in BUNDLED_ARTICLES
            for row in draft((sources() / file).read_text(encoding="utf-8"), file, bundled()) if row["held"]}
    assert held and not held & {where(row) for row in rows}
