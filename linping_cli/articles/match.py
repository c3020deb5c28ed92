"""Which number of an article is a dataset's claim: one definition, for verify and for draft.

A number fits a claim when it is the same amount in plain units (10万台 is 100000 台), the same part of a
range, in a unit that agrees (a growth is a percentage). Of several that fit, the best says what the claim
says: its qualifier, its very unit, its outlook (a target after 力争 for a target), its decimals.
"""

from __future__ import annotations

from functools import lru_cache

from linping_cli.articles.article import REQUIRED, Article, squash
from linping_cli.articles.claims import Claim
from linping_cli.articles.numbers import Number, units_agree
from linping_cli.model.records import Table


@lru_cache(maxsize=4096)
def heading_key(heading: str) -> str:
    return squash(heading)


def fits(claim: Claim, number: Number, role: str) -> bool:
    """Whether an article's number (as its "value" or its "value_max") can be this claim."""
    if claim.field == "value_max" and role != "value_max":
        return False
    if not claim.field.startswith("statements") and claim.field != "value_max" and role != "value":
        return False
    if claim.field == "growth":
        return number.base == "%"
    return units_agree(number.base, claim.base)


def rank(claim: Claim, number: Number, role: str) -> tuple[bool, bool, bool, bool]:
    outlook = claim.marked is None or bool([c for c in number.cues if REQUIRED.fullmatch(c)]) == claim.marked
    return number.accepts(claim.qualifier), number.base == claim.base, outlook, same_precision(claim, number, role)


def same_precision(claim: Claim, number: Number, role: str) -> bool:
    """16.0 is written with one decimal; the dataset must keep it (where both write the same scale)."""
    if claim.field.startswith("statements") or claim.scale != number.scale:
        return True
    return (number.max_places if role == "value_max" else number.places) == claim.places


def in_section(article: Article, claim: Claim, ref: Table) -> tuple[Number, str] | None:
    """The number of the cited section that best is the claim, with its role; None when none fits."""
    headings = article.headings_named(ref["section"])
    here = [(number, role) for number, role in article.by_magnitude.get(claim.magnitude, ())
            if number.section in headings and fits(claim, number, role)]
    if len(here) < 2:
        return here[0] if here else None
    return max(here, key=lambda found: rank(claim, *found))


def away_fits(claim: Claim, number: Number, role: str) -> bool:
    """Away from its cited section a bare number (两 of 两业, 第一) says too little: its unit must be given."""
    return bool(number.base) and fits(claim, number, role)
