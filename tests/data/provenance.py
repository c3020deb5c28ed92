"""Reading the two source articles for the provenance test: their sections, and the numbers a text states.

`sections` splits an article into its lead (the opening before the first section heading) and its
sections, keyed by heading. `numbers` turns a text into the set of numbers it states, however they
are written: digits (16.0%, 1175.09), digits with 万/亿 (2万多 = 2 and 20000), Chinese numerals
(三十载 = 30, 千亿级 = 1000 and 10^11, 百亿元 = 100), 数百 (several hundred: its order, 100, which the
dataset records with the qualifier "several"), 首 (the first: 1), 双 and 翻番 (2). A number is kept
as a Decimal, so 16.0 keeps the precision it is written with.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

LEAD = "lead"
_SENTENCE_PUNCTUATION = re.compile(r"[，。；：！？,;:!?、]")
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without white space or Markdown emphasis, for comparing headings."""
    return _SPACE.sub("", text).replace("*", "")


def _is_heading(line: str) -> bool:
    """A section heading: two phrases split by one space, no sentence punctuation, not a short byline."""
    line = line.strip()
    return (line.count(" ") == 1 and not _SENTENCE_PUNCTUATION.search(line)
            and len(squash(line)) >= 8)


def sections(text: str) -> dict[str, str]:
    """{"lead": opening, heading: body, ...}; a heading in **bold** may run over several lines."""
    found: dict[str, list[str]] = {LEAD: []}
    current = LEAD
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if line.startswith("**"):
            block = [line]
            while not (block[-1].endswith("**") and "".join(block).count("**") >= 2):
                index += 1
                if index >= len(lines):
                    break
                block.append(lines[index].strip())
            current = " ".join(part.strip("*") for part in block).strip()
            found[current] = []
        elif _is_heading(line):
            current = line
            found[current] = []
        else:
            found[current].append(lines[index])
        index += 1
    return {heading: "\n".join(body) for heading, body in found.items()}


def find_section(text: str, heading: str) -> str | None:
    """The body of the section a heading names (compared without white space), or None."""
    wanted = squash(heading)
    for name, body in sections(text).items():
        if squash(name) == wanted:
            return body
    return None


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = (("亿", 10**8), ("万", 10**4))
_ARABIC = re.compile(r"(\d+(?:\.\d+)?)\s*(?:多|余)?(万|亿)?")  # 2万多, 2700多万
# A run of Chinese numerals not straight after digits (the 万 of 10万 belongs to the digits) and not
# opening with 零 (零部件 is no number).
_CHINESE = re.compile(r"(?<![\d.多余])(数)?([一二两三四五六七八九十百千万亿][零〇一二两三四五六七八九十百千万亿]*)")


def _small(run: str) -> int:
    """A Chinese numeral below 万: 三十 = 30, 十 = 10, 百 = 100, 二千七百 = 2700."""
    total, digit = 0, None
    for char in run:
        if char in _DIGITS:
            if digit is not None:  # two digits in a row (十三五): read as written, digit by digit
                total += digit
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
    return total + (digit or 0)


def _chinese(run: str) -> set[int]:
    """The numbers a run of Chinese numerals states: its value, and the amount before a 万/亿 unit."""
    values: set[int] = set()
    total, rest = 0, run
    for unit, size in _BIG_UNITS:
        if unit in rest:
            left, rest = rest.split(unit, 1)
            coefficient = _small(left) if left else 1
            values.add(coefficient)  # 千亿 in 亿元: 1000
            total += coefficient * size
    total += _small(rest)
    values.add(total)
    return values


def numbers(text: str) -> set[Decimal]:
    """Every number a text states, in any of the ways the articles write them (see the module note)."""
    text = unicodedata.normalize("NFKC", text)
    found: set[Decimal] = set()
    for match in _ARABIC.finditer(text):
        value = Decimal(match.group(1))
        found.add(value)
        if match.group(2):
            found.add(value * dict(_BIG_UNITS)[match.group(2)])
    for match in _CHINESE.finditer(text):
        several, run = match.groups()
        if several:  # 数百: several hundred, no count but an order of 100
            unit = _SMALL_UNITS.get(run[0]) or dict(_BIG_UNITS).get(run[0])
            if unit is not None:
                found.add(Decimal(unit))
                continue
        found.update(Decimal(value) for value in _chinese(run))
    if "翻番" in text or "双" in text:  # doubling; a pair (双五百亿级: two industries)
        found.add(Decimal(2))
    if re.search(r"首[个颗家次]", text):  # the first one: 全区首个
        found.add(Decimal(1))
    return found


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def written_forms(text: str, value: Decimal) -> set[str]:
    """How the text writes a percentage equal to `value` (16.0, 16), to check the precision is kept."""
    return {m.group(1) for m in _PERCENT.finditer(unicodedata.normalize("NFKC", text)) if Decimal(m.group(1)) == value}
