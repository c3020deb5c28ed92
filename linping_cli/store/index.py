"""Read the search index (laid out as `layout` says), each part only when a query first needs it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from linping_cli.store.layout import ENTRY, word_start


class SearchIndex:
    """The index of one dataset.

    The keys stay UTF-8 bytes: a UTF-8 needle can only match at a character boundary,
    so searching the bytes finds what searching the text would, without decoding
    megabytes of text on every run; a query is a few `bytes.find` loops in C.
    """

    def __init__(self, read: Callable[[str], bytes]) -> None:
        self._read = read
        self._parts: dict[str, bytes] = {}

    def _part(self, name: str) -> bytes:
        found = self._parts.get(name)
        if found is None:
            found = self._parts[name] = self._read(name)
        return found

    def starts(self, kind: str) -> memoryview:
        # A view, not an array: the array and bisect modules cost a millisecond to import.
        return memoryview(self._part(kind + ":starts")).cast("q")

    def find(self, kind: str, needle: str) -> set[int]:
        """The positions of the entries whose `kind` keys contain `needle`."""
        blob, starts, encoded = self._part(kind), self.starts(kind), needle.encode("utf-8", "surrogateescape")
        found: set[int] = set()
        at = blob.find(encoded)
        while at != -1:
            position = _entry_at(starts, at)
            found.add(position)
            following = position + 1
            at = blob.find(encoded, starts[following]) if following < len(starts) else -1
        return found

    def contains(self, kind: str, needle: str) -> bool:
        """Whether any entry's `kind` keys contain `needle`."""
        return needle.encode() in self._part(kind)

    def find_words(self, kind: str, words: list[str]) -> set[int]:
        """Entries having, for every word, a word that starts with it."""
        found: set[int] | None = None
        for word in words:
            hits = self.find(kind, word_start(word))
            found = hits if found is None else found & hits
        return found or set()

    def segment(self, kind: str, position: int) -> str:
        blob, starts = self._part(kind), self.starts(kind)
        end = starts[position + 1] if position + 1 < len(starts) else len(blob)
        return blob[starts[position] + 1:end].decode()

    def tokens(self, kind: str, separator: str | None) -> Iterator[str]:
        for token in self._part(kind).decode().split(separator):
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
