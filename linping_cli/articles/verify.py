"""A dataset checked against its source articles: every number it states, in the section it cites.

`verify(dataset, sources)` gives one row per stated number and cited section (a figure's value, value_max
and growth, each key figure's, an industry's scale, the numbers in a person's statements), with one status:

- `ok`: the cited section states it, with the same qualifier and written precision;
- `qualifier differs`: it does, but qualified otherwise (超10万台 against an exact 100000 台, or the reverse);
- `precision differs`: it does, written to other decimals (16.0% against 16);
- `elsewhere`: not in the cited section, but in another section or article (`found_in` says where);
- `not found`: in none of the articles; `source missing`: the cited article is not in the folder.

Then the rules that need the article text add a row for each fault they find (`not marked outside`: a name or
alias no cited article writes, not marked in `outside`; `not marked target`: a number whose sentence says
将/力争/到20xx年/未来/目标 before it, not marked target or projected). Each rule is a function of one entry's
check yielding rows; `RULES` lists them, so a further rule is one more function. (`draft.uncovered` lists the
numbers of the articles that no entry holds.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from linping_cli.articles.article import REQUIRED, Article, name_key
from linping_cli.articles.claims import Claim, claims_of
from linping_cli.articles.library import Library, collector_paused, named_files
from linping_cli.articles.match import away_fits, heading_key, in_section, same_precision
from linping_cli.articles.numbers import Number, Reader
from linping_cli.model.errors import UserError
from linping_cli.model.records import Entry, Figure, Table
from linping_cli.store.dataset import Dataset

# The keys of a verify row, in order, with the kind of each (model/kinds.py; "status" is one of STATUSES).
VERIFY_FIELDS: tuple[tuple[str, str], ...] = (
    ("entry", "id"), ("region", "region"), ("type", "type"), ("label", "text?"), ("field", "text"),
    ("value", "num?"), ("qualifier", "qualifier?"), ("unit", "text?"), ("file", "text?"), ("section", "text?"),
    ("status", "status"), ("found_in", "text?"), ("line", "int?"), ("article", "text?"), ("note", "text?"),
)
VERIFY_KEYS = tuple(name for name, _ in VERIFY_FIELDS)
STATUSES = ("ok", "qualifier differs", "precision differs", "elsewhere", "not found", "source missing",
            "not marked outside", "not marked target")
_EMPTY_ROW: dict[str, Any] = dict.fromkeys(VERIFY_KEYS)
Progress = Callable[[int, int], None]  # (entries done, entries in all)
_PROGRESS_EVERY = 1000


class Located:
    """Where one claim was looked for (a cited section) and what was found."""

    __slots__ = ("claim", "note", "number", "ref", "status", "where")

    def __init__(self, claim: Claim, ref: Table, status: str, *, number: Number | None = None,
                 where: Article | None = None, note: str | None = None) -> None:
        self.claim, self.ref, self.status = claim, ref, status
        self.number, self.where, self.note = number, where, note


class Articles:
    """The library and an index of every number of every article, built when a number is first looked for
    outside its cited section."""

    def __init__(self, library: Library) -> None:
        self.library = library

    @cached_property
    def everywhere(self) -> dict[Decimal, list[tuple[Article, Number, str]]]:
        index: dict[Decimal, list[tuple[Article, Number, str]]] = {}
        for article in self.library.present():
            for magnitude, found in article.by_magnitude.items():
                index.setdefault(magnitude, []).extend((article, number, role) for number, role in found)
        return index


class EntryCheck:
    """One entry, its claims and the articles: what every rule reads."""

    def __init__(self, dataset: Dataset, entry: Entry, articles: Articles, reader: Reader) -> None:
        self.dataset, self.entry, self.articles = dataset, entry, articles
        self.claims = list(claims_of(entry, reader))

    def row(self, **fields: Any) -> dict[str, Any]:
        """A row of VERIFY_KEYS for this entry; the fields not given are None."""
        row = _EMPTY_ROW.copy()
        row.update(fields, entry=self.entry.id, region=self.entry.region, type=self.entry.type)
        return row

    @cached_property
    def located(self) -> list[Located]:
        return [_locate(self.articles, claim, ref) for claim in self.claims for ref in claim.refs]

    def cited_files(self) -> list[str]:
        return list(dict.fromkeys(ref["file"] for ref in self.entry.source))


Rule = Callable[[EntryCheck], Iterable[dict[str, Any]]]


def numbers_stated(check: EntryCheck) -> Iterator[dict[str, Any]]:
    """Each number in each section it cites: one row, whatever its status."""
    entry = check.entry
    for found in check.located:
        claim, number, where = found.claim, found.number, found.where
        elsewhere = found.status == "elsewhere" and number is not None and where is not None
        yield {
            "entry": entry.id, "region": entry.region, "type": entry.type, "label": claim.label, "field": claim.field,
            "value": claim.shown, "qualifier": claim.qualifier, "unit": claim.unit, "file": found.ref["file"],
            "section": found.ref["section"], "status": found.status,
            "found_in": f"{where.name} § {number.section}" if elsewhere else None,  # type: ignore[union-attr]
            "line": number.line if number else None,
            "article": where.written(number) if number and where else None, "note": found.note,
        }


def names_in_text(check: EntryCheck) -> Iterator[dict[str, Any]]:
    """A name or alias that no cited article writes must be marked in `outside` (field name, aliases, name_en).

    A figure's name is a description in our words, not a name, and an English name we translated
    (name_en_origin = "translation") is ours by what that field says; neither is looked for.
    """
    entry = check.entry
    library = check.articles.library
    files = check.cited_files()
    texts = [text for text in map(library.squashed, files) if text is not None]
    if not texts:
        for file in files:
            yield check.row(field="source", file=file, status="source missing", note=library.problem(file))
        return
    marked = {item["field"] for item in entry.outside}
    names: list[tuple[str, str]] = [] if isinstance(entry, Figure) else [("name", entry.name)]
    names += [("aliases", alias) for alias in entry.aliases]
    if entry.name_en and entry.name_en_origin in ("own-name", "article"):
        names.append(("name_en", entry.name_en))
    for field, name in names:
        wanted = name_key(name)
        if field in marked or not wanted or any(wanted in text for text in texts):
            continue
        yield check.row(label=name, field=field, status="not marked outside",
                        note=f"no cited article ({', '.join(files)}) writes it: mark it in outside, "
                             f"{{ field = \"{field}\", note = \"where it comes from\" }}")


def outlook_marked(check: EntryCheck) -> Iterator[dict[str, Any]]:
    """A number whose sentence says 将/力争/到20xx年/未来/目标 before it must be marked target or projected."""
    for found in check.located:
        claim, number, where = found.claim, found.number, found.where
        if claim.marked is not False or number is None or where is None or found.status == "elsewhere":
            continue
        cues = [cue for cue in number.cues if REQUIRED.fullmatch(cue)]
        if cues:
            yield check.row(label=claim.label, field=claim.field, value=claim.shown,
                            qualifier=claim.qualifier, unit=claim.unit, file=found.ref["file"],
                            section=found.ref["section"], status="not marked target", line=number.line,
                            article=where.written(number),
                            note=f"its sentence says {cues[0]} before it: mark it target = true (a goal) or "
                                 f"projected = true (a forecast)")


RULES: tuple[Rule, ...] = (numbers_stated, names_in_text, outlook_marked)


def verify(dataset: Dataset, sources: Path, *, progress: Progress | None = None,
           rules: Sequence[Rule] = RULES) -> list[dict[str, Any]]:
    """Rows of VERIFY_KEYS for every entry of `dataset`, in dataset order, checked against the articles
    in the folder `sources` (see the module note); a UserError when `sources` is not a folder.
    `progress(done, all)` is told the entries checked every thousand entries and at the end."""
    if not sources.is_dir():
        raise UserError(f"the sources folder {str(sources)!r} is not a folder")
    with collector_paused():
        reader = Reader(unit["unit"] for unit in dataset.units)
        entries = dataset.entries
        articles = Articles(Library(sources, named_files(dataset, entries), reader))
        rows: list[dict[str, Any]] = []
        for done, entry in enumerate(entries, 1):
            check = EntryCheck(dataset, entry, articles, reader)
            for rule in rules:
                rows.extend(rule(check))
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done == len(entries)):
                progress(done, len(entries))
    return rows


def _locate(articles: Articles, claim: Claim, ref: Table) -> Located:
    library = articles.library
    article = library.get(ref["file"])
    if article is None:
        return Located(claim, ref, "source missing", note=library.problem(ref["file"]))
    found = in_section(article, claim, ref)
    if found is not None:
        number, role = found
        if not number.accepts(claim.qualifier):
            status, note = "qualifier differs", f"the article's qualifier is {number.qualifier or 'none'}"
        elif not same_precision(claim, number, role):
            status, note = "precision differs", "write the number with the article's decimals"
        else:
            status, note = "ok", None
        return Located(claim, ref, status, number=number, where=article, note=note)
    missing = None if article.find(ref["section"]) else f"{article.name} has no section of this heading"
    wanted = heading_key(ref["section"])
    other = [(where, number) for where, number, role in articles.everywhere.get(claim.magnitude, ())
             if away_fits(claim, number, role) and (where is not article or heading_key(number.section) != wanted)]
    if not other:
        return Located(claim, ref, "not found", note=missing)
    where, number = max(other, key=lambda found: (found[0] is article, found[1].accepts(claim.qualifier),
                                                   found[1].base == claim.base))
    notes = [note for note in (missing, None if number.accepts(claim.qualifier) else
                               f"there, the qualifier is {number.qualifier or 'none'}") if note]
    return Located(claim, ref, "elsewhere", number=number, where=where, note="; ".join(notes) or None)
