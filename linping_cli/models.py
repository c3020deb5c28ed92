"""Typed records for every kind of entry, and the dataset that holds them.

Each record attribute is annotated with its Python type and, through `Annotated`,
the kind the loader checks it against, so these classes are the one description
of the schema: the loader validates TOML against them, `to_dict` writes JSON in
their order, and `linping schema` is derived from them.

Records are plain classes rather than dataclasses: building a dozen dataclasses
costs more at start-up than a whole query does.
"""

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypedDict

if TYPE_CHECKING:
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
        value_max: int | float | None
        projected: bool

    class Outside(TypedDict):
        field: str
        note: str

    class Statement(TypedDict):
        summary: str
        summary_en: str
        source: list[SourceRef]
else:
    # At run time they are plain dicts; building TypedDict classes costs start-up time.
    SourceRef = KeyFigure = Outside = Statement = dict


# Kinds, as the loader reads them: a trailing "?" means optional (default null);
# list kinds default to []; "bool" defaults to false; anything else is required.
SOURCE_REF_KINDS = {"file": "text", "section": "text"}
KEY_FIGURE_KINDS = {
    "label": "text", "label_en": "text?", "value": "num", "unit": "text", "unit_en": "text?",
    "qualifier": "qualifier?", "target": "bool", "year": "year?", "year_inferred": "bool",
    "growth": "num?", "note": "text?", "source": "sources?", "value_max": "num?", "projected": "bool",
}
# An entry's field that holds something the two articles do not say, and where it comes from.
OUTSIDE_KINDS = {"field": "text", "note": "text"}
# What a person said, in our own words, with where it is said.
STATEMENT_KINDS = {"summary": "text", "summary_en": "text", "source": "sources"}
LIST_KINDS = ("texts", "refs", "sources", "key_figures", "outside", "statements")

# "nearly": just below; "range": value to value_max; "class": a size band, not a measured amount.
QUALIFIERS = ("more-than", "about", "at-least", "at-most", "nearly", "range", "class")
NAME_EN_ORIGINS = ("translation", "own-name", "article")
TIERS = ("3", "2", "X")
YEAR_RANGE = (1800, 2100)

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
AnyRef = Annotated[str | None, "ref?"]
PlaceRef = Annotated[str | None, "ref?", ("place",)]


def default_of(kind: str) -> Any:
    """What an omitted field becomes (see the kinds note above)."""
    if kind in LIST_KINDS:
        return []
    return False if kind == "bool" else None


def is_required(kind: str) -> bool:
    return not kind.endswith("?") and kind not in LIST_KINDS and kind != "bool"


class Entry:
    """What every entry has, whatever its type. Build one from a checked dict (see loading)."""

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
    key_figures: Annotated[list[KeyFigure], "key_figures"]
    related: Annotated[list[str], "refs"]
    note: OptText
    source: Annotated[list[SourceRef], "sources"]
    name_en_origin: OptText  # one of NAME_EN_ORIGINS (checked in validation)
    outside: Annotated[list[Outside], "outside"]

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update(data)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

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


class Person(Entry):
    TYPE = "person"

    role: Text
    role_en: OptText
    organisation: Annotated[str | None, "ref?", ("company", "organisation")]
    statements: Annotated[list[Statement], "statements"]


ENTRY_TYPES: dict[str, type[Entry]] = {
    cls.TYPE: cls
    for cls in (Figure, Company, Organisation, Place, Event, Plan, Product, Project, Industry, Person)
}


class FieldSpec:
    """One record field: its name, its kind, and which entry types a reference may point at."""

    __slots__ = ("kind", "name", "targets")

    def __init__(self, name: str, kind: str, targets: tuple[str, ...] = ()) -> None:
        self.name = name
        self.kind = kind
        self.targets = targets


_HEAD = ("id", "type", "region", "name", "name_en")
_SPECS: dict[type[Entry], dict[str, FieldSpec]] = {}


def _own_specs(cls: type) -> Iterator[FieldSpec]:
    for name, hint in vars(cls).get("__annotations__", {}).items():
        metadata = getattr(hint, "__metadata__", None)
        if metadata:
            yield FieldSpec(name, *metadata)


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


def to_dict(entry: Entry) -> dict[str, Any]:
    """The entry as a JSON object: every key of its type, always, in a stable order."""
    return dict(entry.__dict__)


def from_dict(data: dict[str, Any]) -> Entry:
    return ENTRY_TYPES[data["type"]](data)


def format_number(value: Any) -> str:
    """A number as a person would write it: 1175.09, 810 (not 810.0), every digit kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def entry_year(entry: Entry) -> int | None:
    """The year an entry is about, whatever field holds it."""
    year = getattr(entry, "year", None)
    if year is None:
        date = getattr(entry, "date", None)
        if date:
            year = int(date[:4])
    return year


_REFERENCE_FIELDS: dict[str, list[tuple[str, bool]]] = {}


def reference_fields(type_name: str) -> list[tuple[str, bool]]:
    """(field, whether it holds a list) for each field of an entry type that names other entries."""
    found = _REFERENCE_FIELDS.get(type_name)
    if found is None:
        found = _REFERENCE_FIELDS[type_name] = [
            (spec.name, spec.kind == "refs") for spec in field_specs(ENTRY_TYPES[type_name]).values()
            if spec.kind in ("ref?", "refs")]
    return found


def references(row: dict[str, Any]) -> list[str]:
    """Every id an entry (as a dict, complete or as written) points at, in field order."""
    ids: list[str] = []
    for name, many in reference_fields(row["type"]):
        if many:
            ids.extend(row.get(name, ()))
        elif row.get(name):
            ids.append(row[name])
    return ids


def complete(row: dict[str, Any]) -> dict[str, Any]:
    """An entry as packed (its tables as written) with every omitted field filled in, in output order.

    The defaults' empty lists are shared between entries, which nothing changes.
    """
    return _complete(kinds_of(row["type"]), row)


_NESTED_KINDS = {"sources": SOURCE_REF_KINDS, "key_figures": KEY_FIGURE_KINDS, "outside": OUTSIDE_KINDS,
                 "statements": STATEMENT_KINDS}
_COMPLETIONS: dict[int, tuple[dict[str, Any], list[tuple[str, dict[str, str]]]]] = {}
_ENTRY_KINDS: dict[str, dict[str, str]] = {}


def kinds_of(type_name: str) -> dict[str, str]:
    """The kind of each field of an entry type, in output order."""
    found = _ENTRY_KINDS.get(type_name)
    if found is None:
        specs = field_specs(ENTRY_TYPES[type_name]).values()
        found = _ENTRY_KINDS[type_name] = {spec.name: spec.kind for spec in specs}
    return found


def _complete(kinds: dict[str, str], table: dict[str, Any]) -> dict[str, Any]:
    completion = _COMPLETIONS.get(id(kinds))
    if completion is None:
        completion = _COMPLETIONS[id(kinds)] = (
            {name: default_of(kind) for name, kind in kinds.items()},
            [(name, _NESTED_KINDS[kind.rstrip("?")]) for name, kind in kinds.items()
             if kind.rstrip("?") in _NESTED_KINDS])
    defaults, nested = completion
    full = defaults | table
    for name, inner in nested:
        if full[name]:
            full[name] = [_complete(inner, item) for item in full[name]]
    return full


class Region:
    __slots__ = ("id", "name", "name_en")

    def __init__(self, id: str, name: str, name_en: str) -> None:
        self.id, self.name, self.name_en = id, name, name_en


class Source:
    """An article a dataset cites."""

    __slots__ = ("authors", "file", "region", "subtitle", "summary", "summary_en", "title", "title_en", "year")

    def __init__(self, file: str, title: str | None, title_en: str | None, summary: str | None,
                 summary_en: str | None, year: int | None, region: str, subtitle: str | None = None,
                 authors: list[str] | None = None) -> None:
        self.file, self.title, self.title_en = file, title, title_en  # title None: the file has no headline
        self.summary, self.summary_en, self.year, self.region = summary, summary_en, year, region
        self.subtitle, self.authors = subtitle, authors or []


class Dataset:
    """Every entry of every loaded region, each decoded into a record only when asked for.

    Rows are kept as marshal bytes (in memory, or read from the cache file on demand),
    so a query over a large dataset decodes only the entries it prints.
    """

    def __init__(self, *, row: Callable[[int], dict[str, Any]], ids: list[str], regions_of: list[str], types: list[str],
                 regions: list[Region], sources: list[Source], search_index: Any) -> None:
        self._row = row
        self.ids = ids
        self.regions_of = regions_of
        self.types = types
        self.regions = regions
        self.sources = sources
        self.search_index = search_index  # a search.SearchIndex
        self._records: dict[int, Entry] = {}
        self._by_key: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def id_of(self, position: int) -> str:
        return self.ids[position]

    def region_of(self, position: int) -> str:
        return self.regions_of[position]

    def record(self, position: int) -> Entry:
        found = self._records.get(position)
        if found is None:
            found = self._records[position] = from_dict(self._row(position))
        return found

    @property
    def entries(self) -> list[Entry]:
        return [self.record(position) for position in range(len(self.ids))]

    def of_type(self, type_name: str) -> list[Entry]:
        return [self.record(p) for p, kind in enumerate(self.types) if kind == type_name]

    def _index(self) -> dict[str, list[int]]:
        if self._by_key is None:
            by_key: dict[str, list[int]] = {}
            for position, (region, entry_id) in enumerate(zip(self.regions_of, self.ids, strict=True)):
                by_key.setdefault(entry_id, []).append(position)
                by_key.setdefault(f"{region}:{entry_id}", []).append(position)
            self._by_key = by_key
        return self._by_key

    def get(self, key: str) -> Entry | None:
        """The entry with this id (or `region:id`), or None when there is none or it is ambiguous."""
        found = self._index().get(key)
        return self.record(found[0]) if found and len(found) == 1 else None

    def candidates(self, key: str) -> list[Entry]:
        return [self.record(position) for position in self._index().get(key, ())]

    def keys(self) -> list[str]:
        return list(self._index())

    def qualified_id(self, entry: Entry) -> str:
        """The id to type for this entry: bare where it is unique, `region:id` where not."""
        if len(self._index().get(entry.id, ())) > 1:
            return f"{entry.region}:{entry.id}"
        return entry.id


