"""Which characters of dataset text a terminal would act on rather than show: one definition.

C0 controls (a newline and a tab are text, and each format decides how to carry them), DEL,
C1 controls (U+009B is a one-byte CSI to some terminals), the bidi controls that reorder what a
line seems to say (U+202E), the line and paragraph separators, and lone surrogates (how Python
carries bytes that are not UTF-8, as in a file name).
"""

from __future__ import annotations

import re

BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
SURROGATES = "\ud800-\udfff"
UNSAFE = re.compile(f"[{CONTROLS}{BIDI_AND_SEPARATORS}{SURROGATES}]")


def unsafe_characters(text: str) -> list[str]:
    """The characters of `text` a terminal would act on, each once, in the order they first appear."""
    return list(dict.fromkeys(UNSAFE.findall(text)))
