"""The search index: built once per dataset when it is checked, kept in the cache with it.

For each kind of key it holds one UTF-8 string of every entry's keys (entries start
with \\x01, fields are wrapped in \\x00) and the offset where each entry starts, so a
query is a few `bytes.find` loops in C whatever the number of entries, and the cache
holds each part as bytes that a query reads only if it needs them. `search` ranks
what these lookups find.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from linping_cli.models import format_number, references

KINDS = ("exact", "alias", "names", "words", "pinyin", "initials", "syllables", "text", "text_words", "refs")
ENTRY, FIELD = "\x01", "\x00"
WORD = re.compile(r"[0-9a-z]+")


def normalize(text: str) -> str:
    """Fold width, case and runs of white space, so 'ＣＦＭＯＴＯ ' and 'cfmoto' compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")


def _narrow(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match[0])


def normalize_all(texts: list[str]) -> list[str]:
    """`normalize` of each text, done as one pass over all of them, which is several times faster."""
    joined = FIELD.join(texts)
    if joined.count(FIELD) != len(texts) - 1 or ENTRY in joined:
        # The index's own separators inside a text: no query can hold them, so they may go.
        joined = FIELD.join(text.replace(FIELD, " ").replace(ENTRY, " ") for text in texts)
    # Narrowing full-width forms first (their NFKC is their ASCII twin) usually leaves NFKC
    # nothing to do, and its quick check then skips the much slower full pass.
    joined = _FULL_WIDTH.sub(_narrow, joined)
    # NFKC never joins a character to a NUL, nor makes one, so the fields stay apart.
    folded = unicodedata.normalize("NFKC", joined).casefold()
    # Printable text holds no white space but single spaces: only the fields' ends need trimming.
    # Otherwise (NUL is not white space) one split() folds the spaces of every field at once.
    if "  " in folded or not folded.replace(FIELD, "").isprintable():
        folded = " ".join(folded.split())
    return folded.strip(" ").replace(" " + FIELD, FIELD).replace(FIELD + " ", FIELD).split(FIELD) if texts else []


def _fields(values: Iterable[str]) -> str:
    return f"{FIELD}{FIELD.join(values)}{FIELD}"


def _raw_texts(row: dict[str, Any]) -> list[str]:
    """What an entry is found by, before normalising: names, pinyin, tags, then one text of the rest."""
    parts = [row["summary"], row["summary_en"], row["note"] or "", row["category"] or ""]
    parts.append(format_number(row.get("value")))
    for figure in row["key_figures"]:
        parts += [figure["label"], figure["label_en"] or "", format_number(figure["value"])]
    for person in row.get("people", ()):
        parts += [person["name"], person["role"] or "", person["role_en"] or ""]
    return [row["id"], row["name"], *row["aliases"], row["name_en"], *row["pinyin"], *row["tags"], " ".join(parts)]


def build_index(rows: list[dict[str, Any]]) -> dict[str, tuple[bytes, list[int]]]:
    """The search index of these entries: for each kind, the keys of every entry, each led by
    ENTRY, as UTF-8, and the length of each entry's part in bytes."""
    flat = normalize_all([text for row in rows for text in _raw_texts(row)])
    segments: dict[str, list[str]] = {kind: [] for kind in KINDS}
    exact, alias, names_, words, pinyin, initials, syllables_, text_, _, refs = segments.values()
    at = 0
    for row in rows:
        end = at + len(row["aliases"]) + 3
        names = flat[at:end]
        at, end = end, end + len(row["pinyin"])
        syllables = [each.replace("-", " ").split() for each in flat[at:end]]
        at, end = end, end + len(row["tags"])
        tags = flat[at:end]
        text = flat[end]
        at = end + 1
        compact = ["".join(each) for each in syllables]
        exact.append(_fields(names[:2]))
        alias.append(_fields(names[2:] + compact))
        names_.append(_fields(names + compact + tags))
        words.append(" ".join(names + tags))
        pinyin.append(_fields(compact))
        initials.append(_fields(["".join([s[0] for s in each if s]) for each in syllables]))
        syllables_.append(_fields([" ".join(each) for each in syllables]))
        text_.append(text)
        refs.append(_fields(references(row)))
    blobs = {kind: (ENTRY + ENTRY.join(parts)).encode() if parts else b"" for kind, parts in segments.items()}
    blobs["words"] = _word_runs(blobs["words"])
    blobs["text_words"] = _word_runs(blobs["text"])
    return {kind: (blob, [len(part) + 1 for part in blob.split(ENTRY.encode())[1:]]) for kind, blob in blobs.items()}


# Keeps ASCII letters, digits and the entry separator; anything else becomes a space.
_WORD_BYTES = bytes(byte if chr(byte) in "0123456789abcdefghijklmnopqrstuvwxyz" + ENTRY else 32 for byte in range(256))


def _word_runs(blob: bytes) -> bytes:
    """Each entry's words (runs of [0-9a-z]) in a blob of entries, as " w1 w2 ... ", found in C:
    a regex over every entry's text costs more than building the rest of the index."""
    words = blob.translate(_WORD_BYTES).replace(ENTRY.encode(), b" " + ENTRY.encode() + b" ").split()
    return b" ".join(words) + b" " if words else b""


class SearchIndex:
    """The index of one dataset, each part read only when a query first needs it.

    The keys stay UTF-8 bytes: a UTF-8 needle can only match at a character boundary,
    so searching the bytes finds what searching the text would, without decoding
    megabytes of text on every run.
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
        blob, starts, encoded = self._part(kind), self.starts(kind), needle.encode()
        found: set[int] = set()
        at = blob.find(encoded)
        while at != -1:
            position = _entry_at(starts, at)
            found.add(position)
            following = position + 1
            at = blob.find(encoded, starts[following]) if following < len(starts) else -1
        return found

    def find_words(self, kind: str, words: list[str]) -> set[int]:
        """Entries having, for every word, a word that starts with it."""
        found: set[int] | None = None
        for word in words:
            hits = self.find(kind, " " + word)
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


