"""The search index's layout, defined once: what the index builder writes and what a query looks for.

For each kind of key the index holds one UTF-8 string of every entry's keys and the offset
where each entry starts. An entry's part starts with ENTRY; in the wrapped kinds every
field is wrapped in FIELD, so a needle can ask for a whole field or a field's start; in the
word kinds an entry's words stand as " w1 w2 ... " so a needle can ask for a word's start.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from itertools import accumulate, count
from operator import add

# exact: id and name; alias: aliases, English name, pinyin run together; tags; words: the words
# of those; pinyin, syllables: pinyin run together, and as syllables parted by spaces; text: summaries,
# notes, key figures; text_words: its words; refs: what an entry names, a field each, as its `link`.
KINDS = ("exact", "alias", "tags", "words", "pinyin", "syllables", "text", "text_words", "refs")
# One part for the whole dataset rather than one per entry: the words a near miss may be (query/near.py),
# every word of the words kind and every pinyin of the pinyin kind, each once, sorted, joined by FIELD.
NEAR = "near"
ENTRY, FIELD = "\x01", "\x00"
_ENTRY = ENTRY.encode()
_WORD_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Keeps ASCII letters, digits and the entry separator; anything else becomes a space.
_WORD_BYTES = bytes(byte if chr(byte) in _WORD_CHARS + ENTRY else 32 for byte in range(256))


def normalize(text: str) -> str:
    """Fold width, case and runs of white space, so 'ＣＦＭＯＴＯ ' and 'cfmoto' compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def number_text(value: object) -> str:
    """How a number is written in the index: 810 (not 810.0), 1175.09, every digit kept."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


# Needles ------------------------------------------------------------------------------------------

def whole_field(text: str) -> str:
    return FIELD + text + FIELD


def field_start(text: str) -> str:
    return FIELD + text


def word_start(word: str) -> str:
    return " " + word


def whole_word(word: str) -> str:
    return f" {word} "


def spelled(letters: str) -> bytes:
    """A pattern for the syllables kind: a run of one field's syllables that `letters` spell, each syllable
    by a non-empty prefix of it (`xadt`, `xiaodt` and `xiaodianti` spell "xi ao dian ti")."""
    import re

    first, *others = (re.escape(letter.encode()) for letter in letters)
    # After each letter, the next is the same syllable's, or the rest of this one is skipped (up to the space
    # that parts syllables; never past a field) and the next starts the following syllable.
    rest = b"(?:[^ " + FIELD.encode() + _ENTRY + b"]*+ )?"
    starts_syllable = b"(?<=[ " + FIELD.encode() + b"]" + first + b")"  # the first letter is looked for first
    return first + starts_syllable + rest + rest.join(others)


def link(field: str, entry_id: str) -> str:
    """How the refs kind holds one reference: field names and ids hold no space."""
    return f"{field} {entry_id}"


def named(entry_id: str) -> str:
    """A needle for the refs of the entries that name `entry_id`, in whatever field."""
    return f" {entry_id}{FIELD}"


def links(segment: str) -> list[tuple[str, str]]:
    """(field, id) of each reference in an entry's segment of the refs kind."""
    return [(field, entry_id) for field, _, entry_id in (item.partition(" ") for item in segment.split(FIELD) if item)]


# Blobs --------------------------------------------------------------------------------------------

def wrap(joined: str) -> bytes:
    """Entries joined by ENTRY, fields by FIELD, as a blob of a wrapped kind."""
    return (ENTRY + FIELD + joined.replace(ENTRY, FIELD + ENTRY + FIELD) + FIELD).encode()


def plain(joined: str) -> bytes:
    """Entries joined by ENTRY, as a blob of a text kind: searched for any substring."""
    return (ENTRY + joined).encode()


def word_runs(blob: bytes) -> bytes:
    """A blob's entries as their words (runs of [0-9a-z]), as a blob of a word kind."""
    return b" ".join(blob.translate(_WORD_BYTES).replace(_ENTRY, b" " + _ENTRY + b" ").split()) + b" "


def near_blob(words: Iterable[bytes]) -> bytes:
    """The NEAR part: the words (UTF-8, none holding FIELD) each once, sorted as their text sorts."""
    return FIELD.encode().join(sorted(set(words)))


def starts(blob: bytes) -> list[int]:
    """Where each entry's part of a blob starts."""
    lengths: Iterable[int] = map(len, blob.split(_ENTRY)[1:-1])
    return [0, *map(add, accumulate(lengths), count(1))]
