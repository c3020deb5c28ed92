"""Dataset text made safe to print: the one function every renderer and the error path use.

Controls and bidi overrides are shown, not obeyed: ESC as `\\x1b`, U+202E as `<U+202E>`, and a
byte that is not UTF-8 (a lone surrogate, in a file name) as `\\xff`. JSON keeps the data exact
and escapes the same characters as `\\uXXXX`.
"""

from __future__ import annotations

import re

from linping_cli.model.text import BIDI_AND_SEPARATORS, CONTROLS, SURROGATES

_KEEP_NEWLINES = re.compile(f"[\t{CONTROLS}{BIDI_AND_SEPARATORS}{SURROGATES}]")
_ONE_LINE = re.compile(f"[\t\n{CONTROLS}{BIDI_AND_SEPARATORS}{SURROGATES}]")
# json.dumps escapes C0 itself; these it would write as they are.
_JSON_RAW = re.compile(f"[\x7f-\x9f{BIDI_AND_SEPARATORS}{SURROGATES}]")
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


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with every control, bidi override and lone surrogate shown rather than obeyed.

    A newline is kept only with `newlines` (a table cell of several lines, a quoted CSV cell);
    a tab is shown as `\\t`, since it would break a table's columns.
    """
    pattern = _KEEP_NEWLINES if newlines else _ONE_LINE
    return pattern.sub(_shown, text) if pattern.search(text) else text


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps) with the characters a terminal acts on escaped: the same data."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)

