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
# of those; pinyin, initials, syllables: pinyin three ways; text: summaries, notes, key figures;
# text_words: its words; refs: the ids an entry names.
KINDS = ("exact", "alias", "tags", "words", "pinyin", "initials", "syllables", "text", "text_words", "refs")
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


def starts(blob: bytes) -> list[int]:
    """Where each entry's part of a blob starts."""
    lengths: Iterable[int] = map(len, blob.split(_ENTRY)[1:-1])
    return [0, *map(add, accumulate(lengths), count(1))]
