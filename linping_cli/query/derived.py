"""Figures worked out from stated ones, never mixed with them: each says how, from what, and keeps their sources.

Two kinds, both from `facts.fact_rows`, each saying what it is an estimate of (`estimates`):
  prior-year  a value and its growth give the year before's: value / (1 + growth%), only where the growth
              compares current prices or quantities (a real rate, at comparable prices, leaves prices out:
              1175.09 / 1.05 is the year before's output at this year's prices, not its value)
  share       a figure that is `part_of` another gives its share of it: part / whole x 100%
A stated qualifier keeps its sense: both are monotone, so a bound on an input is a bound
on the result (a share of a more-than part is more than; of a more-than whole, less than),
rounded outwards so it still holds. An exact input gives an `about` result, as rounding
makes it. A qualifier of unknown sense (a range, a class, a word this code does not know)
is never used in arithmetic: such a figure derives nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linping_cli.model.kinds import APPROX as _APPROX
from linping_cli.model.kinds import LOWER as _LOWER
from linping_cli.model.kinds import SENSES as _SENSE
from linping_cli.model.kinds import UPPER as _UPPER
from linping_cli.model.numbers import format_number
from linping_cli.model.records import Entry, Figure
from linping_cli.model.rows import DERIVED_FACT, DERIVED_INPUT
from linping_cli.query.facts import fact_rows
from linping_cli.query.units import Units

if TYPE_CHECKING:
    from linping_cli.store.dataset import Dataset

# What value / (1 + growth) is, for each growth basis it is the year before's value for.
_PRIOR_YEAR = {"current-prices": "{year}'s value, at {year}'s prices (the growth compares current prices)",
               "quantity": "{year}'s count or amount (the growth compares quantities)"}
_STRICT = {"more-than", "less-than"}
_FLIPPED = {"more-than": "less-than", "at-least": "at-most", "less-than": "more-than", "at-most": "at-least"}


def derived_rows(entries: Iterable[Entry], dataset: Dataset) -> list[dict[str, Any]]:
    """The derived facts of `entries`, in their order: prior-year values, then each figure's share of its whole."""
    entries = list(entries)
    rows = [row for fact in fact_rows(entries) if (row := _prior_year(fact)) is not None]
    units = Units(dataset.units)
    for entry in entries:
        if isinstance(entry, Figure) and entry.part_of:
            whole = dataset.get(f"{entry.region}:{entry.part_of}")
            if isinstance(whole, Figure):
                share = _share(fact_rows([entry])[0], fact_rows([whole])[0], units)
                if share is not None:
                    rows.append(share)
    return rows


def _known(fact: dict[str, Any]) -> bool:
    """Whether a fact's value may be used in arithmetic: exact, or a qualifier of known sense, and no range."""
    qualifier = fact.get("qualifier")
    return (qualifier is None or qualifier in _SENSE) and fact.get("value_max") is None and not fact.get("target")


def _prior_year(fact: dict[str, Any]) -> dict[str, Any] | None:
    growth, estimate = fact.get("growth"), _PRIOR_YEAR.get(fact.get("growth_basis") or "")
    if growth is None or estimate is None or not _known(fact) or growth <= -100:
        return None
    value = fact["value"] / (1 + growth / 100)
    qualifier, note = _carried(fact.get("qualifier"), "the stated value")
    year = fact["year"] - 1 if fact.get("year") is not None else None
    formula = f"{format_number(fact['value'])} / (1 + {format_number(growth)}%)"
    return _row(fact, value, fact["unit"], fact.get("unit_en"), qualifier, note, year, "prior-year",
                formula, [fact], "上年值（推算）", "prior-year value (derived)",
                estimate.format(year=year if year is not None else "the year before"))


def _share(part: dict[str, Any], whole: dict[str, Any], units: Units) -> dict[str, Any] | None:
    if not (_known(part) and _known(whole)) or part.get("year") != whole.get("year"):
        return None
    factor = units.factor(whole["unit"], part["unit"])
    if factor is None or not whole["value"]:
        return None
    qualifier, note = _combined(part.get("qualifier"), whole.get("qualifier"))
    if qualifier is None or note is None:
        return None
    value = part["value"] / (whole["value"] * factor) * 100
    divisor = format_number(whole["value"]) if factor == 1 else f"({format_number(whole['value'])} x {factor:g})"
    formula = f"{format_number(part['value'])} / {divisor} x 100%"
    label, year = whole["name"], part.get("year")
    estimate = f"{part['name_en'] or part['name']} as a percentage of {whole['name_en'] or label}"
    return _row(part, value, "%", "percent", qualifier, note, year, "share", formula, [part, whole],
                f"占{label}比重（推算）", f"share of {whole['name_en'] or label} (derived)", estimate)


def _carried(qualifier: str | None, what: str) -> tuple[str, str]:
    """The qualifier of a result that grows with one input, and why."""
    if qualifier is None:
        return "about", "rounded, so about"
    if _SENSE[qualifier] == _APPROX:
        return qualifier, f"{what} is {qualifier}, so the result is too"
    return qualifier, f"{what} is {qualifier}, so the result is {qualifier} (rounded outwards, so the bound holds)"


def _combined(part: str | None, whole: str | None) -> tuple[str | None, str | None]:
    """The qualifier of part / whole, and why; (None, None) where the inputs' senses leave it open."""
    if whole is None:
        return _carried(part, "the part")
    if part is None:
        if _SENSE[whole] == _APPROX:
            return whole, f"the whole is {whole}, so the share is too"
        flipped = _FLIPPED[whole]
        return flipped, f"the whole is {whole}, so the share is {flipped} (rounded outwards, so the bound holds)"
    senses = {_SENSE[part], _SENSE[whole]}
    if senses == {_APPROX}:
        return "about", "both are approximate, so the share is about"
    if _SENSE[part] == _LOWER and _SENSE[whole] == _UPPER:
        strict = "more-than" if {part, whole} & _STRICT else "at-least"
        return strict, f"the part is {part} and the whole {whole}, so the share is {strict}"
    if _SENSE[part] == _UPPER and _SENSE[whole] == _LOWER:
        strict = "less-than" if {part, whole} & _STRICT else "at-most"
        return strict, f"the part is {part} and the whole {whole}, so the share is {strict}"
    return None, None


def _rounded(value: float, qualifier: str) -> float:
    """One decimal, rounded so that a bound stays true: a lower bound down, an upper bound up."""
    sense = _SENSE.get(qualifier)
    if sense == _LOWER:
        return math.floor(round(value * 10, 9)) / 10  # the round: 75 must not floor to 74.9
    if sense == _UPPER:
        return math.ceil(round(value * 10, 9)) / 10
    return round(value, 1)


def _row(fact: dict[str, Any], value: float, unit: str, unit_en: str | None, qualifier: str, note: str,
         year: int | None, basis: str, formula: str, inputs: list[dict[str, Any]], label: str,
         label_en: str, estimates: str) -> dict[str, Any]:
    sources: list[dict[str, str]] = []
    for given in inputs:
        sources += [ref for ref in given["source"] or () if ref not in sources]
    row = {
        "entry": fact["entry"], "type": fact["type"], "name": fact["name"], "name_en": fact["name_en"],
        "label": label, "label_en": label_en, "value": _rounded(value, qualifier), "value_max": None, "unit": unit,
        "unit_en": unit_en, "qualifier": qualifier, "target": False, "projected": False, "year": year,
        "year_inferred": any(given.get("year_inferred") for given in inputs), "growth": None, "source": sources,
        "derived": True, "basis": basis, "formula": f"{formula} = {_computed(value)}",
        "inputs": [{key: given.get(key) for key in DERIVED_INPUT.fields} for given in inputs],
        "qualifier_note": note, "stated": None, "growth_basis": None, "name_en_outside": fact["name_en_outside"],
        "estimates": estimates,
    }
    return {key: row[key] for key in DERIVED_FACT.fields}


def _computed(value: float) -> str:
    """A worked-out number to four places; whole where it is whole (its precision is ours, not the article's)."""
    rounded = round(value, 4)
    return str(int(rounded)) if rounded.is_integer() else repr(rounded)
