"""Dataset text made safe to print: the one function every renderer and the error path use.

Controls and bidi overrides are shown, not obeyed: ESC as `\\x1b`, U+202E as `<U+202E>`, and a
byte that is not UTF-8 (a lone surrogate, in a file name) as `\\xff`. JSON keeps the data exact
and escapes the same characters as `\\uXXXX`.
"""

from __future__ import annotations

import re

from linping_cli.model.text import BIDI_AND_SEPARATORS, C1_AND_DEL, unsafe_pattern

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0xA0:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def _shown_but_newlines(match: re.Match[str]) -> str:
    return "\n" if match.group() == "\n" else _shown(match)


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with every control, bidi override and lone surrogate shown rather than obeyed.

    A newline is kept only with `newlines` (a table cell of several lines, a quoted CSV cell);
    a tab is shown as `\\t`, since it would break a table's columns.
    """
    if text.isascii() and text.isprintable():  # the usual cell: nothing to look for
        return text
    pattern = unsafe_pattern("\t\n")
    if not pattern.search(text):
        return text
    return pattern.sub(_shown_but_newlines if newlines else _shown, text)


_JSON_RAW = C1_AND_DEL + BIDI_AND_SEPARATORS  # json.dumps escapes C0 itself, not these
_ONE_PASS_FROM = 1 << 20  # characters: a text this long is searched once by the pattern, not once per character


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps) with the characters a terminal acts on escaped: the same data.

    Looked for with plain substring tests first, so the usual output costs no regular expression;
    a long one (a graph of a hundred thousand entries) in one pass of it rather than one per character.
    """
    if dumped.isascii():
        if "\x7f" not in dumped:
            return dumped
    elif len(dumped) >= _ONE_PASS_FROM:
        if not unsafe_pattern().search(dumped):  # lone surrogates included
            return dumped
    elif not any(char in dumped for char in _JSON_RAW):
        try:
            dumped.encode("utf-8")  # fails only on a lone surrogate
            return dumped
        except UnicodeEncodeError:
            pass
    return unsafe_pattern().sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
