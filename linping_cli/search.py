"""Search: find entries by Chinese text, English words, pinyin, or a near miss of a Latin word.

Every hit has a rank, best first:
  0 id or full Chinese name, exactly
  1 an alias, the English name, or the full pinyin, exactly
  2 the start of a name, alias or pinyin
  3 a word or substring of a name, alias or tag, or pinyin by syllable prefixes ("xadt" finds 西奥电梯)
  4 the summary, note or key figure labels
  5 a Latin word within a small edit distance of a name's word (typos)
Ties fall back to region and id, so the order never changes between runs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from linping_cli.errors import UserError
from linping_cli.models import Entry

RANK_NAMES = ("exact", "alias", "prefix", "word", "text", "fuzzy")
_WORD = re.compile(r"[0-9a-z]+")
_LATIN = re.compile(r"[0-9a-z ]+")
MAX_PINYIN_QUERY = 60


def normalize(text: str) -> str:
    """Fold width, case and runs of white space, so 'ＣＦＭＯＴＯ ' and 'cfmoto' compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    rank: int

    @property
    def reason(self) -> str:
        return RANK_NAMES[self.rank]


@dataclass(frozen=True, slots=True)
class _Keys:
    """The normalised strings one entry is searched by, worked out once."""

    exact: frozenset[str]
    alias: frozenset[str]
    names: tuple[str, ...]
    words: frozenset[str]
    syllables: tuple[tuple[str, ...], ...]
    text: str
    text_words: frozenset[str]


def _keys(entry: Entry) -> _Keys:
    names = [normalize(n) for n in (entry.name, *entry.aliases, entry.name_en, entry.id)]
    syllables = tuple(tuple(normalize(p).replace("-", " ").split()) for p in entry.pinyin)
    compact_pinyin = ["".join(s) for s in syllables]
    tags = [normalize(t) for t in entry.tags]
    text_parts = [entry.summary, entry.summary_en, entry.note or "", entry.category or ""]
    for figure in entry.key_figures:
        text_parts += [figure["label"], figure["label_en"] or ""]
    text = normalize(" ".join(text_parts))
    return _Keys(
        exact=frozenset((normalize(entry.id), normalize(entry.name))),
        alias=frozenset([*names[1:-1], *compact_pinyin]),
        names=(*names, *compact_pinyin, *tags),
        words=frozenset(w for n in (*names, *tags) for w in _WORD.findall(n)),
        syllables=syllables,
        text=text,
        text_words=frozenset(_WORD.findall(text)),
    )


class SearchIndex:
    """Search keys for a list of entries, built once and reused for every query."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._items = [(entry, _keys(entry)) for entry in entries]
        self._vocabulary: dict[str, list[int]] | None = None

    def search(self, query: str, *, types: Iterable[str] = (), limit: int | None = None) -> list[Hit]:
        q = normalize(query)
        if not q:
            raise UserError("the query is empty: give some text to search for")
        wanted = set(types)
        latin = _LATIN.fullmatch(q) is not None
        q_words = _WORD.findall(q)
        compact = q.replace(" ", "")
        pinyin_query = latin and compact.isalpha() and len(compact) <= MAX_PINYIN_QUERY
        hits: list[Hit] = []
        ranked: set[int] = set()
        for position, (entry, keys) in enumerate(self._items):
            if wanted and entry.type not in wanted:
                continue
            rank = _rank(keys, q, q_words, compact if pinyin_query else None)
            if rank is not None:
                hits.append(Hit(entry, rank))
                ranked.add(position)
        if latin and (limit is None or len(hits) < limit):
            hits += self._fuzzy(q_words, ranked, wanted)
        hits.sort(key=lambda hit: (hit.rank, hit.entry.region or "", hit.entry.id))
        return hits if limit is None else hits[:limit]

    def _fuzzy(self, q_words: list[str], ranked: set[int], wanted: set[str]) -> list[Hit]:
        """Entries where every query word is a near miss of one of the entry's name words."""
        if not q_words or any(len(w) < 4 for w in q_words):
            return []
        vocabulary = self._build_vocabulary()
        matches: set[int] | None = None
        for word in q_words:
            near: set[int] = set()
            for candidate, positions in vocabulary.items():
                if abs(len(candidate) - len(word)) <= 2 and _within(word, candidate, 1 if len(word) < 7 else 2):
                    near.update(positions)
            matches = near if matches is None else matches & near
        return [
            Hit(self._items[p][0], 5)
            for p in sorted(matches or ())
            if p not in ranked and (not wanted or self._items[p][0].type in wanted)
        ]

    def _build_vocabulary(self) -> dict[str, list[int]]:
        if self._vocabulary is None:
            vocabulary: dict[str, list[int]] = {}
            for position, (_, keys) in enumerate(self._items):
                for word in keys.words | {"".join(s) for s in keys.syllables}:
                    vocabulary.setdefault(word, []).append(position)
            self._vocabulary = vocabulary
        return self._vocabulary


def _rank(keys: _Keys, q: str, q_words: list[str], pinyin: str | None) -> int | None:
    if q in keys.exact:
        return 0
    if q in keys.alias or (pinyin and pinyin in keys.alias):
        return 1
    if any(name.startswith(q) for name in keys.names):
        return 2
    if pinyin and any(s and "".join(s).startswith(pinyin) for s in keys.syllables):
        return 2
    if any(q in name for name in keys.names):
        return 3
    if q_words and all(any(w.startswith(qw) for w in keys.words) for qw in q_words):
        return 3
    if pinyin and any(_syllable_prefixes(pinyin, s) for s in keys.syllables):
        return 3
    if q in keys.text:
        return 4
    if q_words and all(any(w.startswith(qw) for w in keys.text_words) for qw in q_words):
        return 4
    return None


def _syllable_prefixes(query: str, syllables: tuple[str, ...]) -> bool:
    """Whether `query` spells a run of consecutive syllables, each by a non-empty prefix."""

    def from_here(pos: int, index: int) -> bool:
        if pos == len(query):
            return True
        if index == len(syllables):
            return False
        syllable = syllables[index]
        for length in range(min(len(syllable), len(query) - pos), 0, -1):
            if query.startswith(syllable[:length], pos) and from_here(pos + length, index + 1):
                return True
        return False

    return any(
        syllables[start][:1] == query[:1] and from_here(0, start) for start in range(len(syllables))
    )


def _within(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most `limit` edits apart (insert, delete, substitute, swap)."""
    if a == b:
        return True
    previous_previous: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous_previous is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return False
        previous_previous, previous = previous, current
    return previous[-1] <= limit
