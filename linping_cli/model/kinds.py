"""The kinds a field can be: what the checker accepts, what an omitted field becomes, what the schema says.

A trailing "?" means optional (default null); list kinds default to a fresh []; "bool"
defaults to false; any other kind is required.
"""

from __future__ import annotations

from typing import Annotated, Any

# A dataset's [meta] table, and each [[source]] table: an article as its file gives it (a null title:
# the file has no headline), with our own summary; its year is ours too (year_inferred) unless the file dates it.
# Where it was published (outlet, date, address) is for a user who knows it to write once; never guessed.
META_KINDS = {"id": "id", "region": "text", "region_en": "text"}
SOURCE_KINDS = {
    "file": "text", "title": "text?", "subtitle": "text?", "authors": "texts", "title_en": "text?",
    "summary": "text?", "summary_en": "text?", "year": "year?", "year_inferred": "bool",
    "outlet": "text?", "published": "date?", "url": "text?",
}
# A [[unit]] table: one `unit` is `factor` of its `dimension`'s `base` unit (亿元 = 1e8 元).
UNIT_KINDS = {"unit": "text", "unit_en": "text?", "dimension": "text", "base": "text", "factor": "num"}
SOURCE_REF_KINDS = {"file": "text", "section": "text"}
KEY_FIGURE_KINDS = {
    "label": "text", "label_en": "text?", "value": "num", "unit": "text", "unit_en": "text?",
    "qualifier": "qualifier?", "target": "bool", "year": "year?", "year_inferred": "bool",
    "growth": "num?", "note": "text?", "source": "sources?", "value_max": "num?", "projected": "bool",
    "stated": "text?", "growth_basis": "growth-basis?",
}
# An entry's field that holds something the articles do not say, and where it comes from; for a list field
# (aliases, tags, related), `values` names which of its items are from outside.
OUTSIDE_KINDS = {"field": "text", "note": "text", "values": "texts"}
# What a person said, in our own words, with where it is said.
STATEMENT_KINDS = {"summary": "text", "summary_en": "text", "source": "sources"}
# The kinds that hold a list of tables, and the kinds of those tables' fields.
NESTED_KINDS = {"sources": SOURCE_REF_KINDS, "key_figures": KEY_FIGURE_KINDS, "outside": OUTSIDE_KINDS,
                "statements": STATEMENT_KINDS}
LIST_KINDS = ("texts", "refs", *NESTED_KINDS)

# "nearly": just below; "range": from value to value_max; "class": a size band, not a measured amount;
# "several": an unstated count of the value's order (数百 is value 100, several hundred), not a count of it.
QUALIFIERS = ("more-than", "about", "nearly", "at-least", "at-most", "range", "class", "several")
# The qualifiers that are words rather than a bound on a number: a figure with one says, in `stated`, the
# words of the article it was read from.
WORDED_QUALIFIERS = ("range", "class", "several")
# What each qualifier says of its value, where arithmetic may use it: a lower bound, an upper bound, or approximate.
# "less-than" is never stated; a derived figure carries it (the share of a more-than whole). A worded qualifier or
# one of unknown sense has none, and no arithmetic uses it.
LOWER, UPPER, APPROX = "lower", "upper", "approx"
SENSES = {"more-than": LOWER, "at-least": LOWER, "at-most": UPPER, "less-than": UPPER, "about": APPROX,
          "nearly": APPROX}
DERIVED_QUALIFIERS = (*QUALIFIERS, "less-than")
# Where an English name comes from: our translation, its pinyin, the organisation's own name (found outside
# the articles, said in `outside`), or the article itself.
NAME_EN_ORIGINS = ("translation", "transliteration", "own-name", "article")
# What a figure's growth compares: money at current prices (so value / (1 + growth) is last year's value),
# at comparable prices (a real rate: it is not), or a quantity (a count or a physical amount).
GROWTH_BASES = ("current-prices", "comparable-prices", "quantity")
TIERS = ("3", "2", "X")
YEAR_RANGE = (1800, 2100)
# An id: lower-case ASCII words joined by '-'. A date: YYYY, YYYY-MM or YYYY-MM-DD, each part a group.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
DATE_PATTERN = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
# The kinds whose values are one of a few words: the checker and the schema read the words from here.
ENUMS: dict[str, tuple[str, ...]] = {"qualifier": QUALIFIERS, "derived-qualifier": DERIVED_QUALIFIERS,
                                     "tier": TIERS, "origin": NAME_EN_ORIGINS,
                                     "growth-basis": GROWTH_BASES, "precision": ("year", "month", "day"),
                                     "basis": ("prior-year", "share")}

# Field annotations: the Python type, and the kind the checker reads from it.
Id = Annotated[str, "id"]
Text = Annotated[str, "text"]
OptText = Annotated[str | None, "text?"]
Texts = Annotated[list[str], "texts"]
Num = Annotated[int | float, "num"]
OptNum = Annotated[int | float | None, "num?"]
OptInt = Annotated[int | None, "int?"]
Year = Annotated[int | None, "year?"]
Flag = Annotated[bool, "bool"]
Qualifier = Annotated[str | None, "qualifier?"]
Origin = Annotated[str | None, "origin?"]
AnyRef = Annotated[str | None, "ref?"]
PlaceRef = Annotated[str | None, "ref?", ("place",)]


def is_list(kind: str) -> bool:
    """A list that is there even when empty; an optional one ("sources?") may be null instead."""
    return kind in LIST_KINDS


def default_of(kind: str) -> Any:
    """What an omitted field becomes: a new list each time, so no two entries share one."""
    if is_list(kind):
        return []
    return False if kind == "bool" else None


def is_required(kind: str) -> bool:
    return not kind.endswith("?") and not is_list(kind) and kind != "bool"
