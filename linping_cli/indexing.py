"""Build the search index of a batch of entries; its layout and its reader are in `index`.

Each kind of key is built for all the entries at once. Python only puts a few strings
together per entry; normalising (NFKC, case, white space), the pinyin forms and the
words are worked out over one long string per kind, in C. Building entry by entry
cost more than parsing and checking the TOML together.
"""

import unicodedata
from collections.abc import Iterable
from itertools import accumulate, count
from operator import add
from typing import Any

from linping_cli.index import ENTRY, FIELD, KINDS
from linping_cli.models import format_number, references

_ENTRY = ENTRY.encode()
GROUP = "\x02"  # parts one kind of raw key from the next while they are normalised together
_USUAL_FULL_WIDTH = "，（）：；！？％"
# The white space other than the space that NFKC and casefolding leave (they make U+00A0,
# U+2000 to U+200A, U+202F, U+205F and U+3000 spaces). Looking for each of these costs
# less than testing the whole text.
_OTHER_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"
# Keeps ASCII letters, digits and the entry separator; anything else becomes a space.
_WORD_BYTES = bytes(byte if chr(byte) in "0123456789abcdefghijklmnopqrstuvwxyz" + ENTRY else 32 for byte in range(256))


def build_index(rows: list[dict[str, Any]]) -> dict[str, tuple[bytes, list[int]]]:
    """For each kind: the keys of every entry, each led by ENTRY, as UTF-8, and where each entry starts."""
    if not rows:
        return {kind: (b"", []) for kind in KINDS}
    raw, placed = _raw_keys(rows)
    joined = [ENTRY.join(each) for each in raw]
    together = GROUP.join(joined[:5])
    # Are the only separators the ones put there? (References are ids: [a-z0-9-] only.)
    if (together.count(FIELD), together.count(ENTRY), together.count(GROUP)) != (placed, 5 * len(rows) - 5, 4):
        joined = [ENTRY.join(each) for each in _raw_keys([_without_separators(row) for row in rows])[0]]
        together = GROUP.join(joined[:5])
    # One pass normalises every kind of raw key at once, each kind parted from the next by GROUP.
    ids_names, others, pinyin, tags, text = _normalize(together).split(GROUP)
    syllables = _fold_spaces(pinyin.replace("-", " "))
    compact = syllables.replace(" ", "").split(ENTRY)
    ids_names_, others_, tags_ = ids_names.split(ENTRY), others.split(ENTRY), tags.split(ENTRY)
    text_blob = (ENTRY + text).encode()
    blobs = {
        "exact": _wrap(ids_names),
        "alias": _wrap(ENTRY.join(map(FIELD.join, zip(others_, compact, strict=True)))),
        "tags": _wrap(tags),
        "words": _word_runs(_wrap(ENTRY.join(map(FIELD.join, zip(ids_names_, others_, tags_, strict=True))))),
        "pinyin": _wrap(ENTRY.join(compact)),
        "initials": _wrap(_initials(syllables)),
        "syllables": _wrap(syllables),
        "text": text_blob,
        "text_words": _word_runs(text_blob),
        "refs": _wrap(joined[5]),
    }
    return {kind: (blob, _starts(blob)) for kind, blob in blobs.items()}


def _raw_keys(rows: list[dict[str, Any]]) -> tuple[list[list[str]], int]:
    """Per entry, before normalising: id and name; aliases and English name; pinyin; tags; text; references.

    And how many FIELD separators the first five kinds got.
    """
    ids_names, others, pinyin, tags, texts, refs = [], [], [], [], [], []
    placed = 0
    for row in rows:  # as written: optional fields may be missing
        get = row.get
        aliases, pinyins, row_tags = get("aliases", ()), get("pinyin", ()), get("tags", ())
        ids_names.append(f"{row['id']}{FIELD}{row['name']}")
        others.append(FIELD.join([*aliases, row["name_en"]]))
        pinyin.append(FIELD.join(pinyins))
        tags.append(FIELD.join(row_tags))
        placed += 1 + len(aliases) + len(pinyins) - bool(pinyins) + len(row_tags) - bool(row_tags)
        parts = [row["summary"], row["summary_en"], get("note"), get("category"), format_number(get("value"))]
        for figure in get("key_figures", ()):
            parts += [figure["label"], figure.get("label_en"), format_number(figure["value"])]
        for person in get("people", ()):
            parts += [person["name"], person.get("role"), person.get("role_en")]
        texts.append(" ".join(filter(None, parts)))  # no empty parts, so no runs of spaces to fold later
        refs.append(FIELD.join(references(row)))
    return [ids_names, others, pinyin, tags, texts, refs], placed


def _without_separators(row: dict[str, Any]) -> dict[str, Any]:
    """The row with the separators used here made spaces in its text: no query can hold them anyway."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(FIELD, " ").replace(ENTRY, " ").replace(GROUP, " ")
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return value

    return clean(row)  # type: ignore[no-any-return]


def _normalize(joined: str) -> str:
    """`index.normalize` of every field in a string of fields and entries, in one pass."""
    # Narrowing Chinese text's usual full-width punctuation first (its NFKC is its ASCII twin)
    # mostly leaves NFKC nothing to do, and its quick check then skips the much slower full pass.
    for wide in _USUAL_FULL_WIDTH:
        joined = joined.replace(wide, chr(ord(wide) - 0xFEE0))
    # NFKC never joins a character to a separator, nor makes one, so fields stay apart.
    return _fold_spaces(unicodedata.normalize("NFKC", joined).casefold())


def _fold_spaces(text: str) -> str:
    """Runs of white space made one space, and none at either end of a field, entry or group."""
    # Without runs of spaces or other white space, only the ends need trimming. Otherwise one
    # split() folds every field's spaces at once (separators are not white space).
    if "  " in text or any(space in text for space in _OTHER_SPACES):
        text = " ".join(text.split())
    for separator in (FIELD, ENTRY, GROUP):
        if " " + separator in text or separator + " " in text:
            text = text.replace(" " + separator, separator).replace(separator + " ", separator)
    return text.strip(" ")


def _initials(syllables: str) -> str:
    """Each pinyin field's syllables by their first letters: "xi ao dian ti" becomes "xadt"."""
    return ENTRY.join(FIELD.join("".join([syllable[0] for syllable in field.split(" ") if syllable])
                                 for field in entry.split(FIELD)) for entry in syllables.split(ENTRY))


def _wrap(joined: str) -> bytes:
    """Every entry's fields, each wrapped in FIELD so a whole field can be matched, led by ENTRY."""
    return (ENTRY + FIELD + joined.replace(ENTRY, FIELD + ENTRY + FIELD) + FIELD).encode()


def _word_runs(blob: bytes) -> bytes:
    """Each entry's words (runs of [0-9a-z]) as " w1 w2 ... ", led by ENTRY, found with C's byte operations."""
    return b" ".join(blob.translate(_WORD_BYTES).replace(_ENTRY, b" " + _ENTRY + b" ").split()) + b" "


def _starts(blob: bytes) -> list[int]:
    """Where each entry's part of a blob starts: each part is ENTRY and its keys."""
    lengths: Iterable[int] = map(len, blob.split(_ENTRY)[1:-1])
    return [0, *map(add, accumulate(lengths), count(1))]
