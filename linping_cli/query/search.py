"""Search: rank entries by how well they match a query, best first.

A query is first reduced to its terms (`terms.parse`: question words and filler dropped,
Chinese split against the dataset's vocabulary, synonyms from its [[synonym]] tables).
Each term scores each entry by the best field it matches (see WEIGHTS): the id or name
whole, then an alias, the English name or the pinyin, a field's start, a tag, a word, a
part of a name, then the summaries and key figures; a number also matches the entry's
values and a year its year. Entries are ordered by how many of the query's terms they
match (the whole query found in a name counts as all), then by the sum of the terms'
scores, then by region and id, so the order never changes between runs. A Latin word
that matches nothing at all is matched by near misses: one edit (a swap is one) in a word
of up to eight letters, two in a longer one.
"""

from __future__ import annotations

from collections.abc import Iterable

from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry
from linping_cli.query.terms import Parsed, Term, is_cjk, parse
from linping_cli.store.dataset import Dataset
from linping_cli.store.index import SearchIndex
from linping_cli.store.layout import (
    ENTRY,
    FIELD,
    field_start,
    named,
    normalize,
    spelled,
    whole_field,
    whole_word,
)

MAX_PINYIN_QUERY = 60
MAX_DECODED = 5000  # candidates whose records are read to match a number against their values and years
_WORD_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_PLAIN = _WORD_CHARS | {" ", "-"}
_NAME_KINDS = ("exact", "alias", "tags")
# How much a term earns for each kind of match.
EXACT, ALIAS, START, PINYIN_START, PHRASE, NAME_PART, WORD, TAG, WORD_PREFIX, SYLLABLES = (
    100, 90, 75, 70, 68, 62, 60, 58, 50, 50)
TAG_PART, LATIN_PART, VALUE, YEAR, TEXT_WORD, TEXT, PHRASE_FLOOR, NEAR_MISS = 45, 45, 45, 40, 25, 20, 45, 0.5


class Hit:
    """One entry a query found: how many of its terms it matches, and how well."""

    __slots__ = ("covered", "position", "score")

    def __init__(self, position: int, covered: int, score: float) -> None:
        self.position, self.covered, self.score = position, covered, score


def referrers(dataset: Dataset, entry: Entry) -> list[Entry]:
    """Entries of the same region that name this one in a reference field, in dataset order: each read
    only as far as it is asked (a hub is named by thousands)."""
    return dataset.heads(referrer_positions(dataset, entry.region, entry.id))


def referrer_positions(dataset: Dataset, region: str | None, entry_id: str) -> list[int]:
    """Where the entries of `region` that name `entry_id` in a reference field are, in dataset order."""
    return [p for p in sorted(dataset.search_index.find("refs", named(entry_id))) if dataset.region_of(p) == region]


def search(dataset: Dataset, query: str, *, types: Iterable[str] = (),
           limit: int | None = None) -> list[tuple[tuple[int, float], Entry]]:
    """(rank, entry) pairs for every entry matching `query`, best first; at most `limit` of them.

    A rank is (terms not matched, -score): the lower, the better.
    """
    parsed = parse_query(dataset, query)
    hits = rank(dataset, parsed, types)
    terms = sum(not term.weak for term in parsed.terms) or len(parsed.terms)
    return [((terms - hit.covered, -hit.score), dataset.record(hit.position)) for hit in hits[:limit]]


def parse_query(dataset: Dataset, query: str) -> Parsed:
    """The query normalised, its Traditional characters made Simplified, reduced to terms."""
    q = normalize(query)
    if not q:
        raise UserError("the query is empty: give some text to search for")
    index = dataset.search_index
    simple = q if q.isascii() else _simplified(index, q)

    def known(word: str) -> bool:
        return any(index.contains(kind, whole_field(word)) for kind in _NAME_KINDS)

    def found(word: str) -> bool:
        return any(index.contains(kind, word) for kind in (*_NAME_KINDS, "text"))

    return parse(simple, known=known, found=found, synonyms=dataset.synonyms, region_names=_region_names(dataset))


def score_terms(dataset: Dataset, parsed: Parsed) -> list[dict[int, float]]:
    """For each term of the query, the entries it matches and how well."""
    if FIELD in parsed.phrase or ENTRY in parsed.phrase:
        return [{} for _ in parsed.terms]  # the index's own separators: no name holds them
    index = dataset.search_index
    scored = [term_hits(index, term) for term in parsed.terms]
    _match_numbers(dataset, parsed.terms, scored)
    for term, hits in zip(parsed.terms, scored, strict=True):
        if not hits:
            hits.update(_near_misses(index, term))
    return scored


def rank(dataset: Dataset, parsed: Parsed, types: Iterable[str] = (),
         scored: list[dict[int, float]] | None = None) -> list[Hit]:
    """Every entry matching the parsed query, best first (`scored`: its terms' scores, if worked out already)."""
    if FIELD in parsed.phrase or ENTRY in parsed.phrase:
        return []  # the index's own separators: no name holds them
    index = dataset.search_index
    terms = parsed.terms
    scored = score_terms(dataset, parsed) if scored is None else scored
    phrase = _form_hits(index, parsed.phrase) if [t.text for t in terms] != [parsed.phrase] else {}
    strong = [hits for term, hits in zip(terms, scored, strict=True) if not term.weak] or scored
    wanted, kinds = set(types), dataset.types
    found: list[Hit] = []
    for position in set(phrase).union(*scored):
        if wanted and kinds[position] not in wanted:
            continue
        covered = sum(position in hits for hits in strong)
        score = sum(hits.get(position, 0.0) for hits in scored)
        whole = phrase.get(position, 0.0)
        if whole >= PHRASE_FLOOR:
            covered, score = len(strong), score + 2 * whole
        if covered:
            found.append(Hit(position, covered, round(score, 3)))
    found.sort(key=lambda h: (-h.covered, -h.score, dataset.region_of(h.position), dataset.id_of(h.position)))
    return found


def term_hits(index: SearchIndex, term: Term) -> dict[int, float]:
    """The entries a term matches in any of its forms, each with its best score."""
    hits: dict[int, float] = {}
    for form, factor in term.forms.items():
        for position, weight in _form_hits(index, form, loose=form == term.text).items():
            if weight * factor > hits.get(position, 0.0):
                hits[position] = weight * factor
    return hits


def _form_hits(index: SearchIndex, form: str, *, loose: bool = True) -> dict[int, float]:
    """The entries one written form matches, each with the score of its best field.

    Only a `loose` form (as typed, not a synonym) matches by word prefixes and parts of names.
    """
    hits: dict[int, float] = {}

    def put(positions: Iterable[int], weight: float) -> None:
        for position in positions:
            if weight > hits.get(position, 0.0):
                hits[position] = weight

    put(index.find("exact", whole_field(form)), EXACT)
    put(index.find("alias", whole_field(form)), ALIAS)
    put(index.find("exact", field_start(form)) | index.find("alias", field_start(form)), START)
    put(index.find("tags", whole_field(form)), TAG)
    if not form.isascii():
        put(index.find("exact", form) | index.find("alias", form), NAME_PART)
        put(index.find("tags", form), TAG_PART)
        put(index.find("text", form), TEXT)
        return hits
    # Pinyin is compared run together, so "xi ao", "xiao", "2024 nian" and "675sr-r" all work.
    compact = form.replace(" ", "").replace("-", "")
    if compact != form:
        put(index.find("alias", whole_field(compact)), ALIAS)
        put(index.find("tags", whole_field(form.replace(" ", "-"))), TAG)
    put(index.find("pinyin", field_start(compact)), PINYIN_START)
    put(_syllable_hits(index, compact), SYLLABLES)
    # Only plain words are matched word by word: 'c++' and 'a.b.c' mean themselves.
    words = _words(form) if _PLAIN.issuperset(form) else []
    if len(words) == 1:
        for position in index.find("words", whole_word(words[0])):
            # The words of names and of tags are kept together: a name's word counts for more.
            put([position], WORD if words[0] in _name_words(index, position) else TAG_PART)
        put(index.find("text_words", whole_word(words[0])), TEXT_WORD)
    elif words:
        named = index.find("exact", form) | index.find("alias", form)
        put([p for p in named if _has_phrase(_name_words(index, p), words)], PHRASE)
    if words and loose:
        put(index.find_words("words", words), WORD_PREFIX)
        put(index.find_words("text_words", words), TEXT)
    if len(form) >= 3 and loose:
        put(index.find("exact", form) | index.find("alias", form), LATIN_PART)
        put(index.find("tags", form), LATIN_PART)
    if any(char not in _WORD_CHARS for char in form) or form[:1].isdigit():
        put(index.find("text", form), TEXT)  # '17.7', '3+2+x', 'r&d': as written
    return hits


def _words(text: str) -> list[str]:
    return "".join(char if char in _WORD_CHARS else " " for char in text).split()


def _name_words(index: SearchIndex, position: int) -> list[str]:
    """The words of an entry's id, name, aliases, English name and pinyin, in order."""
    return _words(index.segment("exact", position) + " " + index.segment("alias", position))


def _has_phrase(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[at:at + size] == phrase for at in range(len(words) - size + 1))


def _match_numbers(dataset: Dataset, terms: list[Term], scored: list[dict[int, float]]) -> None:
    """A number in the query matches an entry's values, and a year its year."""
    numbers = [(term, hits) for term, hits in zip(terms, scored, strict=True) if term.number is not None]
    if not numbers:
        return
    # Entries some other term finds; only when there is no other term, those the number finds in their text.
    others = [hits for term, hits in zip(terms, scored, strict=True) if term.number is None]
    candidates = set().union(*(others or scored))
    if len(candidates) > MAX_DECODED:
        return
    for position in candidates:
        entry = dataset.record(position)
        values = {getattr(entry, "value", None), *(figure["value"] for figure in entry.key_figures)}
        years = {getattr(entry, "year", None), *(figure["year"] for figure in entry.key_figures)}
        for term, hits in numbers:
            weight = VALUE if term.number in values else YEAR if term.year is not None and term.year in years else 0
            if weight > hits.get(position, 0.0):
                hits[position] = weight


def _simplified(index: SearchIndex, query: str) -> str:
    """The query with each Traditional character the dataset does not itself use made Simplified."""
    foreign = {char for char in query if is_cjk(char)
               and not any(index.contains(kind, char) for kind in (*_NAME_KINDS, "text"))}
    if not foreign:
        return query  # the usual Simplified query: the table is not even read
    from pathlib import Path

    # OpenCC's t2s table (tests/tools/make_traditional.py): Traditional characters, then the Simplified of each.
    traditional, simplified = Path(__file__).with_name("traditional.txt").read_text(encoding="utf-8").split("\n")[:2]
    chars = []
    for char in query:
        at = traditional.find(char) if char in foreign else -1
        chars.append(simplified[at] if at >= 0 else char)
    return "".join(chars)


def _region_names(dataset: Dataset) -> list[str]:
    """What each loaded region is called: its names, and the aliases of the entry that is the region."""
    names = []
    for region in dataset.regions:
        names += [normalize(region.name), normalize(region.name_en)]
        entry = dataset.get(f"{region.id}:{region.id}")
        if entry is not None:
            names += [normalize(text) for text in (entry.name, entry.name_en, *entry.aliases)]
    return names


def _syllable_hits(index: SearchIndex, pinyin: str) -> set[int]:
    """Entries whose pinyin has a run of syllables that `pinyin` spells by prefixes."""
    if not pinyin.isalpha() or not 2 <= len(pinyin) <= MAX_PINYIN_QUERY:
        return set()
    return index.matching("syllables", spelled(pinyin))


def _near_misses(index: SearchIndex, term: Term) -> dict[int, float]:
    """Entries with a name word or pinyin a slip away from a term that matched nothing."""
    word = term.text
    # Only words of letters: a number one digit away from another is a different number.
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return {}
    from linping_cli.query.near import near_words

    hits: dict[int, float] = {}
    for candidate in near_words(index.near_words(), word, 1 if len(word) <= 8 else 2):
        for position, weight in _form_hits(index, candidate).items():
            hits[position] = max(hits.get(position, 0.0), weight * NEAR_MISS)
    return hits
