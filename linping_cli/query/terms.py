"""A query or a question reduced to what it asks about: its terms, its years, whether it asks for growth.

Chinese has no spaces, so a run of Chinese is split against the dataset's own vocabulary
(names, aliases, tags, the [[synonym]] groups) and the filler below; what is left is kept
as it is, or, where the dataset holds no such text, as its longest pieces the dataset does
hold. Question words, filler and the region's own name are dropped while anything else is
left. The words here are the languages' own (question words, particles); what a region
calls its measures is data, in the dataset's [[synonym]] tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from linping_cli.model.text import CJK_RANGES


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Question words and particles: dropped.
CHINESE_FILLER = _listed(
    "多少 几 几个 几家 几项 几名 几件 是什么 什么 哪些 哪个 哪家 哪里 哪儿 哪一年 有 "
    "有没有 是 的 了 吗 呢 请问 一下 一共 总共 共 多大 多高 多长 多久 怎么样 如何 情况 "
    "目前 现在 现有 拥有 为 达到 达 约 大约 年 在 全区 全年 去年 今年 是多少 多 啥 吧 "
    "告诉我 我 想知道 知道 和 与 及 总数 呀 啊 能 可以 其 它 他们 它们 里 中 上 对 "
    "每年 年度 年份 几月 几月份 什么时候 何时 开 开放 哪一个 多久 多少钱 怎样 到底 具体 "
    "一年")
ENGLISH_FILLER = _listed(
    "what whats which who whom how many much is are was were be been being does do did the a an of in on "
    "for to by at has have had there its it tell me about please give show list find me my i we you that "
    "this these those and or with from as all any some can could would will should get got so far than "
    "into")
# Words that help when they match but do not count against an entry when they do not.
WEAK_WORDS = _listed(
    "year years annual annually yearly per each every total number amount figure value now currently "
    "current overall district level count rate rates size big large high new one single "
    "个 条 台 件 家 名 位 项 座 届 人 数量 规模")
# Words that ask for a growth rate rather than a level.
GROWTH_WORDS = _listed(
    "增长 增速 增幅 增长率 同比 同比增长 增加 增长了 上涨 涨 提高 提升 增长多少 "
    "growth grow grew grown growing increase increased rise rose risen yoy year-on-year percent fast faster quickly")

_LATIN_KEEP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+&-.'")
_MAX_WORD = 16  # the longest piece a run of Chinese is split into
_MAX_RUN = 64  # a longer run is no question: it is searched as it is


class Term:
    """One thing a query asks about, and the forms it may be found by (each with a weight factor)."""

    __slots__ = ("forms", "number", "text", "weak")

    def __init__(self, text: str, *, weak: bool = False) -> None:
        self.text = text
        self.weak = weak
        self.forms: dict[str, float] = {text: 1.0}
        self.number: float | None = _number(text)

    @property
    def year(self) -> int | None:
        number = self.number
        return int(number) if number is not None and number.is_integer() and 1900 <= number <= 2100 else None

    def __repr__(self) -> str:
        return f"Term({self.text!r}{', weak' if self.weak else ''})"


class Parsed:
    """A query reduced: its terms, and whether it asks for growth."""

    __slots__ = ("growth", "phrase", "terms")

    def __init__(self, phrase: str, terms: list[Term], growth: bool) -> None:
        self.phrase, self.terms, self.growth = phrase, terms, growth

    @property
    def years(self) -> list[int]:
        return [year for term in self.terms if (year := term.year) is not None]


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in CJK_RANGES)


def parse(query: str, *, known: Callable[[str], bool], found: Callable[[str], bool],
          synonyms: Iterable[list[str]], region_names: Iterable[str]) -> Parsed:
    """`query` (normalised, Simplified) as terms.

    known(w): w is a whole name, alias or tag; found(w): w appears anywhere in the dataset's text.
    """
    groups: dict[str, list[str]] = {}
    for group in synonyms:
        for word in group:
            groups.setdefault(word, []).extend(t for t in group if t != word)
    region = frozenset(region_names)
    pieces: list[str] = []
    for run, cjk in _runs(query):
        if cjk:
            pieces += _split_chinese(run, lambda w: w in CHINESE_FILLER or w in GROWTH_WORDS or w in WEAK_WORDS
                                     or w in groups or w in region or known(w), found)
        else:
            pieces += _merge_phrases(_latin_words(run), groups)
    growth = any(piece in GROWTH_WORDS for piece in pieces)
    kept = [p for p in pieces if p not in CHINESE_FILLER and p not in ENGLISH_FILLER and p not in GROWTH_WORDS]
    if kept and any(p not in region for p in kept):
        kept = [p for p in kept if p not in region]
    if not kept:  # nothing but filler: search for what was typed
        kept = pieces or [query]
    terms = []
    for text in dict.fromkeys(kept):
        term = Term(text, weak=text in WEAK_WORDS and len(kept) > 1)
        for other in groups.get(text, ()):
            term.forms.setdefault(other, 0.9)
        for stem in _stems(text):
            term.forms.setdefault(stem, 0.95)
        terms.append(term)
    return Parsed(query, terms, growth)


def _number(text: str) -> float | None:
    if not text or not text[0].isdigit():
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _runs(query: str) -> list[tuple[str, bool]]:
    """The query as runs of Chinese and of anything else."""
    runs: list[tuple[str, bool]] = []
    for char in query:
        cjk = is_cjk(char)
        if runs and runs[-1][1] == cjk:
            runs[-1] = (runs[-1][0] + char, cjk)
        else:
            runs.append((char, cjk))
    return runs


def _latin_words(run: str) -> list[str]:
    """A run of Latin text as its words: 'hgt51f', '3+2+x', 'r&d' and '675sr-r' stay whole; 'gdp2024' is two."""
    words = []
    cleaned = "".join(char if char in _LATIN_KEEP else " " for char in run.replace("’", "'"))
    for raw in cleaned.split():
        word = raw.strip(".-'")
        if word.endswith("'s"):
            word = word[:-2]
        word = word.replace("'", "")
        if not word:
            continue
        head = word.rstrip("0123456789")
        if head and head.isalpha() and len(word) - len(head) == 4 and _number(word[len(head):]) is not None \
                and 1900 <= int(word[len(head):]) <= 2100:
            words += [head, word[len(head):]]  # gdp2024: a measure and a year
        else:
            words.append(word)
    return words


def _merge_phrases(words: list[str], groups: dict[str, list[str]]) -> list[str]:
    """Words joined where they spell a synonym of several words ('gross regional product')."""
    merged, at = [], 0
    while at < len(words):
        for size in range(min(4, len(words) - at), 1, -1):
            phrase = " ".join(words[at:at + size])
            if phrase in groups:
                merged.append(phrase)
                at += size
                break
        else:
            merged.append(words[at])
            at += 1
    return merged


def _split_chinese(run: str, known: Callable[[str], bool], found: Callable[[str], bool]) -> list[str]:
    """A run of Chinese as the fewest known words, unknown stretches kept together."""
    if known(run) or len(run) > _MAX_RUN:
        return [run]
    length = len(run)
    # best[i]: (pieces, unknown characters) for run[:i], and where its last piece starts.
    best: list[tuple[tuple[int, int], int, bool]] = [((0, 0), 0, True)] + [((10**6, 0), 0, False)] * length
    for end in range(1, length + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            word = run[start:end]
            is_known = known(word)
            if not is_known and end - start > 1:
                continue
            (count, unknown), _, _ = best[start]
            cost = (count + 1, unknown + (0 if is_known else 1))
            if cost < best[end][0]:
                best[end] = (cost, start, is_known)
    words: list[tuple[str, bool]] = []
    end = length
    while end > 0:
        _, start, is_known = best[end]
        words.append((run[start:end], is_known))
        end = start
    words.reverse()
    # A lone unknown character is more likely part of a word with its one-character neighbours
    # (人口 is not 人 and 口) than a word of its own.
    for at, (word, is_known) in enumerate(words):
        if not is_known and len(word) == 1:
            for near in (at - 1, at + 1):
                if 0 <= near < len(words) and len(words[near][0]) == 1:
                    words[near] = (words[near][0], False)
    pieces: list[str] = []
    stretch = ""
    for word, is_known in [*words, ("", True)]:
        if not is_known:
            stretch += word
            continue
        if stretch:
            pieces += _found_pieces(stretch, found)
            stretch = ""
        if word:
            pieces.append(word)
    return pieces


def _found_pieces(stretch: str, found: Callable[[str], bool]) -> list[str]:
    """An unknown stretch as is if the dataset holds it, else as the longest pieces it holds, left to right.

    A piece grows while the dataset still holds it (what holds a longer text holds its parts),
    so this asks about each character a few times at most. Single characters left over are fragments.
    """
    if len(stretch) < 2 or found(stretch):
        return [stretch] if stretch else []
    pieces, at = [], 0
    while at < len(stretch) - 1:
        end = at + 1
        while end < len(stretch) and found(stretch[at:end + 1]):
            end += 1
        if end - at > 1:
            pieces.append(stretch[at:end])
            at = end
        else:
            at += 1
    return pieces or [stretch]


def _stems(word: str) -> list[str]:
    """English plural forms taken back to the singular, so 'elevators' finds 'elevator' and 'universities'."""
    if not word.isascii() or not word.isalpha() or len(word) < 4:
        return []
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("s") and not word.endswith("ss"):
        return [word[:-1]]
    return []
