"""[[figure]] skeletons from draft rows: TOML that parses, names and summaries left empty, no text obeyed."""

from __future__ import annotations

import tomllib
from pathlib import Path

from linping_cli.articles.draft import draft
from linping_cli.output.skeleton import figure_skeletons, toml_string

ARTICLE = (Path(__file__).parents[1] / "articles" / "qinghe.txt").read_text(encoding="utf-8")


def test_skeletons_are_toml_with_empty_summaries_and_no_sentence() -> None:
    rows = [row for row in draft(ARTICLE, "qinghe.txt") if row["value"] in (200, 2, 86.5)]
    text = figure_skeletons(rows)
    figures = tomllib.loads(text)["figure"]
    assert [(f["value"], f["unit"], f.get("qualifier")) for f in figures] == [
        (86.5, "亿元", "about"), (2, "万米", "more-than"), (200, "名", "at-least")]
    assert all(f["summary"] == "" and f["summary_en"] == "" and f["name"] == "" for f in figures)
    assert figures[2]["target"] is True and figures[2]["year"] == 2027
    assert figures[0]["source"] == [{"file": "qinghe.txt", "section": "lead"}]
    assert "镇里力争" not in text and "产值约86.5" not in text


def test_skeletons_escape_hostile_text() -> None:
    hostile = "开头\x1b]0;title\x07 甲乙丙丁 戊己庚辛\u202e\n\n超30家\x7f。\ud800"
    text = figure_skeletons(draft(hostile, "evil\x1b.txt"))
    assert not any(char in text for char in "\x1b\x07\x7f\u202e\ud800")
    assert [figure["value"] for figure in tomllib.loads(text)["figure"]] == [0, 30]  # 0 of ]0; and 30 家



def test_toml_strings_round_trip() -> None:
    for text in ("普通", 'quote " and \\ backslash', "tab\tnew\nline", "\x00\x7f\x9b", "\u2028"):
        assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text
