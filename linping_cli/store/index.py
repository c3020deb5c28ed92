"""Read the search index (laid out as `layout` says), each part only when a query first needs it."""

from __future__ import annotations

from collections.abc import Callable

from linping_cli.store.layout import ENTRY, FIELD, NEAR, word_start

_ENTRY = ENTRY.encode()


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
        blob, encoded = self._part(kind), needle.encode("utf-8", "surrogateescape")
        return self._entries(kind, lambda at: blob.find(encoded, at))

    def matching(self, kind: str, pattern: bytes) -> set[int]:
        """The positions of the entries whose `kind` keys hold a match of the regular expression `pattern`."""
        import re

        blob, search = self._part(kind), re.compile(pattern).search

        def following(at: int) -> int:
            found = search(blob, at)
            return -1 if found is None else found.start()

        return self._entries(kind, following)

    def _entries(self, kind: str, following: Callable[[int], int]) -> set[int]:
        """The entries where `following` (where the next match starts, from an offset on; -1: none) finds a match."""
        blob, starts = self._part(kind), self.starts(kind)
        found: set[int] = set()
        # Every entry's part starts with ENTRY and holds no other: the entries before a match are the
        # ENTRY bytes before it, counted in C from the last match on, however many entries match.
        position, counted = -1, 0
        at = following(0)
        while at != -1:
            position += blob.count(_ENTRY, counted, at + 1)
            found.add(position)
            counted = at + 1
            at = following(starts[position + 1]) if position + 1 < len(starts) else -1
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

    def segments(self, kind: str) -> list[str]:
        """Every entry's segment (as `segment` gives it), by position: one decoding for all."""
        return self._part(kind).decode().split(ENTRY)[1:]

    def near_words(self) -> list[str]:
        """The words a near miss may be, sorted (see layout.NEAR)."""
        text = self._part(NEAR).decode()
        return text.split(FIELD) if text else []

