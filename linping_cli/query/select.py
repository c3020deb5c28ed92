"""Pick entries: look one up by id, check types and fields, filter and sort."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from linping_cli.model.errors import UserError, did_you_mean
from linping_cli.model.kinds import is_list
from linping_cli.model.records import ENTRY_TYPES, Entry, entry_year, field_order, field_specs
from linping_cli.store.dataset import Dataset

if TYPE_CHECKING:
    from linping_cli.query.units import Units


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
    return _by_name(dataset, key)


def _by_name(dataset: Dataset, key: str) -> Entry:
    """The one entry whose name, English name or an alias is `key` (any case); else a UserError naming the best
    candidates a search finds."""
    from linping_cli.query.search import search
    from linping_cli.store.layout import normalize

    wanted = normalize(key)
    found = [entry for _, entry in search(dataset, key, limit=20)] if wanted else []
    named = [e for e in found if wanted in {normalize(text) for text in (e.name, e.name_en, *e.aliases)}]
    if len(named) == 1:
        return named[0]
    listed = ", ".join(f"{dataset.qualified_id(e)} ({e.name})" for e in (named or found)[:5])
    if named:
        raise UserError(f"{key!r} names several entries; say which: {listed}")
    hint = did_you_mean(key, dataset.keys())
    raise UserError(f"no entry has id {key!r}{hint}" + (f" (best matches: {listed})" if listed else ""))


def valid_fields(types: Iterable[str]) -> list[str]:
    """Every field an entry of these types has, in output order (all types when none given)."""
    names: dict[str, None] = {}
    for type_name in (list(types) or list(ENTRY_TYPES)):
        names.update(dict.fromkeys(field_order(ENTRY_TYPES[type_name])))
    return list(names)


def check_fields(requested: str, types: Iterable[str]) -> list[str]:
    """The entry fields named in `--fields a,b`, each a field of one of these types (of any, when none)."""
    return chosen_fields(requested, valid_fields(types))


def chosen_fields(requested: str, allowed: Sequence[str]) -> list[str]:
    """The fields named in a comma-separated list, each one of `allowed`; a UserError for any other."""
    chosen = [name.strip() for name in requested.split(",") if name.strip()]
    if not chosen:
        raise UserError(f"--fields needs a comma-separated list; valid fields: {','.join(allowed)}")
    for name in chosen:
        if name not in allowed:
            raise UserError(f"unknown field {name!r}{did_you_mean(name, allowed)} (valid fields: {','.join(allowed)})")
    return chosen


def check_sort_fields(given: Sequence[str], types: Iterable[str]) -> list[str]:
    """The keys of `--sort a,b`: each the name of a field holding a single value; --sort given once."""
    if len(given) > 1:
        raise UserError(f"--sort is given {len(given)} times: give it once, with keys joined by commas "
                        f"(--sort {','.join(given)})")
    if not given:
        return []
    keys = check_fields(given[0], types)
    for checked in keys:
        if any(is_list(spec.kind) for cls in ENTRY_TYPES.values()
               for spec in field_specs(cls).values() if spec.name == checked):
            raise UserError(f"cannot sort by {checked!r}: it holds a list")
    return keys


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


# Fields whose numbers are in the unit another field names: sorted by what they come to in a common unit.
_UNIT_OF = {"value": "unit", "scale": "scale_unit"}


def sort_entries(entries: list[Entry], fields: Sequence[str], *, reverse: bool = False,
                 units: Units | None = None) -> list[Entry]:
    """Sorted by the first field, then the next; entries lacking a field last whichever the direction; ties by id.

    With `units`, a value sorts by what it comes to in its dimension's base unit: 5000 万元 below 1 亿元.
    """
    def key(field: str) -> Callable[[Entry], tuple[int, Any]]:
        def of(entry: Entry) -> tuple[int, Any]:
            value = getattr(entry, field, None)
            if not isinstance(value, (int, float)):
                return (1, str(value))
            unit = getattr(entry, _UNIT_OF.get(field, ""), None)
            converted = units.in_base(value, unit) if units is not None and isinstance(unit, str) else None
            return (0, value if converted is None else converted)
        return of

    ordered = sorted(entries, key=lambda e: e.id, reverse=reverse)
    for field in reversed(fields):  # each pass is stable: the earlier keys decide last, and so win
        present = [e for e in ordered if getattr(e, field, None) is not None]
        missing = [e for e in ordered if getattr(e, field, None) is None]
        ordered = sorted(present, key=key(field), reverse=reverse) + missing
    return ordered
