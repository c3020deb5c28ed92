"""Write the generated `pinyin = [...]` line of every entry in data/*.toml.

For each entry the list is the pinyin of its name, then the pinyin of each alias
that holds a Chinese character, in order, each distinct reading once.  The line goes directly after the
entry's one-line `aliases = [...]` (an old pinyin line is replaced); every other
byte of the file is kept as it is.

Usage:  python tests/tools/fill_pinyin.py [DATA_DIR]    (default: the repo's data/)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import tomli
from pypinyin import lazy_pinyin, load_phrases_dict

ENTRY_TYPES = ("figure", "company", "organisation", "place", "event", "plan", "product", "project", "industry",
               "person")
HEADER = re.compile(r"^\s*\[\[\s*([a-z]+)\s*\]\]\s*(#.*)?$")
OTHER_TABLE = re.compile(r"^\s*\[")
KEY_LINE = re.compile(r"^\s*(name|aliases|pinyin)\s*=")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"


# Readings pypinyin gets wrong for these names, given as whole phrases so its
# segmentation picks them up (the generated pinyin stays pypinyin's output).
PHRASE_READINGS = {
    "长三角": [["cháng"], ["sān"], ["jiǎo"]],  # Yangtze River Delta: chang, not zhang
    "调优": [["tiáo"], ["yōu"]],  # 稳拓调优: adjust and optimise, not diao
}
load_phrases_dict(PHRASE_READINGS)

# What is kept of a piece pypinyin passes through unchanged (Latin words, numbers):
# runs of letters and digits, with a '.' or '-' inside them kept ("2.0", "675sr-r").
# Punctuation such as 、 《 》 “ ” · （ ） + is not pronounced and is dropped.
TOKEN = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*")


def pinyin_of(text: str) -> str:
    """Tone-less pinyin of `text`: lower-case syllables and Latin words joined by single spaces."""
    return " ".join(token for piece in lazy_pinyin(text) for token in TOKEN.findall(piece.lower()))


def pinyin_list(name: str, aliases: list[str]) -> list[str]:
    # Each reading once: aliases that differ only in punctuation read the same.
    return list(dict.fromkeys([pinyin_of(name)] + [pinyin_of(a) for a in aliases if CJK.search(a)]))


def _value(line: str, key: str) -> Any:
    return tomli.loads(line)[key]


def fill_text(text: str, where: str = "<text>") -> str:
    """The file text with every entry's pinyin line written (or rewritten)."""
    out: list[str] = []
    in_entry = False
    name: str | None = None
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        header = HEADER.match(line)
        if header or OTHER_TABLE.match(line):
            in_entry = header is not None and header.group(1) in ENTRY_TYPES
            name = None
            out.append(line)
            continue
        key = KEY_LINE.match(line) if in_entry else None
        if key is None:
            out.append(line)
            continue
        if key.group(1) == "pinyin":
            continue  # dropped: rewritten after the aliases line
        out.append(line)
        if key.group(1) == "name":
            name = _value(line, "name")
            continue
        if name is None:
            raise SystemExit(f"{where}:{number}: aliases line before the entry's name line")
        aliases = _value(line, "aliases")  # must be on one line
        newline = line[len(line.rstrip("\r\n")):] or "\n"
        indent = line[: len(line) - len(line.lstrip())]
        values = json.dumps(pinyin_list(name, aliases), ensure_ascii=False)
        out.append(f"{indent}pinyin = {values}{newline}")
    return "".join(out)


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    for path in sorted(data.glob("*.toml")):
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        filled = fill_text(text, str(path))
        parsed = tomli.loads(filled)  # the result must still be valid TOML
        for type_name in ENTRY_TYPES:
            for entry in parsed.get(type_name, []):
                if "pinyin" not in entry:
                    raise SystemExit(f"{path}: entry {entry.get('id')!r} has no one-line aliases, so no pinyin")
        if filled != text:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(filled)
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
