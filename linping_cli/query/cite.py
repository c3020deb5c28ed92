"""What to cite: each article section an entry, or one of its facts, rests on, as the article's file gives it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from linping_cli.model.errors import UserError, did_you_mean
from linping_cli.model.records import Entry
from linping_cli.model.rows import CITATION
from linping_cli.query.facts import fact_rows
from linping_cli.store.dataset import Dataset

# What names a figure's own value for --fact, beside its name: it has no label of its own.
OWN_VALUE = "value"
_FROM_SOURCE = CITATION.fields[3:]  # what a citation takes from the article's [[source]] table


def citations(dataset: Dataset, entry: Entry) -> list[dict[str, Any]]:
    """One citation per (article, section) the entry, its key figures or its statements cite, in that order."""
    refs = [*entry.source, *(ref for figure in entry.key_figures for ref in figure["source"] or ()),
            *(ref for statement in getattr(entry, "statements", ()) for ref in statement["source"])]
    return cited(dataset, entry.region, entry.id, refs)


def fact_citations(dataset: Dataset, entry: Entry, label: str) -> list[dict[str, Any]]:
    """The citations of one fact of an entry: the sections that fact itself cites, and no other."""
    return cited(dataset, entry.region, entry.id, find_fact(entry, label)["source"] or entry.source)


def cited(dataset: Dataset, region: str | None, entry_id: str,
          refs: Iterable[dict[str, str]]) -> list[dict[str, Any]]:
    """A citation per distinct (article, section) of `refs`: only what the region's [[source]] tables give (a
    null headline where the file has none; outlet, date and address where a user wrote them), nothing guessed."""
    articles = {source.file: source for source in dataset.sources if source.region == region}
    found = []
    for file, section in dict.fromkeys((ref["file"], ref["section"]) for ref in refs):
        article = articles.get(file)
        row: dict[str, Any] = {"entry": entry_id, "file": file, "section": section}
        for name in _FROM_SOURCE:
            row[name] = getattr(article, name) if article else None
        row["authors"] = list(row["authors"] or [])
        found.append(row)
    return found


def find_fact(entry: Entry, label: str) -> dict[str, Any]:
    """The fact of `entry` that `label` names: a key figure's label, Chinese or English, or for a figure's own value
    its name or `value`; the whole label in any case, else a part of one label alone. A UserError otherwise."""
    facts = fact_rows([entry])
    if not facts:
        raise UserError(f"{entry.id} holds no number to cite by --fact: cite it without --fact")
    names = [_names(fact) for fact in facts]
    wanted = label.strip().casefold()
    for match in ([f for f, n in zip(facts, names, strict=True) if wanted in n],
                  [f for f, n in zip(facts, names, strict=True) if wanted and any(wanted in name for name in n)]):
        if len(match) == 1:
            return match[0]
        if match:
            raise UserError(f"--fact {label!r} names several facts of {entry.id}: "
                            f"{'; '.join(_shown(fact) for fact in match)}")
    choices = [_shown(fact) for fact in facts]
    hint = did_you_mean(label, [name for fact in facts for name in (fact["label"], fact["label_en"]) if name])
    raise UserError(f"{entry.id} has no fact {label!r}{hint} (its facts: {'; '.join(choices)})")


def _names(fact: dict[str, Any]) -> list[str]:
    if fact["label"] is None:
        return [name.casefold() for name in (OWN_VALUE, fact["name"], fact["name_en"]) if name]
    return [name.casefold() for name in (fact["label"], fact["label_en"]) if name]


def _shown(fact: dict[str, Any]) -> str:
    return OWN_VALUE if fact["label"] is None else str(fact["label"])
