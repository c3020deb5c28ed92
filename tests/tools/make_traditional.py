"""Write linping_cli/query/traditional.py: each Traditional character and its Simplified form, from OpenCC.

    python tests/tools/make_traditional.py

OpenCC's t2s conversion of every CJK character one at a time; a character is kept when its
Simplified form is one other character. tests/query/test_query_traditional.py checks that the
committed table is what this writes.
"""

from __future__ import annotations

from pathlib import Path

TARGET = Path(__file__).resolve().parents[2] / "linping_cli" / "query" / "traditional.py"
# The CJK Unified Ideographs, their Extension A, and the Compatibility Ideographs.
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
HEADER = '''"""Traditional Chinese characters and their Simplified forms, generated from OpenCC's t2s data.

Do not edit: tests/tools/make_traditional.py writes this file from the `opencc` package.
TRADITIONAL[i] is written SIMPLIFIED[i] in Simplified Chinese.
"""

'''


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


def module_text() -> str:
    found = pairs()
    def chunked(text: str) -> str:
        lines = [text[i:i + 50] for i in range(0, len(text), 50)]
        return "(\n" + "".join(f'    "{line}"\n' for line in lines) + ")"
    return (HEADER + "TRADITIONAL = " + chunked("".join(t for t, _ in found)) + "\n"
            + "SIMPLIFIED = " + chunked("".join(s for _, s in found)) + "\n")


if __name__ == "__main__":
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
