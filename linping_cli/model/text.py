"""Which characters of dataset text a terminal would act on rather than show: one definition.

C0 controls (a newline and a tab are text, and each format decides how to carry them), DEL,
C1 controls (U+009B is a one-byte CSI to some terminals), the bidi controls that reorder what a
line seems to say (U+202E), the line and paragraph separators, and lone surrogates (how Python
carries bytes that are not UTF-8, as in a file name).
"""

from __future__ import annotations

import re
from functools import cache

C1_AND_DEL = "".join(map(chr, range(0x7F, 0xA0)))
BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CLASS = f"\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_AND_SEPARATORS}\ud800-\udfff"


@cache
def unsafe_pattern(also: str = "") -> re.Pattern[str]:
    """The characters a terminal would act on, and `also` (say a tab and a newline).

    Compiled on first use: the class takes half a millisecond to compile, which a query
    whose output holds nothing to escape never pays.
    """
    return re.compile(f"[{also}{_CLASS}]")


def unsafe_characters(text: str) -> list[str]:
    """The characters of `text` a terminal would act on, each once, in the order they first appear."""
    return list(dict.fromkeys(unsafe_pattern().findall(text)))


# The Chinese characters: the CJK Unified Ideographs, Extension A, the Compatibility Ideographs and Extensions B on.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
