"""Near misses (a Latin word that matches nothing, matched by a real slip): the walk over the sorted vocabulary
finds exactly what comparing the word with every word of the vocabulary finds, and so does the search."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.query.near import near_words


def distance(a: str, b: str) -> int:
    """Edits from a to b: a letter put in, left out or changed, or two neighbours swapped (no substring edited
    twice). The whole table, for every pair: the plain scan the walk must agree with."""
    table = [[i + j if not i or not j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def slip_limit(word: str) -> int:
    return 1 if len(word) <= 8 else 2


LETTERS = "abcd"


@st.composite
def edited(draw: st.DrawFn, word: str) -> str:
    """`word` after a few random edits of every kind."""
    chars = list(word)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["put in", "leave out", "change", "swap"]))
        at = draw(st.integers(0, len(chars)))
        if kind == "put in":
            chars.insert(at, draw(st.sampled_from(LETTERS + "z9ü")))
        elif at < len(chars) and kind == "leave out":
            del chars[at]
        elif at < len(chars) and kind == "change":
            chars[at] = draw(st.sampled_from(LETTERS + "\U0010ffff"))
        elif at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


@st.composite
def vocabularies(draw: st.DrawFn) -> tuple[list[str], str]:
    """A word of 4 to 12 letters and a vocabulary of random words and of slips of it, crowded on purpose."""
    word = draw(st.text(st.sampled_from(LETTERS), min_size=4, max_size=12))
    others = draw(st.lists(st.text(st.sampled_from(LETTERS + "e1\U0010ffff"), min_size=1, max_size=14), max_size=60))
    slips = draw(st.lists(edited(word), max_size=40))
    return sorted({word for word in others + slips if word}), word


@settings(max_examples=400, deadline=None)
@given(case=vocabularies(), limit=st.sampled_from([None, 0, 1, 2, 3]))
def test_the_walk_finds_what_the_plain_scan_finds(case: tuple[list[str], str], limit: int | None) -> None:
    vocabulary, word = case
    limit = slip_limit(word) if limit is None else limit
    assert near_words(vocabulary, word, limit) == [other for other in vocabulary if distance(word, other) <= limit]


def test_a_slip_is_an_edit_or_a_swap_and_revenue_is_none_of_avenue() -> None:
    vocabulary = sorted(["avenue", "cfmoto", "xiolift", "xioilft", "cfmotor", "fmoto", "cgmoto", "zynalog"])
    assert near_words(vocabulary, "cfmotto", 1) == ["cfmoto"]
    assert near_words(vocabulary, "xiolfit", 1) == ["xiolift"]
    assert near_words(vocabulary, "cfmoto", 1) == ["cfmoto", "cfmotor", "cgmoto", "fmoto"]
    assert near_words(vocabulary, "revenue", 1) == []
    assert near_words(vocabulary, "zynalgoo", 2) == ["zynalog"]
    assert near_words([], "cfmotto", 1) == []


def _region(aliases: list[str]) -> str:
    lines = ['[meta]\nid = "r"\nregion = "区"\nregion_en = "R"\n\n[[source]]\nfile = "s.txt"\ntitle = "题"\n']
    for number, alias in enumerate(aliases):
        lines.append(f'[[company]]\nid = "e{number}"\nname = "公司{number}"\nname_en = "{alias}"\n'
                     f'aliases = ["{alias}"]\nsummary = "一家公司。"\nsummary_en = "zzzz."\n'
                     f'source = [{{ file = "s.txt", section = "lead" }}]\n')
    return "\n".join(lines)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(case=vocabularies())
def test_a_typo_finds_the_entries_of_every_word_a_slip_away(tmp_path_factory: pytest.TempPathFactory,
                                                            case: tuple[list[str], str]) -> None:
    words, typo = case
    aliases = [word for word in words if word.isascii() and word.isalpha() and len(word) >= 2][:30]
    assume(aliases and not any(typo in alias for alias in aliases))  # the typo itself matches nothing
    data = tmp_path_factory.mktemp("near") / "region.toml"
    data.write_text(_region(aliases), encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(data), "search", typo, "--json", "--limit", "0"])
    near = [alias for alias in dict.fromkeys(aliases) if distance(typo, alias) <= slip_limit(typo)]
    # A word a slip away is searched for as it is: it finds the entries whose names hold it.
    expected = {f"e{number}" for number, alias in enumerate(aliases) if any(word in alias for word in near)}
    if not expected:
        assert result.exit_code == 1, result.stdout
        return
    assert result.exit_code == 0, result.stderr
    assert {entry["id"] for entry in json.loads(result.stdout)} == expected
