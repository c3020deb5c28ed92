"""Typed records for every kind of entry, and the dataset that holds them.

Each record field carries its validation kind in its metadata, so the dataclasses
below are the one description of the schema: the loader checks TOML against them,
`to_dict` writes JSON from them, and the JSON Schema test reads them.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, ClassVar, TypedDict


class SourceRef(TypedDict):
    file: str
    section: str


class KeyFigure(TypedDict):
    label: str
    label_en: str | None
    value: int | float
    unit: str
    unit_en: str | None
    qualifier: str | None
    target: bool
    year: int | None
    year_inferred: bool
    growth: int | float | None
    note: str | None
    source: list[SourceRef]


class Person(TypedDict):
    name: str
    role: str | None
    role_en: str | None


# Field kinds of the nested tables, in output order (see `_field` for what a kind means).
SOURCE_REF_KINDS = {"file": "text", "section": "text"}
KEY_FIGURE_KINDS = {
    "label": "text", "label_en": "text?", "value": "num", "unit": "text", "unit_en": "text?",
    "qualifier": "qualifier?", "target": "bool", "year": "year?", "year_inferred": "bool",
    "growth": "num?", "note": "text?", "source": "sources?",
}
PERSON_KINDS = {"name": "text", "role": "text?", "role_en": "text?"}


QUALIFIERS = ("more-than", "about", "at-least", "at-most")
TIERS = ("3", "2", "X")
YEAR_RANGE = (1800, 2100)


def _field(kind: str, **extra: Any) -> Any:
    """A record field whose `kind` tells the loader how to check it.

    Kinds ending in `?` are optional scalars (default null); list kinds default
    to an empty list; `bool` defaults to false; every other kind is required.
    """
    metadata = {"kind": kind, **extra}
    if kind.endswith("?"):
        return field(default=None, metadata=metadata)
    if kind in ("texts", "refs", "key_figures", "people"):
        return field(default_factory=list, metadata=metadata)
    if kind == "bool":
        return field(default=False, metadata=metadata)
    return field(metadata=metadata)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """What every entry has, whatever its type."""

    TYPE: ClassVar[str] = ""

    id: str = _field("id")
    region: str | None = _field("region?")
    name: str = _field("text")
    name_en: str = _field("text")
    aliases: list[str] = _field("texts")
    pinyin: list[str] = _field("texts")
    tags: list[str] = _field("texts")
    category: str | None = _field("text?")
    summary: str = _field("text")
    summary_en: str = _field("text")
    key_figures: list[KeyFigure] = _field("key_figures")
    related: list[str] = _field("refs")
    note: str | None = _field("text?")
    source: list[SourceRef] = _field("sources")

    @property
    def type(self) -> str:
        return self.TYPE


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Entry):
    TYPE: ClassVar[str] = "figure"

    value: int | float = _field("num")
    unit: str = _field("text")
    unit_en: str | None = _field("text?")
    qualifier: str | None = _field("qualifier?")
    target: bool = _field("bool")
    year: int | None = _field("year?")
    year_inferred: bool = _field("bool")
    period: str | None = _field("text?")
    growth: int | float | None = _field("num?")
    subject: str | None = _field("ref?")
    part_of: str | None = _field("ref?", to=("figure",))


@dataclass(frozen=True, slots=True, kw_only=True)
class Company(Entry):
    TYPE: ClassVar[str] = "company"

    location: str | None = _field("ref?", to=("place",))
    industry: str | None = _field("ref?", to=("industry",))
    founded: int | None = _field("year?")
    founded_inferred: bool = _field("bool")
    people: list[Person] = _field("people")


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation(Entry):
    TYPE: ClassVar[str] = "organisation"

    location: str | None = _field("ref?", to=("place",))
    parent: str | None = _field("ref?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place(Entry):
    TYPE: ClassVar[str] = "place"

    parent: str | None = _field("ref?", to=("place",))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Entry):
    TYPE: ClassVar[str] = "event"

    date: str | None = _field("date?")
    date_inferred: bool = _field("bool")
    location: str | None = _field("ref?", to=("place",))
    organiser: str | None = _field("ref?")
    edition: int | None = _field("int?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan(Entry):
    TYPE: ClassVar[str] = "plan"

    year: int | None = _field("year?")
    year_inferred: bool = _field("bool")
    deadline: int | None = _field("year?")
    issuer: str | None = _field("ref?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Product(Entry):
    TYPE: ClassVar[str] = "product"

    maker: str | None = _field("ref?", to=("company", "organisation"))
    year: int | None = _field("year?")
    year_inferred: bool = _field("bool")


@dataclass(frozen=True, slots=True, kw_only=True)
class Project(Entry):
    TYPE: ClassVar[str] = "project"


@dataclass(frozen=True, slots=True, kw_only=True)
class Industry(Entry):
    TYPE: ClassVar[str] = "industry"

    tier: str | None = _field("tier?")
    scale: int | float | None = _field("num?")
    scale_unit: str | None = _field("text?")
    scale_qualifier: str | None = _field("qualifier?")


ENTRY_TYPES: dict[str, type[Entry]] = {
    cls.TYPE: cls
    for cls in (Figure, Company, Organisation, Place, Event, Plan, Product, Project, Industry)
}

_BASE_HEAD = ("id", "type", "region", "name", "name_en")
_ORDER_CACHE: dict[type[Entry], tuple[str, ...]] = {}


def field_order(cls: type[Entry]) -> tuple[str, ...]:
    """Output key order: identity first, then what is special to the type, then the rest."""
    order = _ORDER_CACHE.get(cls)
    if order is None:
        base = [f.name for f in fields(Entry)]
        own = [f.name for f in fields(cls) if f.name not in base]
        rest = [name for name in base if name not in _BASE_HEAD]
        order = _ORDER_CACHE[cls] = (*_BASE_HEAD, *own, *rest)
    return order


def field_default(f: Field[Any]) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return MISSING


def to_dict(entry: Entry) -> dict[str, Any]:
    """The entry as a JSON object: every key of its type, always, in a stable order."""
    return {name: getattr(entry, name) for name in field_order(type(entry))}


def from_dict(data: dict[str, Any]) -> Entry:
    cls = ENTRY_TYPES[data["type"]]
    return cls(**{k: v for k, v in data.items() if k != "type"})


def entry_year(entry: Entry) -> int | None:
    """The year an entry is about, whatever field holds it."""
    year = getattr(entry, "year", None)
    if year is None:
        date = getattr(entry, "date", None)
        if date:
            year = int(date[:4])
    return year


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    title: str
    title_en: str | None
    summary: str | None
    summary_en: str | None
    year: int | None
    region: str


@dataclass
class Dataset:
    """Every entry of every loaded region, with a lookup by id."""

    entries: list[Entry]
    regions: list[Region]
    sources: list[Source]
    _by_key: dict[str, list[Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._by_key.setdefault(entry.id, []).append(entry)
            if entry.region:
                self._by_key.setdefault(f"{entry.region}:{entry.id}", []).append(entry)

    def get(self, key: str) -> Entry | None:
        """The entry with this id (or `region:id`), or None when there is none or it is ambiguous."""
        found = self._by_key.get(key)
        return found[0] if found and len(found) == 1 else None

    def candidates(self, key: str) -> list[Entry]:
        return list(self._by_key.get(key, ()))

    def keys(self) -> list[str]:
        return list(self._by_key)

    def qualified_id(self, entry: Entry) -> str:
        """The id to type for this entry: bare where it is unique, `region:id` where not."""
        if len(self._by_key.get(entry.id, ())) > 1:
            return f"{entry.region}:{entry.id}"
        return entry.id

    def related_to(self, entry: Entry) -> list[Entry]:
        """Entries of the same region that name this one in a reference field."""
        return [other for other in self.entries if other.region == entry.region and entry.id in references(other)]


def reference_fields(cls: type[Entry]) -> list[Field[Any]]:
    return [f for f in fields(cls) if f.metadata["kind"] in ("ref?", "refs")]


def references(entry: Entry) -> list[str]:
    """Every id this entry points at, in field order."""
    ids: list[str] = []
    for f in reference_fields(type(entry)):
        value = getattr(entry, f.name)
        if isinstance(value, list):
            ids.extend(value)
        elif value:
            ids.append(value)
    return ids
