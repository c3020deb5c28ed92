"""The loaded dataset: every entry of every region, each decoded into a record only when asked for."""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from linping_cli.model.records import UNREAD, Entry, Region, Source, complete, from_dict
from linping_cli.store import cache
from linping_cli.store.index import SearchIndex


class Dataset:
    """Entries kept as marshal bytes (in memory, or read from the cache file on demand),
    so a query over a large dataset decodes only the entries it prints.
    """

    def __init__(self, *, row: Callable[[int], dict[str, Any]], ids: list[str], regions_of: list[str], types: list[str],
                 regions: list[Region], sources: list[Source], search_index: SearchIndex,
                 names: Callable[[], list[str]], units: Sequence[dict[str, Any]] = (),
                 synonyms: list[list[str]] | None = None) -> None:
        self._row = row
        self._read_names = names  # every entry's name and English name in turn, read when first needed
        self._names: list[str] | None = None
        self.ids = ids
        self.regions_of = regions_of
        self.types = types
        self.regions = regions
        self.sources = sources
        self.search_index = search_index
        self.units = list(units)  # the [[unit]] tables of every region loaded
        self.synonyms = synonyms or []  # the [[synonym]] groups of every region, normalised
        self._records: dict[int, Entry] = {}
        self._at: dict[str, int] | None = None  # see _keys
        self._shared: dict[str, list[int]] = {}
        self._qualified: list[str] | None = None

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

    def heads(self, positions: Iterable[int]) -> list[Entry]:
        """The entries at `positions`; one not read yet is made from its head (id, type, region, name and
        name_en), and its other fields are read when one is first asked for."""
        names, ids, types, regions_of, records = self.names(), self.ids, self.types, self.regions_of, self._records
        found = []
        for position in positions:
            entry = records.get(position)
            if entry is None:
                entry = records[position] = from_dict({
                    "id": ids[position], "type": types[position], "region": regions_of[position],
                    "name": names[2 * position], "name_en": names[2 * position + 1],
                    UNREAD: partial(self._row, position)})  # the row reader alone: no cycle back to the dataset
            found.append(entry)
        return found

    def names(self) -> list[str]:
        """Every entry's name and English name, in turn: an entry's at twice its position."""
        if self._names is None:
            self._names = self._read_names()
        return self._names

    @property
    def entries(self) -> list[Entry]:
        return [self.record(position) for position in range(len(self.ids))]

    def of_type(self, type_name: str) -> list[Entry]:
        return [self.record(p) for p, kind in enumerate(self.types) if kind == type_name]

    def _keys(self) -> tuple[dict[str, int], dict[str, list[int]]]:
        """Where the entry each key names is (every `region:id`, and each bare id one region alone has),
        and where the entries are of each bare id several regions share."""
        if self._at is None:
            # Comprehensions, which cost a third of a loop: a `region:id` is always unique, a bare id nearly so.
            at = {entry_id: position for position, entry_id in enumerate(self.ids)}
            if len(at) < len(self.ids):
                every: dict[str, list[int]] = {}
                for position, entry_id in enumerate(self.ids):
                    every.setdefault(entry_id, []).append(position)
                self._shared = {key: found for key, found in every.items() if len(found) > 1}
                for key in self._shared:
                    del at[key]
            at.update({f"{region}:{entry_id}": position for position, (region, entry_id)
                       in enumerate(zip(self.regions_of, self.ids, strict=True))})
            self._at = at
        return self._at, self._shared

    def get(self, key: str) -> Entry | None:
        """The entry with this id (or `region:id`), or None when there is none or it is ambiguous."""
        position = self.position(key)
        return None if position is None else self.record(position)

    def position(self, key: str) -> int | None:
        """Where the entry with this id (or `region:id`) is, or None when there is none or it is ambiguous."""
        return (self._at or self._keys()[0]).get(key)

    def candidates(self, key: str) -> list[Entry]:
        at, shared = self._keys()
        return [self.record(position) for position in shared.get(key) or ([at[key]] if key in at else [])]

    def keys(self) -> list[str]:
        at, shared = self._keys()
        return [*at, *shared]

    def qualified_id(self, entry: Entry) -> str:
        """The id to type for this entry: bare where it is unique, `region:id` where not."""
        return f"{entry.region}:{entry.id}" if entry.id in self._keys()[1] else entry.id

    def qualified_ids(self) -> list[str]:
        """The id to type for each entry (see qualified_id), by position."""
        if self._qualified is None:
            shared = self._keys()[1]
            self._qualified = [f"{region}:{entry_id}" if entry_id in shared else entry_id
                               for region, entry_id in zip(self.regions_of, self.ids, strict=True)]
        return self._qualified


# The payload and the reader of the blobs (rows, then index parts) of a dataset, as `ingest` packs it.
Stored = tuple[dict[str, Any], Callable[[int, int], bytes]]


class _Blobs:
    """A payload's rows and index parts, each read when first needed and checked against its checksum.

    One that fails or cannot be read (a damaged cache file) is read instead from the dataset built afresh in
    memory by `rebuild`: the same payload (packing is deterministic; cache.Changed if not), so the command goes on
    as if nothing had happened.
    """

    def __init__(self, payload: dict[str, Any], read: Callable[[int, int], bytes],
                 rebuild: Callable[[], Stored] | None) -> None:
        self.payload, self._read, self._rebuild = payload, read, rebuild
        self._offsets = memoryview(payload["offsets"]).cast("q")
        self._crcs = memoryview(payload["crcs"]).cast("I")

    def row(self, position: int) -> bytes:
        return self._checked(lambda: (self._offsets[position], self._offsets[position + 1] - self._offsets[position],
                                      self._crcs[position]))

    def part(self, name: str) -> bytes:
        return self._checked(lambda: self.payload["search"][name])

    def names(self) -> bytes:
        return self._checked(lambda: self.payload["names"])

    def _checked(self, where: Callable[[], tuple[int, int, int]]) -> bytes:
        offset, size, crc = where()
        try:
            return cache.checked(self._read(offset, size), crc)
        except (cache.Damaged, OSError):
            if self._rebuild is None:
                raise cache.Damaged() from None
            fresh, self._read = self._rebuild()
            self._rebuild = None  # built from its files, in memory: read from there from now on
            if fresh != self.payload:
                raise cache.Changed() from None
        return cache.checked(self._read(offset, size), crc)


def from_payload(payload: dict[str, Any], read_rows: Callable[[int, int], bytes],
                 rebuild: Callable[[], Stored] | None = None) -> Dataset:
    """The dataset a payload describes, its rows and index parts read through `read_rows` (see _Blobs)."""
    blobs = _Blobs(payload, read_rows, rebuild)

    def row(position: int) -> dict[str, Any]:
        data = complete(marshal.loads(blobs.row(position)))
        data["region"] = regions_of[position]  # rows are packed before their region is known
        return data

    def names() -> list[str]:
        found: list[str] = marshal.loads(blobs.names())
        return found

    ids = payload["ids"].split("\n") if payload["ids"] else []
    regions_of = payload["regions_of"].split("\n") if ids else []
    return Dataset(
        row=row,
        ids=ids,
        regions_of=regions_of,
        types=payload["types"].split("\n") if ids else [],
        regions=[Region(**data) for data in payload["regions"]],
        sources=[Source(**data) for data in payload["sources"]],
        search_index=SearchIndex(blobs.part),
        names=names,
        units=payload["units"],
        synonyms=payload.get("synonyms", []),
    )


def open_cached(roots: Sequence[str], rebuild: Callable[[], Stored] | None = None) -> Dataset | None:
    """The dataset cached for `roots`, if the cache is fresh; None for a miss."""
    stored = cache.read(roots)
    return None if stored is None else from_payload(*stored, rebuild)
