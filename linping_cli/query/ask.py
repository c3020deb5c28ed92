"""Answer a question with the facts that answer it, best first, or with none.

The question is reduced to terms as a search is (`search.parse_query`); the entries it
finds offer their facts (`facts.fact_rows`). A fact answers when it is what the question
asks about (its entry's names or tags, or its own label, match the question's terms, all
of them or all but a few of many), is of the year asked about (a fact of another year is
never offered in its place), and, for a question about growth, has a growth to give.
"""

from __future__ import annotations

from typing import Any

from linping_cli.model.rows import FACT
from linping_cli.query.facts import fact_rows
from linping_cli.query.search import TAG_PART, Hit, parse_query, rank, score_terms
from linping_cli.query.terms import Parsed, Term
from linping_cli.store.dataset import Dataset
from linping_cli.store.layout import normalize

CANDIDATES = 20  # entries whose facts are weighed
LABEL = 50  # what a term earns by matching a fact's own label
_GROWTH_LABELS = ("增幅", "增长", "增速", "growth")


class Weighed:
    """A fact and how well it answers."""

    __slots__ = ("covered", "fact", "score")

    def __init__(self, fact: dict[str, Any], covered: int, score: float) -> None:
        self.fact, self.covered, self.score = fact, covered, score


class Answered:
    """The facts that answer a question, best first; when none does, the nearest; whether it asks for growth."""

    __slots__ = ("answers", "growth", "nearest")

    def __init__(self, answers: list[dict[str, Any]], nearest: list[dict[str, Any]], growth: bool) -> None:
        self.answers, self.nearest, self.growth = answers, nearest, growth


def ask(dataset: Dataset, question: str, *, limit: int | None = 3) -> Answered:
    """The facts that answer `question` (each with its score), at most `limit` of them."""
    parsed = parse_query(dataset, question)
    scored = score_terms(dataset, parsed)
    by_term = {id(term): hits for term, hits in zip(parsed.terms, scored, strict=True)}
    weighed = [w for hit in rank(dataset, parsed, scored=scored)[:CANDIDATES]
               for w in _weigh(dataset, parsed, hit, by_term)]
    weighed.sort(key=lambda w: (-w.covered, -w.score))
    answers = _distinct([w for w in weighed if _answers(parsed, w)])
    nearest = [] if answers else weighed[:3]
    return Answered([_answer(w) for w in answers[:limit]], [_answer(w) for w in nearest], parsed.growth)


def _weigh(dataset: Dataset, parsed: Parsed, hit: Hit, by_term: dict[int, dict[int, float]]) -> list[Weighed]:
    entry = dataset.record(hit.position)
    measures = [term for term in parsed.terms if term.year is None]
    by_entry = {id(term): by_term[id(term)].get(hit.position, 0.0) for term in measures}
    found = []
    names = (entry.name, entry.name_en, *entry.aliases)
    for fact in fact_rows([entry]):
        own = fact["label"] is None
        label = normalize(" ".join(filter(None, names if own else (fact["label"], fact["label_en"]))))
        covered, score = 0, 0.0
        for term in measures:
            weight = by_entry[id(term)]
            if not own and weight < TAG_PART:
                weight = 0.0  # the entry's text may be about another of its facts
            if label and _in_label(term, label):
                weight = max(weight, LABEL) + LABEL / 2
            if weight and not term.weak:
                covered += 1
            score += weight
        if fact["year"] is not None and fact["year"] in parsed.years:
            score += LABEL / 2
        found.append(Weighed(fact, covered, round(score, 3)))
    return found


def _distinct(weighed: list[Weighed]) -> list[Weighed]:
    """One answer per number: where a key figure repeats a figure (same value, unit and year), the figure,
    which is the dataset's own record of it, stands in the place of the better of the two."""
    kept: dict[tuple[Any, ...], int] = {}
    answers: list[Weighed] = []
    for each in weighed:
        fact = each.fact
        key = (fact["value"], fact["unit"], fact["year"])
        if key not in kept:
            kept[key] = len(answers)
            answers.append(each)
        elif fact["label"] is None and answers[kept[key]].fact["label"] is not None:
            answers[kept[key]] = each
    return answers


def _in_label(term: Term, label: str) -> bool:
    words = label.split()
    for form in term.forms:
        if not form.isascii() or " " in form or not form.isalnum():
            if form in label:
                return True
        elif any(word.startswith(form) for word in words):
            return True
    return False


def _answers(parsed: Parsed, weighed: Weighed) -> bool:
    fact = weighed.fact
    years = parsed.years
    if years and fact["year"] not in years:
        return False  # a fact of another year, or of none, is not what was asked
    strong = [t for t in parsed.terms if t.year is None and not t.weak]
    if not weighed.covered or len(strong) - weighed.covered > (len(strong) - 1) // 3:
        return False
    if parsed.growth:
        label = " ".join(filter(None, (fact["label"], fact["label_en"]))).casefold()
        return fact["growth"] is not None or any(word in label for word in _GROWTH_LABELS)
    return True


def _answer(weighed: Weighed) -> dict[str, Any]:
    fact = weighed.fact
    return {**{key: fact[key] for key in FACT.fields}, "score": weighed.score}
