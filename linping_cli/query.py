"""Pure functions over records: look up, filter, sort and compare entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from linping_cli.errors import UserError
from linping_cli.models import (
    ENTRY_TYPES,
    LIST_KINDS,
    Dataset,
    Entry,
    Figure,
    entry_year,
    field_order,
    field_specs,
)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def check_type(type_name: str) -> str:
    if type_name not in ENTRY_TYPES:
        raise UserError(f"unknown entry type {type_name!r}{did_you_mean(type_name, ENTRY_TYPES)}"
                        f" (types: {', '.join(ENTRY_TYPES)})")
    return type_name


def resolve(dataset: Dataset, key: str) -> Entry:
    """The entry with id (or `region:id`) `key`; a UserError with suggestions when there is none."""
    entry = dataset.get(key)
    if entry is not None:
        return entry
    candidates = dataset.candidates(key)
    if candidates:
        options = ", ".join(f"{e.region}:{e.id}" for e in candidates)
        raise UserError(f"{key!r} is in several regions; say which: {options}")
    raise UserError(f"no entry has id {key!r}{did_you_mean(key, dataset.keys())}")


def valid_fields(types: Iterable[str]) -> list[str]:
    """Every field an entry of these types has, in output order (all types when none given)."""
    names: dict[str, None] = {}
    for type_name in (list(types) or list(ENTRY_TYPES)):
        names.update(dict.fromkeys(field_order(ENTRY_TYPES[type_name])))
    return list(names)


def check_fields(requested: str, types: Iterable[str]) -> list[str]:
    allowed = valid_fields(types)
    chosen = [name.strip() for name in requested.split(",") if name.strip()]
    if not chosen:
        raise UserError(f"--fields needs a comma-separated list; valid fields: {','.join(allowed)}")
    for name in chosen:
        if name not in allowed:
            hint = did_you_mean(name, allowed)
            raise UserError(f"unknown field {name!r}{hint} (valid fields: {','.join(allowed)})")
    return chosen


def check_sort_field(name: str, types: Iterable[str]) -> str:
    """A field entries can be ordered by: one name, of a field holding a single value."""
    if "," in name:
        raise UserError(f"--sort takes one field, not {name!r}")
    [checked] = check_fields(name, types)
    if any(spec.kind in LIST_KINDS for cls in ENTRY_TYPES.values()
           for spec in field_specs(cls).values() if spec.name == checked):
        raise UserError(f"cannot sort by {checked!r}: it holds a list")
    return checked


def filter_entries(entries: Iterable[Entry], *, tags: Sequence[str] = (), category: str | None = None,
                   year: int | None = None) -> list[Entry]:
    """Entries carrying every tag in `tags`, in `category`, about `year`."""
    wanted_tags = {tag.casefold() for tag in tags}
    result = []
    for entry in entries:
        if wanted_tags and not wanted_tags <= {tag.casefold() for tag in entry.tags}:
            continue
        if category and (entry.category or "").casefold() != category.casefold():
            continue
        if year is not None and entry_year(entry) != year:
            continue
        result.append(entry)
    return result


def sort_entries(entries: list[Entry], field: str, *, reverse: bool = False) -> list[Entry]:
    """Sorted by `field`, entries lacking it last whichever the direction; ties by id."""
    def key(entry: Entry) -> tuple[Any, ...]:
        value = getattr(entry, field, None)
        if value is None or isinstance(value, (list, dict)):
            return (1, 0, "", entry.id)
        if isinstance(value, (int, float)):
            return (0, 0, value, entry.id)
        return (0, 1, str(value), entry.id)

    present = [e for e in entries if key(e)[0] == 0]
    missing = [e for e in entries if key(e)[0] == 1]
    present.sort(key=key, reverse=reverse)
    return present + sorted(missing, key=lambda e: e.id)


class Row:
    """One compared attribute: its key, a label for people, and one value per entry."""

    __slots__ = ("field", "label", "values")

    def __init__(self, field: str, label: str, values: list[Any]) -> None:
        self.field, self.label, self.values = field, label, values


class Comparison:
    __slots__ = ("entries", "rows")

    def __init__(self, entries: list[Entry], rows: list[Row]) -> None:
        self.entries, self.rows = entries, rows


_FIGURE_ROWS = ("name", "name_en", "value", "unit", "qualifier", "target", "year", "period", "growth",
                "category", "subject")
_SKIPPED = {"id", "type", "pinyin", "aliases", "tags", "summary", "summary_en", "key_figures", "related",
            "note", "source", "region"}


def compare(entries: Sequence[Entry]) -> Comparison:
    """Line entries up attribute by attribute; figures sharing a unit also get difference and ratio."""
    if len(entries) < 2:
        raise UserError("compare needs at least two ids")
    seen: set[tuple[str | None, str]] = set()
    for entry in entries:
        if (entry.region, entry.id) in seen:
            raise UserError(f"{entry.id!r} is given twice")
        seen.add((entry.region, entry.id))
    kinds = {entry.type for entry in entries}
    if "figure" in kinds and len(kinds) > 1:
        other = next(k for k in kinds if k != "figure")
        raise UserError(f"cannot compare a figure with a {other}: compare figures with figures")
    if kinds == {"figure"}:
        rows = _figure_rows([e for e in entries if isinstance(e, Figure)])
    else:
        rows = _attribute_rows(entries)
    if len({entry.region for entry in entries}) > 1:
        rows.insert(0, Row("region", "region", [entry.region for entry in entries]))
    return Comparison(list(entries), rows)


def _figure_rows(figures: list[Figure]) -> list[Row]:
    rows = [Row(name, name, [getattr(f, name) for f in figures]) for name in _FIGURE_ROWS]
    if len({f.unit for f in figures}) == 1:
        base = figures[0].value
        rows.append(Row("difference", f"difference from {figures[0].id}",
                        [None] + [round(f.value - base, 6) for f in figures[1:]]))
        rows.append(Row("ratio", f"ratio to {figures[0].id}",
                        [None] + [round(f.value / base, 6) if base else None for f in figures[1:]]))
    return rows


def _attribute_rows(entries: Sequence[Entry]) -> list[Row]:
    shared = [name for name in field_order(type(entries[0]))
              if name not in _SKIPPED and all(name in field_order(type(e)) for e in entries)]
    rows = [Row(name, name, [getattr(e, name) for e in entries]) for name in shared]
    labels: dict[str, None] = {}
    for entry in entries:
        labels.update(dict.fromkeys(figure["label_en"] or figure["label"] for figure in entry.key_figures))
    for label in labels:
        values = []
        for entry in entries:
            match = [f for f in entry.key_figures if (f["label_en"] or f["label"]) == label]
            values.append(match[0] if match else None)
        rows.append(Row("key_figure", label, values))
    return rows


def _entries_per_source(entries: Iterable[Entry]) -> dict[tuple[str, str], int]:
    """How many entries cite each (region, article file)."""
    counts: dict[tuple[str, str], int] = {}
    for entry in entries:
        for file in dict.fromkeys(ref["file"] for ref in entry.source):
            key = (entry.region or "", file)
            counts[key] = counts.get(key, 0) + 1
    return counts


def source_records(dataset: Dataset) -> list[dict[str, Any]]:
    """The articles a dataset cites, each with how many entries cite it."""
    counts = _entries_per_source(dataset.entries)
    return [
        {"file": s.file, "region": s.region, "title": s.title, "title_en": s.title_en, "year": s.year,
         "summary": s.summary, "summary_en": s.summary_en, "entries": counts.get((s.region, s.file), 0)}
        for s in dataset.sources
    ]


def stats(dataset: Dataset) -> dict[str, Any]:
    """Counts of entries by type and region, figures by year, and entries citing each source."""
    entries = dataset.entries
    by_type: dict[str, int] = dict.fromkeys(ENTRY_TYPES, 0)
    by_year: dict[str, int] = {}
    by_region: dict[str, int] = {}
    for entry in entries:
        by_type[entry.type] += 1
        by_region[entry.region or ""] = by_region.get(entry.region or "", 0) + 1
        if isinstance(entry, Figure):
            year = str(entry.year) if entry.year is not None else "none"
            by_year[year] = by_year.get(year, 0) + 1
    by_source: dict[str, int] = {}
    for (_, file), count in _entries_per_source(entries).items():
        by_source[file] = by_source.get(file, 0) + count
    return {
        "entries": len(entries),
        "types": by_type,
        "regions": by_region,
        "figures_by_year": dict(sorted(by_year.items())),
        "sources": by_source,
    }
