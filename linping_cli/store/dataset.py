"""The loaded dataset: every entry of every region, each decoded into a record only when asked for."""

from __future__ import annotations

import marshal
from collections.abc import Callable, Sequence
from typing import Any

from linping_cli.model.records import Entry, Region, Source, complete, from_dict
from linping_cli.store import cache
from linping_cli.store.index import SearchIndex


class Dataset:
    """Entries kept as marshal bytes (in memory, or read from the cache file on demand),
    so a query over a large dataset decodes only the entries it prints.
    """

    def __init__(self, *, row: Callable[[int], dict[str, Any]], ids: list[str], regions_of: list[str], types: list[str],
                 regions: list[Region], sources: list[Source], search_index: SearchIndex,
                 units: Sequence[dict[str, Any]] = (), synonyms: list[list[str]] | None = None) -> None:
        self._row = row
        self.ids = ids
        self.regions_of = regions_of
        self.types = types
        self.regions = regions
        self.sources = sources
        self.search_index = search_index
        self.units = list(units)  # the [[unit]] tables of every region loaded
        self.synonyms = synonyms or []  # the [[synonym]] groups of every region, normalised
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
        units=payload["units"],
        synonyms=payload.get("synonyms", []),
    )


def open_cached(roots: Sequence[str], rebuild: Callable[[], Stored] | None = None) -> Dataset | None:
    """The dataset cached for `roots`, if the cache is fresh; None for a miss."""
    stored = cache.read(roots)
    return None if stored is None else from_payload(*stored, rebuild)
