"""Build the search index of a file's entries, laid out as `store.layout` says.

Each kind of key is built for all the entries at once. Python only puts a few strings
together per entry; normalising (NFKC, case, white space), the pinyin forms and the
words are worked out over one long string per kind, in C. Building entry by entry
cost more than parsing and checking the TOML together.
"""

import unicodedata
from collections.abc import Iterable
from typing import Any

from linping_cli.model.records import references
from linping_cli.store.layout import ENTRY, FIELD, KINDS, link, near_blob, number_text, plain, starts, word_runs, wrap

GROUP = "\x02"  # parts one kind of raw key from the next while they are normalised together
_ENTRY, _FIELD = ENTRY.encode(), FIELD.encode()
_USUAL_FULL_WIDTH = "，（）：；！？％"
# The white space other than the space that NFKC and casefolding leave (they make U+00A0,
# U+2000 to U+200A, U+202F, U+205F and U+3000 spaces). Looking for each of these costs
# less than testing the whole text.
_OTHER_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"


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
    text_blob = plain(text)
    blobs = {
        "exact": wrap(ids_names),
        "alias": wrap(ENTRY.join(map(FIELD.join, zip(others_, compact, strict=True)))),
        "tags": wrap(tags),
        "words": word_runs(wrap(ENTRY.join(map(FIELD.join, zip(ids_names_, others_, tags_, strict=True))))),
        "pinyin": wrap(ENTRY.join(compact)),
        "syllables": wrap(syllables),
        "text": text_blob,
        "text_words": word_runs(text_blob),
        "refs": wrap(joined[5]),
    }
    return {kind: (blob, starts(blob)) for kind, blob in blobs.items()}


def near_words(indexes: Iterable[dict[str, tuple[bytes, list[int]]]]) -> bytes:
    """The NEAR part of a dataset whose files have these indexes: every word and every pinyin, each once."""
    words: set[bytes] = set()
    for index in indexes:
        if index:
            words.update(index["words"][0].split())  # " w1 w2 ... ": words and ENTRY, parted by spaces
            words.update(index["pinyin"][0].split(_FIELD))  # fields, and ENTRY between two separators
    words.discard(_ENTRY)
    words.discard(b"")
    return near_blob(words)


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
        parts = [row["summary"], row["summary_en"], get("note"), get("category"), _number(get("value"))]
        for figure in get("key_figures", ()):
            parts += [figure["label"], figure.get("label_en"), _number(figure["value"])]
        parts += [get("role"), get("role_en")]
        for statement in get("statements", ()):
            parts += [statement["summary"], statement["summary_en"]]
        texts.append(" ".join(filter(None, parts)))  # no empty parts, so no runs of spaces to fold later
        refs.append(FIELD.join(link(field, target) for field, target in references(row)))
    return [ids_names, others, pinyin, tags, texts, refs], placed


def _number(value: Any) -> str | None:
    return None if value is None else number_text(value)


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
    """`layout.normalize` of every field in a string of fields and entries, in one pass."""
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

