"""Search: find entries by Chinese text, English words, pinyin, or a near miss of a Latin word.

Every hit has a rank, best first:
  0 id or full Chinese name, exactly
  1 an alias, the English name, or the full pinyin, exactly
  2 the start of a name, alias or pinyin
  3 a word or substring of a name, alias or tag, or pinyin by syllable prefixes ("xadt" finds 西奥电梯)
  4 the summary, note, key figures or people
  5 a Latin word within a small edit distance of a name's word (typos), when nothing else matched
Ties fall back to region and id, so the order never changes between runs.

The index is built once per dataset and kept in the cache. For each kind of key it
holds one string of every entry's keys (entries start with \\x01, fields are wrapped
in \\x00) and the offset where each entry starts, so a query is a few `str.find`
loops in C whatever the number of entries, and loading it is a handful of big
strings rather than millions of small objects.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from linping_cli.errors import UserError
from linping_cli.models import Dataset, Entry, references

RANK_NAMES = ("exact", "alias", "prefix", "word", "text", "fuzzy")
KINDS = ("exact", "alias", "names", "words", "pinyin", "initials", "syllables", "text", "text_words", "refs")
MAX_PINYIN_QUERY = 60
_ENTRY, _FIELD = "\x01", "\x00"
_WORD = re.compile(r"[0-9a-z]+")
_LATIN = re.compile(r"[0-9a-z ]+")


def normalize(text: str) -> str:
    """Fold width, case and runs of white space, so 'ＣＦＭＯＴＯ ' and 'cfmoto' compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _fields(values: Iterable[str]) -> str:
    return _FIELD + _FIELD.join(values) + _FIELD


def _words(values: Iterable[str]) -> str:
    return " " + " ".join(sorted({w for value in values for w in _WORD.findall(value)})) + " "


def _number(value: Any) -> str:
    """A stored number as a person would type it: 1175.09, 810, not 810.0."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def entry_keys(row: dict[str, Any]) -> dict[str, str]:
    """One entry's keys (a checked dict), kind by kind."""
    names = [normalize(n) for n in (row["id"], row["name"], *row["aliases"], row["name_en"])]
    syllables = [normalize(p).replace("-", " ").split() for p in row["pinyin"]]
    compact = ["".join(s) for s in syllables]
    tags = [normalize(t) for t in row["tags"]]
    parts = [row["summary"], row["summary_en"], row["note"] or "", row["category"] or "", _number(row.get("value"))]
    for figure in row["key_figures"]:
        parts += [figure["label"], figure["label_en"] or "", _number(figure["value"])]
    for person in row.get("people", ()):
        parts += [person["name"], person["role"] or "", person["role_en"] or ""]
    text = normalize(" ".join(parts))
    return {
        "exact": _fields(names[:2]),
        "alias": _fields([*names[2:], *compact]),
        "names": _fields([*names, *compact, *tags]),
        "words": _words([*names, *tags]),
        "pinyin": _fields(compact),
        "initials": _fields("".join(s[0] for s in each if s) for each in syllables),
        "syllables": _fields(" ".join(each) for each in syllables),
        "text": text,
        "text_words": _words([text]),
        "refs": _fields(references(row)),
    }


def build_index(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The search index of these entries, as plain data for the cache."""
    segments: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for row in rows:
        for kind, segment in entry_keys(row).items():
            segments[kind].append(segment)
    from array import array

    index: dict[str, Any] = {}
    for kind, parts in segments.items():
        starts = array("q")
        offset = 0
        for part in parts:
            starts.append(offset)
            offset += len(part) + 1
        index[kind] = "".join(_ENTRY + part for part in parts)
        index[kind + ":starts"] = starts.tobytes()
    return index


class SearchIndex:
    """The index of one dataset (from `build_index`), its offsets read in place from bytes."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def starts(self, kind: str) -> memoryview:
        # A view, not an array: the array and bisect modules cost a millisecond to import.
        return memoryview(self._data[kind + ":starts"]).cast("q")

    def find(self, kind: str, needle: str) -> set[int]:
        """The positions of the entries whose `kind` keys contain `needle`."""
        blob, starts = self._data[kind], self.starts(kind)
        found: set[int] = set()
        at = blob.find(needle)
        while at != -1:
            position = _entry_at(starts, at)
            found.add(position)
            following = position + 1
            at = blob.find(needle, starts[following]) if following < len(starts) else -1
        return found

    def find_words(self, kind: str, words: list[str]) -> set[int]:
        """Entries having, for every word, a word that starts with it."""
        found: set[int] | None = None
        for word in words:
            hits = self.find(kind, " " + word)
            found = hits if found is None else found & hits
        return found or set()

    def segment(self, kind: str, position: int) -> str:
        starts = self.starts(kind)
        end = starts[position + 1] if position + 1 < len(starts) else len(self._data[kind])
        return self._data[kind][starts[position] + 1:end]

    def tokens(self, kind: str, separator: str | None) -> Iterator[str]:
        for token in self._data[kind].split(separator):
            if token and _ENTRY not in token:
                yield token


def _entry_at(starts: memoryview, offset: int) -> int:
    """The entry whose segment holds `offset`: the last start at or before it."""
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle + 1
        else:
            high = middle
    return low - 1


def referrers(dataset: Dataset, entry: Entry) -> list[Entry]:
    """Entries of the same region that name this one in a reference field, in dataset order."""
    positions = sorted(dataset.search_index.find("refs", _FIELD + entry.id + _FIELD))
    return [dataset.record(p) for p in positions if dataset.region_of(p) == entry.region]


def search(dataset: Dataset, query: str, *, types: Iterable[str] = (),
           limit: int | None = None) -> list[tuple[int, Entry]]:
    """(rank, entry) pairs for every entry matching `query`, best first; at most `limit` of them."""
    q = normalize(query)
    if not q:
        raise UserError("the query is empty: give some text to search for")
    if _FIELD in q or _ENTRY in q:
        return []  # the index's own separators: no name holds them
    index: SearchIndex = dataset.search_index
    wanted = set(types)
    kinds = dataset.types
    q_words = _WORD.findall(q)
    # Pinyin is compared run together, so "xi ao", "xiao", "2024 nian" and "675sr-r" all work.
    pinyin = q.replace(" ", "").replace("-", "") if q.isascii() else ""
    tiers = (
        lambda: index.find("exact", _FIELD + q + _FIELD),
        lambda: index.find("alias", _FIELD + q + _FIELD) | (
            index.find("alias", _FIELD + pinyin + _FIELD) if pinyin else set()),
        lambda: index.find("names", _FIELD + q) | (index.find("pinyin", _FIELD + pinyin) if pinyin else set()),
        lambda: index.find("names", q) | index.find_words("words", q_words) | _syllable_hits(index, pinyin),
        lambda: index.find("text", q) | index.find_words("text_words", q_words),
    )
    ranks: dict[int, int] = {}
    for rank, tier in enumerate(tiers):
        for position in tier():
            if position not in ranks and (not wanted or kinds[position] in wanted):
                ranks[position] = rank
        if limit is not None and len(ranks) >= limit:
            break  # lower ranks could not make the cut
    if not ranks and _LATIN.fullmatch(q):
        ranks = {p: 5 for p in _fuzzy(index, q_words) if not wanted or kinds[p] in wanted}
    order = sorted(ranks, key=lambda p: (ranks[p], dataset.region_of(p), dataset.id_of(p)))
    return [(ranks[p], dataset.record(p)) for p in order[:limit]]


def _syllable_hits(index: SearchIndex, pinyin: str) -> set[int]:
    """Entries whose pinyin has a run of syllables that `pinyin` spells by prefixes."""
    if not pinyin.isalpha() or not 2 <= len(pinyin) <= MAX_PINYIN_QUERY:
        return set()
    # The first two letters either start one syllable or are two syllables' initials.
    candidates = (index.find("syllables", _FIELD + pinyin[:2]) | index.find("syllables", " " + pinyin[:2])
                  | index.find("initials", pinyin[:2]))
    return {p for p in candidates
            if any(_syllable_prefixes(pinyin, s.split(" ")) for s in index.segment("syllables", p).split(_FIELD))}


def _syllable_prefixes(query: str, syllables: list[str]) -> bool:
    """Whether `query` spells a run of consecutive syllables, each by a non-empty prefix."""

    def from_here(pos: int, at: int) -> bool:
        if pos == len(query):
            return True
        if at == len(syllables):
            return False
        syllable = syllables[at]
        for length in range(min(len(syllable), len(query) - pos), 0, -1):
            if query.startswith(syllable[:length], pos) and from_here(pos + length, at + 1):
                return True
        return False

    return any(syllables[start][:1] == query[:1] and from_here(0, start) for start in range(len(syllables)))


def _fuzzy(index: SearchIndex, q_words: list[str]) -> set[int]:
    """Entries where every query word is a near miss of one of the entry's name words or pinyin."""
    # Only words of letters: a number one digit away from another is a different number.
    if not q_words or any(len(w) < 4 or not w.isalpha() for w in q_words):
        return set()
    vocabulary = set(index.tokens("words", None)) | set(index.tokens("pinyin", _FIELD))
    found: set[int] | None = None
    for word in q_words:
        limit = 1 if len(word) < 7 else 2
        near: set[int] = set()
        for candidate in vocabulary:
            if abs(len(candidate) - len(word)) <= limit and _within(word, candidate, limit):
                near |= index.find("words", f" {candidate} ") | index.find("pinyin", _FIELD + candidate + _FIELD)
        found = near if found is None else found & near
    return found or set()


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
