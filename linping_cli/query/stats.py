"""Counts over a dataset: entries by type, region and source, figures by year; the sources with their counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from linping_cli.model.kinds import SOURCE_KINDS
from linping_cli.model.records import ENTRY_TYPES, Entry, Figure
from linping_cli.store.dataset import Dataset


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
    return [{**{name: getattr(source, name) for name in dict.fromkeys(("file", "region", *SOURCE_KINDS))},
             "entries": counts.get((source.region, source.file), 0)} for source in dataset.sources]


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
    by_origin: dict[str, int] = {}
    for entry in entries:
        origin = entry.name_en_origin or "unstated"
        by_origin[origin] = by_origin.get(origin, 0) + 1
    return {
        "entries": len(entries),
        "types": by_type,
        "regions": by_region,
        "figures_by_year": dict(sorted(by_year.items())),
        "sources": by_source,
        # What the articles do not say, marked in the data: how much there is, and where.
        "outside_the_articles": {"items": sum(len(entry.outside) for entry in entries),
                                 "entries": sum(1 for entry in entries if entry.outside)},
        "name_en_origin": by_origin,
    }


def value_counts(dataset: Dataset, kind: str, types: Iterable[str] = ()) -> dict[str, int]:
    """Each category or tag (`kind`) that entries of these types (all when none) carry, most used first."""
    wanted = set(types)
    counts: dict[str, int] = {}
    for entry in dataset.entries:
        if wanted and entry.type not in wanted:
            continue
        values = entry.tags if kind == "tag" else [entry.category] if entry.category else []
        for value in values:
            counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
