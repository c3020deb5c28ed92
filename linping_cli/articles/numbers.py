"""The numbers a text states, however it writes them, each with its qualifier, unit and place in the text.

Read: digits (16.0%, 1175.09亿元, 1,458家), digits with a Chinese scale (2万多个: 2 万个, more than; 2700多万棵),
Chinese numerals (三十载, 千亿级, 百亿元, 二〇二四年), 数百 and 几十 (the order they name, qualified
"several": 数百 is 100, several hundred), 双 before a numeral (双五百亿级: two), 翻番 (2 倍; 翻两番 4 倍),
百分之三十 (30%), ranges (3至5个, 20%-30%), ordinals (第137届, 第一) and a fall (-5%, 下降5%). The words next
to a number give its qualifier: 超/逾/突破/…多/…余 more-than, 约/…左右 about, 近/接近 nearly,
…以上/不低于/大于等于 at-least, …以内/不超过 at-most, and a scale band 千亿级 is a "class".

A value is a Decimal as written, so 16.0 keeps its precision; `unit` keeps the scale as written (亿元, 万台),
and `magnitude`/`base` give the amount in plain units (10万台 is 100000 台). Digits inside a code or a name
(G60, HGT51F, 675SR-R, 3+2+X, 2.0版) and numeral runs that are names (十三五) are not read, nor is a lone 一
that is a word rather than a count (一方面, 一流, 一粒粒, 之一, 进一步).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache

HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "十万": 10**5, "亿": 10**8, "万": 10**4}
_SCALE_PATTERN = "[十百千]?(?:万亿|亿|万)"

# Measure words and units a number may carry, longest first in the pattern. A dataset's own units add to them.
MEASURES = (
    "%", "‰", "°C", "元", "美元", "欧元", "港元", "日元", "英镑",
    "个月", "个", "家", "名", "人次", "人", "位", "户", "条", "台套", "台", "辆", "架", "艘", "件", "项", "次", "届",
    "期", "批", "款", "套", "颗", "块", "张", "篇", "部", "本", "只", "头", "根", "座", "栋", "所", "场", "间", "层",
    "道", "笔", "份", "支", "例", "粒", "棵", "株", "种", "倍", "成", "级", "类", "组", "号",
    "年", "载", "周年", "岁", "季度", "月", "周", "日", "天", "小时", "分钟", "秒",
    "吨", "千克", "公斤", "克", "米", "千米", "公里", "厘米", "毫米", "平方米", "平方公里", "平方千米", "立方米", "亩",
    "公顷", "度", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "伏", "摄氏度", "兆帕",
)
# Units that are one unit written two ways: compared by the second.
SAME_UNIT = {"载": "年", "周年": "年", "°C": "摄氏度", "℃": "摄氏度", "公斤": "千克", "千米": "公里",
             "平方千米": "平方公里"}
_TIME_UNITS = frozenset(("年", "载", "个月", "月", "周", "天", "日", "小时", "分钟", "秒", "岁"))

# Words right before a number and the qualifier they give it (None: a word that only looks like one, 最近).
_BEFORE: dict[str, str | None] = {
    "大于等于": "at-least", "小于等于": "at-most", "不低于": "at-least", "不少于": "at-least", "至少": "at-least",
    "最少": "at-least", "不超过": "at-most", "不高于": "at-most", "不多于": "at-most", "不到": "at-most",
    "少于": "at-most", "低于": "at-most", "小于": "at-most", "最多": "at-most", "至多": "at-most",
    "超过": "more-than", "超出": "more-than", "突破": "more-than", "多于": "more-than", "高于": "more-than",
    "大于": "more-than", "超": "more-than", "逾": "more-than", "大约": "about", "约为": "about", "大概": "about",
    "约": "about", "接近": "nearly", "将近": "nearly", "逼近": "nearly", "近": "nearly",
    "最近": None, "附近": None, "临近": None, "靠近": None, "≥": "at-least", "≤": "at-most", ">": "more-than",
    "<": "at-most",
}
_BEFORE_BY_LAST: dict[str, list[str]] = {}  # last character -> the words ending with it, longest first
for _word in sorted(_BEFORE, key=len, reverse=True):
    _BEFORE_BY_LAST.setdefault(_word[-1], []).append(_word)
_AFTER = {"以上": "at-least", "以下": "at-most", "以内": "at-most", "左右": "about", "多": "more-than",
          "余": "more-than"}
_AFTER_FIRST = frozenset(word[0] for word in _AFTER)
_FALLS = ("下降", "下滑", "回落", "减少")  # before a percentage: a fall, read as a negative value
_RANGE = frozenset(("至", "到", "-", "~", "—", "–"))
# A lone 一 (or 十, 百, 千, 万, 亿) is a count only before a measure word, and not in these words.
_WORDS_NOT_COUNTS = ("一种", "一批", "一道", "一度", "一份", "千家万户")
_NOT_BEFORE_ONE = frozenset("之统唯同单划万进新下每")  # 之一, 统一, 唯一, 进一步, 新一代, 下一步 ...
_LONGEST_RUN = 12  # Chinese numerals; digits past 30 are no amount a fact states either
_LONGEST_DIGITS = 30

# A lone 一十百千万亿 is looked at only after 第, 数, 几 or a qualifier's last character, or before the first
# character of a measure word (LONE_BEFORE, filled in per reader): most of them are words, not numbers.
_TOKEN_PATTERN = (
    r"(?P<digits>[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?)"
    r"|(?P<doubling>翻[一两三]?番)"
    r"|(?P<han>[零〇二两三四五六七八九][零〇一二两三四五六七八九十百千万亿]*"
    r"|[一十百千万亿](?:[零〇一二两三四五六七八九十百千万亿]+|(?=[LONE_BEFORE]))"
    r"|(?<=[第数几LONE_AFTER])[一十百千万亿])"
    r"|(?P<pair>双)(?=[一二两三四五六七八九十百千万亿0-9])"
)
_DIGIT_TAIL = re.compile(rf"(多|余)?({_SCALE_PATTERN}|[十百千](?![米克瓦]))?(多|余)?")
_TAIL_FIRST = frozenset("多余十百千万亿")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CODE_NEIGHBOURS = _LETTERS | {"+"}  # before digits: they are part of a code
_CODE_AFTER = frozenset("-0123456789")  # after digits and letters: a code too
_LATIN = re.compile(r"[A-Za-z]+")


class Number:
    """One number of a text: its value as written, qualifier, unit, and where it is (offsets into the text).

    `line`, `section`, `sentence` (offsets) and `cues` (the outlook words before it in its sentence) are
    filled in by the article that holds it.
    """

    __slots__ = ("base", "bound", "cues", "end", "kind", "line", "max_places", "places", "qualifier", "scale",
                 "section", "sentence", "start", "unit", "value", "value_max", "written_from")

    def __init__(self, value: Decimal, *, start: int, end: int, written_from: int, unit: str = "", measure: str = "",
                 scale: int = 1, qualifier: str | None = None, bound: str | None = None,
                 value_max: Decimal | None = None, kind: str = "amount", places: int = 0) -> None:
        self.value, self.value_max = value, value_max
        self.unit, self.scale = unit, scale
        self.base = same_unit(measure)  # the unit without its scale: 台 of 万台
        self.qualifier, self.bound, self.kind = qualifier, bound, kind
        self.start, self.end, self.written_from = start, end, written_from
        self.places = places  # how many decimals it is written with
        self.max_places = 0 if value_max is None else decimals(value_max)
        self.line = 0
        self.section = ""
        self.sentence = (start, end)
        self.cues: tuple[str, ...] = ()

    @property
    def magnitude(self) -> Decimal:
        return self.value * self.scale

    @property
    def max_magnitude(self) -> Decimal | None:
        return None if self.value_max is None else self.value_max * self.scale

    def accepts(self, qualifier: str | None) -> bool:
        """Whether a dataset's qualifier says what the words do (超五百亿级 is a class, and more than it)."""
        return qualifier == self.qualifier or (qualifier is not None and qualifier == self.bound)

    def __repr__(self) -> str:
        shown = f"{self.value}" if self.value_max is None else f"{self.value}-{self.value_max}"
        return f"<Number {shown}{self.unit} {self.qualifier or ''}>"


def same_unit(unit: str) -> str:
    return SAME_UNIT.get(unit, unit)


def _scale_prefix(unit: str) -> str:
    for prefix in SCALES:
        if unit.startswith(prefix) and len(unit) >= len(prefix):
            return prefix
    return ""


def split_unit(unit: str) -> tuple[int, str]:
    """A dataset's unit as (scale, plain unit): 万吨 is (10000, 吨), 亿元 (10**8, 元), 分钟/台 (1, 分钟)."""
    unit = unit.split("/")[0].strip()
    prefix = _scale_prefix(unit)
    return (SCALES[prefix] if prefix else 1), same_unit(unit[len(prefix):])


def units_agree(ours: str, theirs: str) -> bool:
    """Two plain units say the same, or one of them is not given (a bare 第一, 四通道, 千亿级)."""
    return not ours or not theirs or ours == theirs


@cache
def _patterns(extra: frozenset[str]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """The token pattern of a reader knowing the units `extra` too, and its units by first character
    (longest first)."""
    words = sorted({*MEASURES, *extra}, key=len, reverse=True)
    by_first: dict[str, tuple[str, ...]] = {}
    for word in words:
        by_first[word[0]] = (*by_first.get(word[0], ()), word)
    lone_before = re.escape("".join(sorted(by_first)))
    lone_after = re.escape("".join(sorted({word[-1] for word in _BEFORE})))
    token = _TOKEN_PATTERN.replace("LONE_BEFORE", lone_before).replace("LONE_AFTER", lone_after)
    return re.compile(token), by_first


class Reader:
    """Reads the numbers of a text, knowing the units of `MEASURES` and of a dataset (`extra`)."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        self._token, self._units = _patterns(frozenset(unit for unit in extra if unit and not unit.isascii()))

    def unit_at(self, text: str, position: int) -> str:
        """The measure word or unit that starts at `position`, or ""."""
        for word in self._units.get(text[position:position + 1], ()):
            if text.startswith(word, position):
                return word
        return ""

    def read(self, text: str) -> list[Number]:
        """Every number of `text` (already NFKC-normalised), in order."""
        found: list[Number] = []
        position = 0
        search = self._token.search
        while True:
            match = search(text, position)
            if match is None:
                break
            kind = match.lastgroup
            if kind == "digits":
                number, position = self._digits(text, match)
            elif kind == "han":
                number, position = self._han(text, match)
            elif kind == "doubling":
                times = {"": 2, "一": 2, "两": 4, "三": 8}[match.group()[1:-1]]
                number, position = Number(Decimal(times), start=match.start(), end=match.end(),
                                          written_from=match.start(), unit="倍", measure="倍"), match.end()
            else:
                number, position = Number(Decimal(2), start=match.start(), end=match.end(),
                                          written_from=match.start()), match.end()
            if number is not None:
                found.append(number)
        return _ranges(text, found)

    def _digits(self, text: str, match: re.Match[str]) -> tuple[Number | None, int]:
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end:end + 1]
        if before in _CODE_NEIGHBOURS or after == "+" or after == "版" \
                or (before == "-" and start > 1 and text[start - 2].isascii() and text[start - 2].isalnum()):
            return None, end  # a code: G60, HGT51F, 3+2+X, 2.0版, SR-71
        if after in _LETTERS:
            latin = _LATIN.match(text, end)
            assert latin is not None
            if text[latin.end():latin.end() + 1] in _CODE_AFTER:
                return None, latin.end()  # 675SR-R
        digits = match.group()
        if "," in digits:
            digits = digits.replace(",", "")
        if len(digits) > _LONGEST_DIGITS:
            return None, end
        value = Decimal(digits)
        more, scale_text, scale, finish = False, "", 1, end
        if text[end:end + 1] in _TAIL_FIRST:
            tail = _DIGIT_TAIL.match(text, end)
            assert tail is not None
            more, scale_text, finish = bool(tail.group(1) or tail.group(3)), tail.group(2) or "", tail.end()
        if scale_text in _SMALL:
            value *= _SMALL[scale_text]
            scale_text = ""
        elif scale_text:
            scale = _scale_value(scale_text)
        if before and before in "-−" and not (start > 1 and (text[start - 2].isalnum() or text[start - 2] in "%‰")):
            value = -value
        year_like = len(digits) == 4 and not scale_text
        return self._finish(text, value, start, finish, scale_text, scale, more, year_like,
                            decimals(value) if "." in digits else 0)

    def _han(self, text: str, match: re.Match[str]) -> tuple[Number | None, int]:
        start, end = match.span()
        run = match.group()
        if len(run) > _LONGEST_RUN:
            return None, end
        before = text[start - 1] if start else ""
        after = text[end:end + 2]
        if run[0] in "零〇" and not _digit_by_digit(run, after):
            return None, end  # 零部件
        if before and before in "数几" and run[0] in "十百千万亿":  # 数百: several hundred, an order, not a count
            parsed = _han_value(run)
            if parsed is None:
                return None, end
            value, scale_text = parsed
            number, position = self._finish(text, Decimal(value), start - 1, end, scale_text,
                                            _scale_value(scale_text), False, False)
            if number is not None:
                number.qualifier = "several"
            return number, position
        if _digit_by_digit(run, after):
            return self._finish(text, Decimal(int("".join(str(HAN_DIGITS[c]) for c in run))), start, end, "", 1,
                                False, True)
        if len(run) == 1 and run in "一十百千万亿" and before != "第":
            if run == "一" and (before in _NOT_BEFORE_ONE or (len(after) == 2 and after[0] == after[1])):
                return None, end  # 之一, 进一步, 一粒粒
            if any(text.startswith(word, start) for word in _WORDS_NOT_COUNTS) or not self.unit_at(text, end):
                return None, end  # a lone 一 is a count only before a measure word: 一方面, 一流 are words
        parsed = _han_value(run)
        if parsed is None:
            return None, end  # 十三五: a name, not a number
        value, scale_text = parsed
        return self._finish(text, Decimal(value), start, end, scale_text, _scale_value(scale_text), False, False)

    def _finish(self, text: str, value: Decimal, start: int, end: int, scale_text: str, scale: int, more: bool,
                year_like: bool, places: int = 0) -> tuple[Number | None, int]:
        """The rest of a number: class band, unit, the qualifier words on either side, its kind."""
        position = end
        qualifier = "more-than" if more else None
        written_from = start
        ordinal = start > 0 and text[start - 1] == "第"
        if ordinal:
            written_from -= 1
        bound: str | None = None
        for word in _BEFORE_BY_LAST.get(text[written_from - 1], ()) if written_from else ():
            if text.endswith(word, 0, written_from):
                bound = _BEFORE[word]
                if bound is not None:
                    written_from -= len(word)
                break
        percent_of = text.endswith("百分之", 0, start)
        if percent_of:
            written_from -= 3
        unit = scale_text
        if scale_text and text.startswith("级", position):  # 千亿级: a size band
            position += 1
            qualifier = "class"
        else:
            spaced = text[position:position + 1] == " "
            found = self.unit_at(text, position + spaced)
            if found:
                unit += found
                position += spaced + len(found)
            elif percent_of:
                unit = "%"
            elif text[position + spaced:position + spaced + 1] in _LETTERS:
                latin = _LATIN.match(text, position + spaced)
                if latin is not None and text[latin.end():latin.end() + 1] not in _CODE_AFTER:
                    unit += latin.group()
                    position = latin.end()
        measure = unit[len(scale_text):]
        for word, meaning in _AFTER.items() if text[position:position + 1] in _AFTER_FIRST else ():
            if text.startswith(word, position):
                next_char = text[position + 1:position + 2]
                if word in "多余" and not (measure in _TIME_UNITS or next_char in "的,。、;!? \n"):
                    continue
                qualifier = qualifier or meaning
                position += len(word)
                break
        if qualifier is None:
            qualifier, bound = bound, None
        elif qualifier == bound:
            bound = None
        if measure == "%" and written_from > 1 and text[written_from - 2:written_from] in _FALLS:
            value = -value
        kind = "ordinal" if ordinal else "amount"
        if (year_like and not ordinal and qualifier is None and measure in ("年", "")
                and value == value.to_integral_value() and 1900 <= value <= 2100):
            kind = "year"
        return Number(value, start=start, end=position, written_from=written_from, unit=unit, measure=measure,
                      scale=scale, qualifier=qualifier, bound=bound, kind=kind, places=places), position


def _scale_value(scale_text: str) -> int:
    if not scale_text:
        return 1
    if scale_text in SCALES:
        return SCALES[scale_text]
    return _SMALL[scale_text[0]] * SCALES[scale_text[1:]]


def _digit_by_digit(run: str, after: str) -> bool:
    """二〇二四年: a year written digit by digit."""
    return len(run) == 4 and all(char in HAN_DIGITS for char in run) and after[:1] == "年"


def _small(run: str) -> int | None:
    """A Chinese numeral below 万 (三十 = 30, 十 = 10, 一百零五 = 105), or None if it is no number (十三五)."""
    total, digit, last = 0, None, 10_000
    for char in run:
        if char in HAN_DIGITS:
            if digit is not None:
                return None
            if HAN_DIGITS[char]:
                digit = HAN_DIGITS[char]
        else:
            size = _SMALL.get(char, 0)
            if not size or size >= last:
                return None
            total += (1 if digit is None else digit) * size
            digit, last = None, size
    return total + (digit or 0)


def _han_value(run: str) -> tuple[int, str] | None:
    """(value, scale) of a run: 三千亿 is (3000, 亿), 十万 (10, 万), 两万三千 (23000, ""); None if no number."""
    for scale in ("万亿", "亿", "万"):
        if run.endswith(scale):
            head = run[:-len(scale)]
            if "万" not in head and "亿" not in head:
                value = _small(head) if head else 1
                return None if value is None else (value, scale)
            break
    total = 0
    rest = run
    for scale, size in (("亿", 10**8), ("万", 10**4)):
        if scale in rest:
            head, rest = rest.split(scale, 1)
            value = _small(head) if head else 1
            if value is None:
                return None
            total += value * size
    value = _small(rest) if rest else 0
    return None if value is None else (total + value, "")


def _ranges(text: str, numbers: list[Number]) -> list[Number]:
    """3至5个, 20%-30%, 10万至20万元: two numbers joined by a range word become one, value to value_max."""
    merged: list[Number] = []
    for number in numbers:
        last = merged[-1] if merged else None
        if (last is not None and last.value_max is None and number.value_max is None and last.qualifier is None
                and number.qualifier is None and last.kind == number.kind != "ordinal"
                and text[last.end:number.written_from] in _RANGE
                and (not last.unit or last.unit == number.unit) and last.value <= number.value):
            last.value_max, last.qualifier, last.max_places = number.value, "range", number.places
            last.unit, last.scale, last.base, last.end = number.unit, number.scale, number.base, number.end
            continue
        merged.append(number)
    return merged


def to_decimal(value: int | float) -> Decimal:
    """A dataset's number as written: 16.0 keeps its one decimal, 1175.09 its two."""
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # inf or nan cannot be in a checked dataset; read them as no number
        return Decimal(0)


def decimals(value: Decimal) -> int:
    """How many decimals a number is written with: 16.0 has one, 1175.09 two, 810 none."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def plain_number(value: Decimal) -> int | float:
    """A Decimal as JSON carries it: whole numbers as integers, others as floats (16.0 stays 16.0)."""
    return int(value) if decimals(value) == 0 else float(value)
