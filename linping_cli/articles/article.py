"""One source article: its sections, its sentences and the numbers it states, each placed by line and section.

An article opens with its lead (everything before the first section heading) and goes on in sections, each
under a heading: a line of two phrases split by one space, with no sentence punctuation and 8 to 60 characters
(智造引擎 驱动“新中心”能级跃升), or a **bold** block of up to three lines. The text is read NFKC-normalised
(full-width digits, ％ and punctuation as ASCII), which keeps its lines as they are.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property
from itertools import accumulate

from linping_cli.articles.numbers import Number, Reader

LEAD = "lead"
_SENTENCE_PUNCTUATION = re.compile(r"[，。；：！？,;:!?、]")
_SENTENCE_END = re.compile(r"[。!?;]")
_SPACE = re.compile(r"\s+")
_LONGEST_HEADING = 60
_LONGEST_BOLD = 3  # lines
# Lines that may be headings (opening with ** or holding a space), looked at more closely by _heading_at.
_MAYBE_HEADING = re.compile(r"^[ \t]*\*\*|^[ \t]*[^\n ]*[^\n ] [^\n ]+[ \t]*$", re.MULTILINE)
# Words before a number in its sentence that make it a target or a projection. `REQUIRED` are those after
# which the dataset must mark the number target or projected; the others only suggest it to a draft.
OUTLOOK = re.compile(r"力争|争取|目标|计划|到[0-9]{4}年|将(?!近)|即将|未来(?!工厂|产业|制造|智造|社区)|预计|有望|可望"
                     r"|(?<![不认许])可(?!以|能|靠|持续|调|视|见|行|观|支配)")
TARGET_WORDS = frozenset(("力争", "争取", "目标", "计划"))
REQUIRED = re.compile(r"将|力争|到[0-9]{4}年|未来|目标")


def squash(text: str) -> str:
    """Text without white space or Markdown emphasis, for comparing headings and names."""
    return _squash_normal(unicodedata.normalize("NFKC", text))


def _squash_normal(text: str) -> str:
    """`squash` of text already NFKC-normalised."""
    return _SPACE.sub("", text).replace("*", "")


_NOT_IN_NAMES = re.compile("[\\s“”‘’\"'「」『』《》〈〉*]+")


def name_key(text: str) -> str:
    """Text as a name is looked for in an article: no white space, emphasis or quotation marks, case-folded
    (the article's “双碳”目标 writes the name 双碳目标)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _NOT_IN_NAMES.sub("", text).casefold()


def outlook_of(cues: Iterable[str]) -> str | None:
    """"target" or "projected" from the outlook words before a number; None when there are none."""
    kinds = ["target" if cue in TARGET_WORDS or cue.startswith("到") else "projected" for cue in cues]
    return "target" if "target" in kinds else (kinds[0] if kinds else None)


class Section:
    __slots__ = ("end", "heading", "line", "start")

    def __init__(self, heading: str, line: int, start: int, end: int) -> None:
        self.heading, self.line, self.start, self.end = heading, line, start, end


class Article:
    """An article's text, split into sections; its numbers are read on first use."""

    def __init__(self, name: str, text: str, reader: Reader | None = None) -> None:
        self.name = name
        self.text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n"))
        self._reader = reader or Reader()
        self._lines = self.text.split("\n")
        self._line_starts = list(accumulate((len(line) + 1 for line in self._lines[:-1]), initial=0))
        self.sections = self._split()
        self._by_heading: dict[str, list[Section]] = {}
        self._named: dict[str, frozenset[str]] = {}
        for section in self.sections:
            self._by_heading.setdefault(squash(section.heading), []).append(section)

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def _split(self) -> list[Section]:
        sections: list[Section] = []
        heading, heading_line, start = LEAD, 0, 0
        lines, offsets = self._lines, self._line_starts
        index = 0
        for match in _MAYBE_HEADING.finditer(self.text):
            at = bisect_left(offsets, match.start())
            if at < index:
                continue  # inside a bold heading already taken
            found, used = _heading_at(lines, at)
            if found is None:
                continue
            index = at
            sections.append(Section(heading, heading_line, start, offsets[index]))
            heading, heading_line = found, index + 1
            index += used
            start = offsets[index] if index < len(offsets) else len(self.text)
        sections.append(Section(heading, heading_line, start, len(self.text)))
        return sections

    def headings(self) -> list[str]:
        return [section.heading for section in self.sections]

    def headings_named(self, heading: str) -> frozenset[str]:
        """The headings, as written here, of the sections `heading` names (compared without white space)."""
        found = self._named.get(heading)
        if found is None:
            found = self._named[heading] = frozenset(section.heading for section in self.find(heading))
        return found

    def find(self, heading: str) -> list[Section]:
        """The sections a heading names, compared without white space (`lead` for the opening)."""
        return self._by_heading.get(squash(heading), [])

    def body(self, heading: str) -> str | None:
        """The text of the section a heading names, or None when the article has none."""
        found = self.find(heading)
        return "\n".join(self.text[s.start:s.end] for s in found) if found else None

    @cached_property
    def numbers(self) -> list[Number]:
        """Every number of the article, each with its line, section, sentence and outlook words."""
        found: list[Number] = []
        ends = [match.start() for match in _SENTENCE_END.finditer(self.text)]
        cues = [(match.start(), match.group()) for match in OUTLOOK.finditer(self.text)]
        cue_starts = [at for at, _ in cues]
        line_starts, length = self._line_starts, len(self.text)
        for section in self.sections:
            for number in self._reader.read(self.text[section.start:section.end]):
                _place(number, section.start)
                start = number.start
                number.section = section.heading
                number.line = bisect_right(line_starts, start)
                after = bisect_left(ends, start)
                begin = max(section.start, ends[after - 1] + 1 if after else 0)
                finish = min(section.end, ends[after] + 1 if after < len(ends) else length)
                number.sentence = (begin, finish)
                first = bisect_left(cue_starts, begin)
                if first < len(cue_starts) and cue_starts[first] < number.written_from:
                    last = bisect_left(cue_starts, number.written_from, first)
                    number.cues = tuple(word for _, word in cues[first:last])
                found.append(number)
        return found

    def sentence_of(self, number: Number) -> str:
        return self.text[number.sentence[0]:number.sentence[1]].strip()

    def written(self, number: Number) -> str:
        """The number as the article writes it, with its qualifier words and unit: 超10万台."""
        return self.text[number.written_from:number.end]

    @cached_property
    def by_magnitude(self) -> dict[Decimal, list[tuple[Number, str]]]:
        """Each amount in plain units -> (number, "value" or "value_max"), for looking a dataset's number up."""
        index: dict[Decimal, list[tuple[Number, str]]] = {}
        for number in self.numbers:
            index.setdefault(number.magnitude, []).append((number, "value"))
            if number.value_max is not None:
                index.setdefault(number.value_max * number.scale, []).append((number, "value_max"))
        return index


def _place(number: Number, offset: int) -> None:
    number.start += offset
    number.end += offset
    number.written_from += offset


def _heading_at(lines: list[str], index: int) -> tuple[str | None, int]:
    """The heading that starts at line `index` and how many lines it takes, or (None, 0)."""
    line = lines[index].strip()
    if line.startswith("**"):
        block = [line]
        while not (block[-1].endswith("**") and "".join(block).count("**") >= 2):
            if len(block) == _LONGEST_BOLD or index + len(block) >= len(lines):
                return None, 0
            block.append(lines[index + len(block)].strip())
        heading = " ".join(part.strip("*").strip() for part in block).strip()
        return (heading, len(block)) if 0 < len(heading) <= _LONGEST_HEADING * 2 else (None, 0)
    if (line.count(" ") == 1 and not _SENTENCE_PUNCTUATION.search(line)
            and len(_squash_normal(line)) >= 8 and len(line) <= _LONGEST_HEADING):
        return line, 1
    return None, 0


def stated_values(text: str) -> set[Decimal]:
    """Every amount a text states, as written and in plain units (2万多: 2 and 20000; 数百: 200 and 900)."""
    found: set[Decimal] = set()
    for number in Reader().read(unicodedata.normalize("NFKC", text)):
        found.update((number.value, number.magnitude))
        if number.value_max is not None:
            found.update((number.value_max, number.value_max * number.scale))
    return found
