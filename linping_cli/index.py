"""The search index: built once per dataset when it is checked, kept in the cache with it.

For each kind of key it holds one string of every entry's keys (entries start with
\\x01, fields are wrapped in \\x00) and the offset where each entry starts, so a
query is a few `str.find` loops in C whatever the number of entries, and loading it
is a handful of big strings rather than millions of small objects. `search` ranks
what these lookups find.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from linping_cli.models import format_number, references

KINDS = ("exact", "alias", "names", "words", "pinyin", "initials", "syllables", "text", "text_words", "refs")
ENTRY, FIELD = "\x01", "\x00"
WORD = re.compile(r"[0-9a-z]+")


def normalize(text: str) -> str:
    """Fold width, case and runs of white space, so 'ＣＦＭＯＴＯ ' and 'cfmoto' compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _fields(values: Iterable[str]) -> str:
    return FIELD + FIELD.join(values) + FIELD


def _words(values: Iterable[str]) -> str:
    return " " + " ".join(sorted({w for value in values for w in WORD.findall(value)})) + " "


def entry_keys(row: dict[str, Any]) -> dict[str, str]:
    """One entry's keys (a checked dict), kind by kind."""
    names = [normalize(n) for n in (row["id"], row["name"], *row["aliases"], row["name_en"])]
    syllables = [normalize(p).replace("-", " ").split() for p in row["pinyin"]]
    compact = ["".join(s) for s in syllables]
    tags = [normalize(t) for t in row["tags"]]
    parts = [row["summary"], row["summary_en"], row["note"] or "", row["category"] or ""]
    parts.append(format_number(row.get("value")))
    for figure in row["key_figures"]:
        parts += [figure["label"], figure["label_en"] or "", format_number(figure["value"])]
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
        index[kind] = "".join(ENTRY + part for part in parts)
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
            if token and ENTRY not in token:
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


