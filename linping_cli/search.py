"""Search: find entries by Chinese text, English words, pinyin, or a near miss of a Latin word.

Every hit has a rank, best first:
  0 id or full Chinese name, exactly
  1 an alias, the English name, or the full pinyin, exactly
  2 the start of a name, alias or pinyin
  3 a word or substring of a name, alias or tag, or pinyin by syllable prefixes ("xadt" finds 西奥电梯)
  4 the summary, note or key figure labels
  5 a Latin word within a small edit distance of a name's word (typos)
Ties fall back to region and id, so the order never changes between runs.

The normalised strings each entry is searched by are worked out once, when the
dataset is checked, and kept in the cache with it (`search_keys`).
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from linping_cli.errors import UserError
from linping_cli.models import Dataset, Entry

RANK_NAMES = ("exact", "alias", "prefix", "word", "text", "fuzzy")
_WORD = re.compile(r"[0-9a-z]+")
_LATIN = re.compile(r"[0-9a-z ]+")
MAX_PINYIN_QUERY = 60

# Positions in one entry's search keys. Names, words and pinyin are each kept as one
# string with separators, so that a prefix or word test is one substring search in C.
TYPE, REGION, ID, EXACT, ALIAS, NAMES, WORDS, PINYIN, SYLLABLES, TEXT, TEXT_WORDS = range(11)
_SEP = "\x00"


def normalize(text: str) -> str:
    """Fold width, case and runs of white space, so 'ＣＦＭＯＴＯ ' and 'cfmoto' compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def search_keys(row: dict[str, Any]) -> tuple[Any, ...]:
    """The normalised strings one entry (as a checked dict) is searched by."""
    names = [normalize(n) for n in (row["name"], *row["aliases"], row["name_en"], row["id"])]
    syllables = tuple(tuple(normalize(p).replace("-", " ").split()) for p in row["pinyin"])
    compact_pinyin = ["".join(s) for s in syllables]
    tags = [normalize(t) for t in row["tags"]]
    parts = [row["summary"], row["summary_en"], row["note"] or "", row["category"] or "", _number(row.get("value"))]
    for figure in row["key_figures"]:
        parts += [figure["label"], figure["label_en"] or "", _number(figure["value"])]
    for person in row.get("people", ()):
        parts += [person["name"], person["role"] or "", person["role_en"] or ""]
    text = normalize(" ".join(parts))
    words = {w for n in (*names, *tags) for w in _WORD.findall(n)}
    return (
        row["type"], row["region"] or "", row["id"],
        (normalize(row["id"]), normalize(row["name"])),
        tuple({*names[1:-1], *compact_pinyin}),
        _SEP + _SEP.join((*names, *compact_pinyin, *tags)),
        " " + " ".join(sorted(words)),
        _SEP + _SEP.join(compact_pinyin),
        syllables,
        text,
        " " + " ".join(sorted(set(_WORD.findall(text)))),
    )


def _number(value: Any) -> str:
    """A stored number as a person would type it: 1175.09, 810, not 810.0."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def search(dataset: Dataset, query: str, *, types: Iterable[str] = (),
           limit: int | None = None) -> list[tuple[int, Entry]]:
    """(rank, entry) pairs for every entry matching `query`, best first; at most `limit` of them."""
    q = normalize(query)
    if not q:
        raise UserError("the query is empty: give some text to search for")
    wanted = set(types)
    latin = _LATIN.fullmatch(q) is not None
    q_words = _WORD.findall(q)
    # Pinyin is compared run together, so "xi ao", "xiao", "2024 nian" and "675sr-r" all work.
    pinyin = q.replace(" ", "").replace("-", "") if q.isascii() else None
    hits: list[tuple[int, str, str, int]] = []
    for position, keys in enumerate(dataset.search_keys):
        if wanted and keys[TYPE] not in wanted:
            continue
        rank = _rank(keys, q, q_words, pinyin)
        if rank is not None:
            hits.append((rank, keys[REGION], keys[ID], position))
    if latin and (limit is None or len(hits) < limit):
        found = {hit[3] for hit in hits}
        hits += [(5, keys[REGION], keys[ID], position)
                 for position, keys in _fuzzy(dataset.search_keys, q_words)
                 if position not in found and (not wanted or keys[TYPE] in wanted)]
    hits.sort()
    return [(rank, dataset.record(position)) for rank, _, _, position in hits[:limit]]


def _rank(keys: tuple[Any, ...], q: str, q_words: list[str], pinyin: str | None) -> int | None:
    if q in keys[EXACT]:
        return 0
    if q in keys[ALIAS] or (pinyin and pinyin in keys[ALIAS]):
        return 1
    if _SEP + q in keys[NAMES] or (pinyin and _SEP + pinyin in keys[PINYIN]):
        return 2
    if q in keys[NAMES]:
        return 3
    if q_words and all(" " + w in keys[WORDS] for w in q_words):
        return 3
    if (pinyin and pinyin.isalpha() and len(pinyin) <= MAX_PINYIN_QUERY and pinyin[0] in keys[PINYIN]
            and any(_syllable_prefixes(pinyin, s) for s in keys[SYLLABLES])):
        return 3
    if q in keys[TEXT]:
        return 4
    if q_words and all(" " + w in keys[TEXT_WORDS] for w in q_words):
        return 4
    return None


def _fuzzy(all_keys: list[tuple[Any, ...]], q_words: list[str]) -> list[tuple[int, tuple[Any, ...]]]:
    """Entries where every query word is a near miss of one of the entry's name words or pinyin."""
    # Only words of letters: a number one digit away from another is a different number.
    if not q_words or any(len(w) < 4 or not w.isalpha() for w in q_words):
        return []
    vocabulary: dict[str, list[int]] = {}
    for position, keys in enumerate(all_keys):
        for word in {*keys[WORDS].split(), *keys[PINYIN].split(_SEP)[1:]} - {""}:
            vocabulary.setdefault(word, []).append(position)
    matches: set[int] | None = None
    for word in q_words:
        limit = 1 if len(word) < 7 else 2
        near = {p for candidate, positions in vocabulary.items()
                if abs(len(candidate) - len(word)) <= limit and _within(word, candidate, limit) for p in positions}
        matches = near if matches is None else matches & near
    return [(position, all_keys[position]) for position in sorted(matches or ())]


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
    before_previous: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before_previous is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        if min(current) > limit:
            return False
        before_previous, previous = previous, current
    return previous[-1] <= limit
