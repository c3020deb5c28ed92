"""The words of an entry as the export's full-text index reads them, Chinese included.

SQLite's own tokenizers cannot find a short Chinese word: unicode61 takes a whole run of
Chinese for one word, and trigram matches nothing under three characters. So the export
writes every run of Chinese out as its pieces of one to MAX_PIECE characters, space-separated
(杭州西奥电梯 gives 杭 ... 杭州 州西 西奥 ... 西奥电梯 ...), each once, and unicode61 indexes each
piece as a word: any query of up to MAX_PIECE Chinese characters is then a word the index
holds, as Datasette and sqlite-utils send it. Names, aliases and tags also keep their whole
runs, so a full name of any length is found. Text outside Chinese stays as written (normalised
as the search normalises), and each pinyin reading is added run together and by pairs of
syllables, so that pinyin typed run together (`xiao`, `xiaodianti`) finds a reading written
in syllables, as `linping search` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from linping_cli.model.records import Entry
from linping_cli.model.text import CJK_RANGES
from linping_cli.store.layout import FIELD, normalize, number_text

MAX_PIECE = 4
_WORD = re.compile(r"\w")
_CHINESE = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES) + "]+")


class Synonyms:
    """The dataset's [[synonym]] groups: an entry holding one term of a group is indexed with all of them.

    So Datasette finds what `linping search` finds through a synonym (电梯 finds an entry that says
    elevator). A Chinese term is looked for anywhere, a Latin one as whole words, as the search does.
    """

    def __init__(self, groups: Iterable[list[str]]) -> None:
        self._groups: list[tuple[list[tuple[str, re.Pattern[str] | None]], str]] = []
        for group in groups:
            terms = list(dict.fromkeys(normalize(term) for term in group))
            # A Chinese term needs no pattern: being in the text is enough.
            tests = [(term, None if _CHINESE.search(term) else _whole_words(term)) for term in terms]
            self._groups.append((tests, " ".join(terms)))

    def found_in(self, folded: str) -> list[str]:
        """The terms of every group `folded` (normalised text) holds a term of."""
        return [terms for tests, terms in self._groups
                if any(term in folded and (whole is None or whole.search(folded)) for term, whole in tests)]


def _whole_words(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9a-z]){re.escape(term)}(?![0-9a-z])")


def name_terms(entry: Entry, synonyms: Synonyms) -> str:
    """What names the entry: id, names, aliases, pinyin and tags."""
    readings = [normalize(reading.replace("-", " ")).split() for reading in entry.pinyin]
    joined = ["".join(syllables) for syllables in readings if len(syllables) > 1]
    pairs = [a + b for syllables in readings if len(syllables) > 2 for a, b in pairwise(syllables)]
    texts = [entry.id, entry.name, entry.name_en, *entry.aliases, *entry.pinyin, *entry.tags]
    return _terms(texts, synonyms, whole=True, extra=[*joined, *pairs])


def text_terms(entry: Entry, synonyms: Synonyms) -> str:
    """What is said of the entry: what `linping search` reads as its text (summaries, notes, key figures...)."""
    texts = [entry.category, entry.summary, entry.summary_en, entry.note, _number(getattr(entry, "value", None))]
    for figure in entry.key_figures:
        texts += [figure["label"], figure["label_en"], _number(figure["value"])]
    texts += [getattr(entry, "role", None), getattr(entry, "role_en", None)]
    for statement in getattr(entry, "statements", ()):
        texts += [statement["summary"], statement["summary_en"]]
    return _terms(texts, synonyms, whole=False, extra=[])


def _number(value: object) -> str | None:
    return None if value is None else number_text(value)


def _terms(texts: Iterable[str | None], synonyms: Synonyms, *, whole: bool, extra: list[str]) -> str:
    """One line of the Chinese pieces, then each text's other words, then `extra` and the synonyms."""
    folded = normalize(FIELD.join(filter(None, texts)))  # one pass for all: FIELD is kept as it is
    pieces: list[str] = []
    for run in _CHINESE.findall(folded):
        size = len(run)
        pieces += [run[at:at + n] for n in range(1, min(MAX_PIECE, size) + 1) for at in range(size - n + 1)]
        if whole and size > MAX_PIECE:
            pieces.append(run)
    others = [" ".join(text.split()) for text in _CHINESE.sub(" ", folded).split(FIELD)]
    lines = [" ".join(dict.fromkeys(pieces)), *(text for text in others if _WORD.search(text)),
             " ".join(dict.fromkeys(extra)), *synonyms.found_in(folded)]
    return "\n".join(filter(None, lines))
