"""Write linping_cli/query/traditional.txt: each Traditional character and its Simplified form, from OpenCC.

    python tests/tools/make_traditional.py

OpenCC's t2s conversion of every CJK character one at a time; a character is kept when its
Simplified form is one other character. The file is two lines: the Traditional characters, and the
Simplified form of each in the same place. tests/query/test_query_traditional.py checks that the
committed table is what this writes.
"""

from __future__ import annotations

from pathlib import Path

TARGET = Path(__file__).resolve().parents[2] / "linping_cli" / "query" / "traditional.txt"
# The CJK Unified Ideographs, their Extension A, and the Compatibility Ideographs.
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
def pairs() -> list[tuple[str, str]]:
    import opencc

    converter = opencc.OpenCC("t2s")
    found = []
    for low, high in RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            simple = converter.convert(char)
            if len(simple) == 1 and simple != char:
                found.append((char, simple))
    return found


def table_text() -> str:
    found = pairs()
    return "".join(t for t, _ in found) + "\n" + "".join(s for _, s in found) + "\n"


if __name__ == "__main__":
    TARGET.write_text(table_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
