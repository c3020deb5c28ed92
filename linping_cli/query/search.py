"""Search: rank the entries the index finds for a query, best first.

  0 id or full Chinese name, exactly
  1 an alias, the English name, or the full pinyin, exactly
  2 the start of a name, alias or pinyin
  3 a word or substring of a name, alias or tag, or pinyin by syllable prefixes ("xadt" finds 西奥电梯)
  4 the summary, note, key figures, a person's role or statements
  5 a Latin word within a small edit distance of a name's word (typos), when nothing else matched
Ties fall back to region and id, so the order never changes between runs. Queries
are literal text; only queries of Latin letters, digits and spaces are also matched
word by word, by pinyin syllables, and by near misses.
"""

from collections.abc import Callable, Iterable

from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry
from linping_cli.store.dataset import Dataset
from linping_cli.store.index import SearchIndex
from linping_cli.store.layout import ENTRY, FIELD, field_start, normalize, whole_field, whole_word, word_start

MAX_PINYIN_QUERY = 60
# A set rather than a pattern, which would be compiled afresh at every start.
_LATIN = frozenset("0123456789abcdefghijklmnopqrstuvwxyz ")


def referrers(dataset: Dataset, entry: Entry) -> list[Entry]:
    """Entries of the same region that name this one in a reference field, in dataset order."""
    positions = sorted(dataset.search_index.find("refs", whole_field(entry.id)))
    return [dataset.record(p) for p in positions if dataset.region_of(p) == entry.region]


def search(dataset: Dataset, query: str, *, types: Iterable[str] = (),
           limit: int | None = None) -> list[tuple[int, Entry]]:
    """(rank, entry) pairs for every entry matching `query`, best first; at most `limit` of them."""
    q = normalize(query)
    if not q:
        raise UserError("the query is empty: give some text to search for")
    if FIELD in q or ENTRY in q:
        return []  # the index's own separators: no name holds them
    index: SearchIndex = dataset.search_index
    wanted = set(types)
    kinds = dataset.types
    latin = _LATIN.issuperset(q)
    q_words = q.split() if latin else []  # a Latin query's words are its runs of [0-9a-z]
    # Pinyin is compared run together, so "xi ao", "xiao", "2024 nian" and "675sr-r" all work.
    pinyin = q.replace(" ", "").replace("-", "") if q.isascii() else ""
    tiers: tuple[Callable[[], set[int]], ...] = (
        lambda: index.find("exact", whole_field(q)),
        lambda: index.find("alias", whole_field(q)) | (
            index.find("alias", whole_field(pinyin)) if pinyin else set()),
        lambda: _names(index, field_start(q)) | (index.find("pinyin", field_start(pinyin)) if pinyin else set()),
        lambda: _names(index, q) | index.find_words("words", q_words) | _syllable_hits(index, pinyin),
        lambda: index.find("text", q) | index.find_words("text_words", q_words),
    )
    ranks: dict[int, int] = {}
    for rank, tier in enumerate(tiers):
        for position in tier():
            if position not in ranks and (not wanted or kinds[position] in wanted):
                ranks[position] = rank
        if limit is not None and len(ranks) >= limit:
            break  # lower ranks could not make the cut
    if not ranks and latin:
        ranks = {p: 5 for p in _fuzzy(index, q_words) if not wanted or kinds[p] in wanted}
    order = sorted(ranks, key=lambda p: (ranks[p], dataset.region_of(p), dataset.id_of(p)))
    return [(ranks[p], dataset.record(p)) for p in order[:limit]]


def _names(index: SearchIndex, needle: str) -> set[int]:
    """Entries with `needle` in their id or name, an alias or English name or pinyin, or a tag."""
    return index.find("exact", needle) | index.find("alias", needle) | index.find("tags", needle)


def _syllable_hits(index: SearchIndex, pinyin: str) -> set[int]:
    """Entries whose pinyin has a run of syllables that `pinyin` spells by prefixes."""
    if not pinyin.isalpha() or not 2 <= len(pinyin) <= MAX_PINYIN_QUERY:
        return set()
    # The first two letters either start one syllable or are two syllables' initials.
    candidates = (index.find("syllables", field_start(pinyin[:2])) | index.find("syllables", word_start(pinyin[:2]))
                  | index.find("initials", pinyin[:2]))
    return {p for p in candidates
            if any(_syllable_prefixes(pinyin, s.split(" ")) for s in index.segment("syllables", p).split(FIELD))}


def _syllable_prefixes(query: str, syllables: list[str]) -> bool:
    """Whether `query` spells a run of consecutive syllables, each by a non-empty prefix."""

    def from_here(pos: int, at: int) -> bool:
        if pos == len(query):
            return True
        if at == len(syllables):
            return False
        syllable = syllables[at]
        for length in range(min(len(syllable), len(query) - pos), 0, -1):
            if query.startswith(syllable[:length], pos) and from_here(pos + length, at + 1):
                return True
        return False

    return any(syllables[start][:1] == query[:1] and from_here(0, start) for start in range(len(syllables)))


def _fuzzy(index: SearchIndex, q_words: list[str]) -> set[int]:
    """Entries where every query word is a near miss of one of the entry's name words or pinyin."""
    # Only words of letters: a number one digit away from another is a different number.
    if not q_words or any(len(w) < 4 or not w.isalpha() for w in q_words):
        return set()
    vocabulary = set(index.tokens("words", None)) | set(index.tokens("pinyin", FIELD))
    found: set[int] | None = None
    for word in q_words:
        limit = 1 if len(word) < 7 else 2
        near: set[int] = set()
        for candidate in vocabulary:
            if abs(len(candidate) - len(word)) <= limit and _within(word, candidate, limit):
                near |= index.find("words", whole_word(candidate)) | index.find("pinyin", whole_field(candidate))
        found = near if found is None else found & near
    return found or set()


def _within(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most `limit` edits apart (insert, delete, substitute, swap)."""
    if a == b:
        return True
    before_previous: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before_previous is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        if min(current) > limit:
            return False
        before_previous, previous = previous, current
    return previous[-1] <= limit
