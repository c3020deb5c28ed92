"""Typed records for every kind of entry: the one description of the schema.

Each record attribute is annotated with its Python type and, through `Annotated`, the
kind the checker holds it to (see `kinds`), so the checker, the JSON field order and
`linping schema` are all derived from these classes.

Records are plain classes rather than dataclasses: building a dozen dataclasses
costs more at start-up than a whole query does.
"""

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NamedTuple

from linping_cli.model.kinds import (
    NESTED_KINDS,
    SOURCE_KINDS,
    AnyRef,
    Flag,
    Id,
    Num,
    OptInt,
    OptNum,
    OptText,
    Origin,
    PlaceRef,
    Qualifier,
    Text,
    Texts,
    Year,
    default_of,
    is_list,
)

# A nested table (a source reference, a key figure, an outside item, a statement): its fields are the kinds of
# `kinds.NESTED_KINDS`, which the checker holds it to.
Table = dict[str, Any]


# The key under which an entry made from its head alone (`store.dataset.Dataset.heads`) keeps what reads
# the rest of its fields: no field is called that.
UNREAD = "_unread"


class Entry:
    """What every entry has, whatever its type. Built from a complete dict (see `complete`), or from its
    head (id, type, region, name and name_en) and UNREAD, what gives the complete dict when another field
    is first asked for: a command that only names thousands of entries then reads none of them whole.
    """

    TYPE: ClassVar[str] = ""

    id: Id
    type: Annotated[str, "type"]
    region: Annotated[str | None, "region"]
    name: Text
    name_en: Text
    aliases: Texts
    pinyin: Texts
    tags: Texts
    category: OptText
    summary: Text
    summary_en: Text
    key_figures: Annotated[list[Table], "key_figures"]
    related: Annotated[list[str], "refs"]
    note: OptText
    source: Annotated[list[Table], "sources"]
    name_en_origin: Origin
    outside: Annotated[list[Table], "outside"]

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update(data)

    if not TYPE_CHECKING:  # to a type checker an entry has its declared fields and nothing else
        def __getattr__(self, name: str) -> Any:
            # Reached only for an attribute the entry does not have: a head reads its other fields now.
            if UNREAD not in self.__dict__:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            _whole(self)
            return getattr(self, name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and _whole(other) == _whole(self)

    __hash__ = None  # type: ignore[assignment]


class Figure(Entry):
    TYPE = "figure"

    value: Num
    unit: Text
    unit_en: OptText
    qualifier: Qualifier
    target: Flag
    year: Year
    year_inferred: Flag
    period: OptText
    growth: OptNum
    value_max: OptNum
    projected: Flag
    subject: AnyRef
    part_of: Annotated[str | None, "ref?", ("figure",)]
    growth_basis: Annotated[str | None, "growth-basis?"]
    stated: OptText


class Company(Entry):
    TYPE = "company"

    location: PlaceRef
    industry: Annotated[str | None, "ref?", ("industry",)]
    founded: Year
    founded_inferred: Flag


class Organisation(Entry):
    TYPE = "organisation"

    location: PlaceRef
    parent: AnyRef


class Place(Entry):
    TYPE = "place"

    parent: PlaceRef


class Event(Entry):
    TYPE = "event"

    date: Annotated[str | None, "date?"]
    date_inferred: Flag
    location: PlaceRef
    organiser: AnyRef
    edition: OptInt


class Plan(Entry):
    TYPE = "plan"

    year: Year
    year_inferred: Flag
    deadline: Year
    deadline_inferred: Flag
    issuer: AnyRef


class Product(Entry):
    TYPE = "product"

    maker: Annotated[str | None, "ref?", ("company", "organisation")]
    year: Year
    year_inferred: Flag


class Project(Entry):
    TYPE = "project"


class Industry(Entry):
    TYPE = "industry"

    tier: Annotated[str | None, "tier?"]
    scale: OptNum
    scale_unit: OptText
    scale_qualifier: Qualifier
    scale_stated: OptText


class Person(Entry):
    TYPE = "person"

    role: Text
    role_en: OptText
    organisation: Annotated[str | None, "ref?", ("company", "organisation")]
    statements: Annotated[list[Table], "statements"]


ENTRY_TYPES: dict[str, type[Entry]] = {
    cls.TYPE: cls
    for cls in (Figure, Company, Organisation, Place, Event, Plan, Product, Project, Industry, Person)
}


class FieldSpec(NamedTuple):
    """One record field: its name, its kind, and which entry types a reference may point at."""

    name: str
    kind: str
    targets: tuple[str, ...] = ()


_HEAD = ("id", "type", "region", "name", "name_en")


def _own_specs(cls: type) -> Iterator[FieldSpec]:
    for name, hint in vars(cls).get("__annotations__", {}).items():
        metadata = getattr(hint, "__metadata__", None)
        if metadata:
            yield FieldSpec(name, *metadata)


_SPECS: dict[type[Entry], dict[str, FieldSpec]] = {}


def field_specs(cls: type[Entry]) -> dict[str, FieldSpec]:
    """Every field of an entry type in output order: identity, then the type's own, then the rest."""
    specs = _SPECS.get(cls)
    if specs is None:
        base = {spec.name: spec for spec in _own_specs(Entry)}
        own = {spec.name: spec for spec in _own_specs(cls)} if cls is not Entry else {}
        ordered = [base[name] for name in _HEAD] + list(own.values())
        ordered += [spec for name, spec in base.items() if name not in _HEAD]
        specs = _SPECS[cls] = {spec.name: spec for spec in ordered}
    return specs


def field_order(cls: type[Entry]) -> tuple[str, ...]:
    return tuple(field_specs(cls))


@cache
def kinds_of(type_name: str) -> dict[str, str]:
    """The kind of each field of an entry type, in output order."""
    return {spec.name: spec.kind for spec in field_specs(ENTRY_TYPES[type_name]).values()}


@cache
def reference_fields(type_name: str) -> list[tuple[str, bool]]:
    """(field, whether it holds a list) for each field of an entry type that names other entries."""
    return [(spec.name, spec.kind == "refs") for spec in field_specs(ENTRY_TYPES[type_name]).values()
            if spec.kind in ("ref?", "refs")]


def references(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, id) for every id an entry (as a dict, complete or as written) points at, in field order."""
    found: list[tuple[str, str]] = []
    for name, many in reference_fields(row["type"]):
        if many:
            found.extend((name, target) for target in row.get(name, ()))
        elif row.get(name):
            found.append((name, row[name]))
    return found


class _Completion:
    """How to fill in one kind of table: its scalar defaults, its list fields, its nested tables."""

    __slots__ = ("defaults", "lists", "nested")

    def __init__(self, kinds: dict[str, str]) -> None:
        # Every field in output order; a list field's place is held by None until it is filled in.
        self.defaults: dict[str, Any] = {name: None if is_list(kind) else default_of(kind)
                                         for name, kind in kinds.items()}
        self.lists = [name for name, kind in kinds.items() if is_list(kind)]
        self.nested = [(name, _completion(NESTED_KINDS[kind.rstrip("?")])) for name, kind in kinds.items()
                       if kind.rstrip("?") in NESTED_KINDS]


_COMPLETIONS: dict[int, _Completion] = {}


def _completion(kinds: dict[str, str]) -> _Completion:
    # Keyed by identity: the kinds dicts are module constants, alive as long as the process.
    found = _COMPLETIONS.get(id(kinds))
    if found is None:
        found = _COMPLETIONS[id(kinds)] = _Completion(kinds)
    return found


def complete(row: dict[str, Any]) -> dict[str, Any]:
    """An entry as packed (its tables as written) with every omitted field filled in, in output order."""
    return _complete(_completion(kinds_of(row["type"])), row)


def _complete(completion: _Completion, table: dict[str, Any]) -> dict[str, Any]:
    full = completion.defaults | table
    for name in completion.lists:
        if name not in table:
            full[name] = []  # a new list for each entry: appending to one changes no other
    for name, inner in completion.nested:
        if full[name]:
            full[name] = [_complete(inner, item) for item in full[name]]
    return full


def _whole(entry: Entry) -> dict[str, Any]:
    """The entry's fields, every one: a head's are read first (in the order they were, the head's first)."""
    fields: dict[str, Any] = entry.__dict__
    unread = fields.get(UNREAD)
    if unread is not None:
        whole = unread()  # may find the cache damaged: the head stays as it was
        del fields[UNREAD]
        fields.update(whole)
    return fields


def to_dict(entry: Entry) -> dict[str, Any]:
    """The entry as a JSON object: every key of its type, always, in a stable order."""
    return dict(_whole(entry))


def from_dict(data: dict[str, Any]) -> Entry:
    return ENTRY_TYPES[data["type"]](data)


def outside_fields(outside: list[Table]) -> dict[str, frozenset[str] | None]:
    """What of an entry comes from outside the articles, from its `outside` items: each field they name, with the
    items of a list field they name (None: all of the field, as for a name or a list item that names no values)."""
    found: dict[str, frozenset[str] | None] = {}
    for item in outside:
        field, values = item["field"], item.get("values")
        if not values or (field in found and found[field] is None):
            found[field] = None
        else:
            found[field] = frozenset(values) | (found.get(field) or frozenset())
    return found


def entry_year(entry: Entry) -> int | None:
    """The year an entry is about, whatever field holds it."""
    year = getattr(entry, "year", None)
    if year is None:
        date = getattr(entry, "date", None)
        if date:
            year = int(date[:4])
    return year


class Region(NamedTuple):
    id: str
    name: str
    name_en: str


class Source:
    """An article a dataset cites: the fields of `kinds.SOURCE_KINDS`, and the region citing it."""

    __slots__ = (*SOURCE_KINDS, "region")

    file: str
    title: str | None
    subtitle: str | None
    authors: list[str]
    title_en: str | None
    summary: str | None
    summary_en: str | None
    year: int | None
    year_inferred: bool
    outlet: str | None
    published: str | None
    url: str | None
    region: str

    def __init__(self, **fields: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, fields[name])
