"""A loaded dataset as an SQLite database, for the sqlite3 shell, sqlite-utils, Datasette or DuckDB.

Tables: `regions`, `sources`, `entries` (what every entry has, searchable through the
trigram index `entries_fts`), one table per entry type with a column per field, `facts`
(every number, from `query.facts`), `relations` (every reference) and `people`. Entries are
keyed by (region, id), since two regions may use one id; references point within a region.

The file is written beside its destination and renamed into place, so a reader never sees a
half-built database and a failed export leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.kinds import KEY_FIGURE_KINDS
from linping_cli.model.records import ENTRY_TYPES, Entry, field_specs, kinds_of, reference_fields
from linping_cli.store.dataset import Dataset

# Every number, as `query.facts` gives it (the cli hands them in): the column names, and (region, row) pairs.
Facts = tuple[Sequence[str], Iterable[tuple[str | None, dict[str, Any]]]]

_SQL_TYPES = {"num": "REAL", "int": "INTEGER", "year": "INTEGER", "bool": "INTEGER"}
_INT64 = (-(2**63), 2**63 - 1)
# The columns of `entries`: what every entry type has, and what its search index covers.
_COMMON = ("region", "id", "type", "name", "name_en", "aliases", "pinyin", "tags", "category", "summary",
           "summary_en")
_SEARCHED = ("name", "name_en", "aliases", "pinyin", "summary", "summary_en")
_ENTRY_KEY = "FOREIGN KEY (region, {0}) REFERENCES entries (region, id)"


def _sql_type(kind: str) -> str:
    return _SQL_TYPES.get(kind.rstrip("?"), "TEXT")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cell(value: Any) -> Any:
    """A value as SQLite stores it: lists and tables as JSON text, booleans as 0/1, nothing lost."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
        return str(value)  # wider than SQLite's integers: kept whole, as text
    return value


def _create(db: sqlite3.Connection, table: str, columns: dict[str, str], keys: Sequence[str]) -> None:
    lines = [f"{_quote(name)} {sql_type}" for name, sql_type in columns.items()] + list(keys)
    db.execute(f"CREATE TABLE {_quote(table)} (\n  " + ",\n  ".join(lines) + "\n)")


def _insert(db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    marks = ", ".join("?" for _ in columns)
    names = ", ".join(_quote(name) for name in columns)
    cursor = db.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})",
                            ([_cell(value) for value in row] for row in rows))
    return cursor.rowcount


def _write_tables(db: sqlite3.Connection, dataset: Dataset, facts: Facts) -> dict[str, int]:
    entries = dataset.entries
    counts: dict[str, int] = {}
    _create(db, "regions", {"id": "TEXT", "name": "TEXT", "name_en": "TEXT"}, ["PRIMARY KEY (id)"])
    counts["regions"] = _insert(db, "regions", ["id", "name", "name_en"],
                                ([r.id, r.name, r.name_en] for r in dataset.regions))
    source_columns = ["region", "file", "title", "title_en", "year", "summary", "summary_en"]
    _create(db, "sources", {name: "INTEGER" if name == "year" else "TEXT" for name in source_columns},
            ["PRIMARY KEY (region, file)", "FOREIGN KEY (region) REFERENCES regions (id)"])
    counts["sources"] = _insert(db, "sources", source_columns,
                                ([getattr(s, name) for name in source_columns] for s in dataset.sources))

    common = kinds_of("figure")
    _create(db, "entries", {name: _sql_type(common[name]) for name in _COMMON},
            ["PRIMARY KEY (region, id)", "FOREIGN KEY (region) REFERENCES regions (id)"])
    counts["entries"] = _insert(db, "entries", _COMMON, ([getattr(e, name) for name in _COMMON] for e in entries))
    db.execute(f"CREATE VIRTUAL TABLE entries_fts USING fts5({', '.join(_SEARCHED)}, "
               'content="entries", tokenize="trigram")')
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")

    for type_name, cls in ENTRY_TYPES.items():
        specs = field_specs(cls)
        keys = ["PRIMARY KEY (region, id)", _ENTRY_KEY.format("id")]
        keys += [_ENTRY_KEY.format(_quote(name)) for name, many in reference_fields(type_name) if not many]
        _create(db, type_name, {name: _sql_type(spec.kind) for name, spec in specs.items()}, keys)
        counts[type_name] = _insert(db, type_name, list(specs),
                                    ([getattr(e, name) for name in specs] for e in entries if e.type == type_name))

    fact_kinds = {"entry": "id", "type": "type", "name": "text", "name_en": "text", **KEY_FIGURE_KINDS}
    fact_columns, fact_rows = facts
    _create(db, "facts", {"fact": "INTEGER", "region": "TEXT",
                          **{name: _sql_type(fact_kinds[name]) for name in fact_columns}},
            ["PRIMARY KEY (fact)", _ENTRY_KEY.format("entry")])
    counts["facts"] = _insert(db, "facts", ["region", *fact_columns],
                              ([region, *(row[name] for name in fact_columns)] for region, row in fact_rows))

    _create(db, "relations", {"region": "TEXT", "entry": "TEXT", "field": "TEXT", "target": "TEXT"},
            ["PRIMARY KEY (region, entry, field, target)", _ENTRY_KEY.format("entry"), _ENTRY_KEY.format("target")])
    counts["relations"] = _insert(db, "relations", ["region", "entry", "field", "target"], _relations(entries))

    # The people the articles name, each with where they work: the person entries, in short.
    person_columns = ["region", "entry", "name", "name_en", "role", "role_en", "organisation"]
    _create(db, "people", {"person": "INTEGER", **dict.fromkeys(person_columns, "TEXT")},
            ["PRIMARY KEY (person)", _ENTRY_KEY.format("entry")])
    counts["people"] = _insert(db, "people", person_columns, (
        [e.region, e.id, *(getattr(e, name) for name in person_columns[2:])] for e in entries if e.type == "person"))
    return counts


def _relations(entries: list[Entry]) -> Iterable[tuple[str | None, str, str, str]]:
    for entry in entries:
        seen: set[tuple[str, str]] = set()
        for name, many in reference_fields(entry.type):
            value = getattr(entry, name)
            for target in (value if many else [value] if value else []):
                if (name, target) not in seen:
                    seen.add((name, target))
                    yield entry.region, entry.id, name, target


def export(dataset: Dataset, facts: Facts, path: Path, *, replace: bool) -> dict[str, int]:
    """Write `dataset` to a new SQLite file at `path`; the number of rows in each table."""
    if path.exists() and not replace:
        raise UserError(f"{path} exists: give --replace to overwrite it")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        try:
            db.execute("PRAGMA journal_mode = MEMORY")
            with db:
                counts = _write_tables(db, dataset, facts)
        finally:
            db.close()
        _move(Path(temporary), path, replace=replace)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return counts


def _move(temporary: Path, path: Path, *, replace: bool) -> None:
    try:
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the file has appeared meanwhile: never overwrites
    except FileExistsError:
        raise UserError(f"{path} exists: give --replace to overwrite it") from None
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
