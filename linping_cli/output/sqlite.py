"""A loaded dataset as an SQLite database, for the sqlite3 shell, sqlite-utils, Datasette or DuckDB.

Tables: `regions`, `sources`, `entries` (what every entry has, searchable through
`entries_fts`), one table per entry type with a column per field, `facts` (every number, from
`query.facts`), `relations` (every reference) and `people`. Every entry is keyed by one text
column, `entry_key` (`region:id`, as linping itself writes an id two regions share), and every
column that names an entry has a `_key` twin declared as a foreign key to it: one column, so
that Datasette follows it. A key is the same in every export of the same data, unlike a row
number, and `linping show` takes it as it is.

The full-text index reads the words `fts_terms` writes into two columns of `entries`, with
SQLite's own unicode61 tokenizer, so that the stock sqlite3 shell, sqlite-utils and Datasette
search it without any extension or configuration. The index's `rank` weighs a name above a
summary.

The file is created as any new file is (its mode is what the umask leaves of 0666), written
beside its destination and renamed into place, so a reader never sees a half-built database and
a failed export leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.records import ENTRY_TYPES, Entry, Person, field_specs, kinds_of, reference_fields
from linping_cli.model.rows import FACT
from linping_cli.output.fts_terms import Synonyms, name_terms, text_terms
from linping_cli.store.dataset import Dataset

# Every number, as `query.facts` gives it (the cli hands them in): (region, fact row) pairs.
Facts = Iterable[tuple[str | None, dict[str, Any]]]

_KEY = "entry_key"
_SQL_TYPES = {"num": "REAL", "int": "INTEGER", "year": "INTEGER", "bool": "INTEGER"}
_INT64 = (-(2**63), 2**63 - 1)
# The columns of `entries`: what every entry type has; then the words its search index reads.
_COMMON = ("region", "id", "type", "name", "name_en", "aliases", "pinyin", "tags", "category", "summary",
           "summary_en")
_TERMS = ("name_terms", "text_terms")
_RANK = "bm25(10.0, 1.0)"  # a word of a name counts ten times a word of the text
_PERSON = ("name", "name_en", "role", "role_en", "organisation")


def _key(region: str | None, entry_id: str | None) -> str | None:
    return None if entry_id is None else f"{region}:{entry_id}"


def _sql_type(kind: str) -> str:
    return _SQL_TYPES.get(kind.rstrip("?"), "TEXT")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _points_at(column: str, table: str = "entries") -> str:
    return f"FOREIGN KEY ({_quote(column)}) REFERENCES {_quote(table)} ({_KEY})"


def _cell(value: Any) -> Any:
    """A value as SQLite stores it: lists and tables as JSON text, booleans as 0/1, nothing lost."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
        return str(value)  # wider than SQLite's integers: kept whole, as text
    return value


def _table(db: sqlite3.Connection, table: str, columns: dict[str, str], keys: Sequence[str],
           rows: Iterable[Sequence[Any]]) -> int:
    """Create a table and fill it; how many rows it got."""
    lines = [f"{_quote(name)} {sql_type}" for name, sql_type in columns.items()] + list(keys)
    db.execute(f"CREATE TABLE {_quote(table)} (\n  " + ",\n  ".join(lines) + "\n)")
    marks = ", ".join("?" for _ in columns)
    names = ", ".join(_quote(name) for name in columns)
    cursor = db.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})",
                            ([_cell(value) for value in row] for row in rows))
    return cursor.rowcount


def _write_tables(db: sqlite3.Connection, dataset: Dataset, facts: Facts) -> dict[str, int]:
    entries = dataset.entries
    counts: dict[str, int] = {}
    counts["regions"] = _table(db, "regions", {"id": "TEXT", "name": "TEXT", "name_en": "TEXT"},
                               ["PRIMARY KEY (id)"], ([r.id, r.name, r.name_en] for r in dataset.regions))
    source_columns = ["region", "file", "title", "title_en", "year", "summary", "summary_en"]
    counts["sources"] = _table(
        db, "sources", {name: "INTEGER" if name == "year" else "TEXT" for name in source_columns},
        ["PRIMARY KEY (region, file)", "FOREIGN KEY (region) REFERENCES regions (id)"],
        ([getattr(s, name) for name in source_columns] for s in dataset.sources))

    counts["entries"] = _entries_table(db, entries, Synonyms(dataset.synonyms))
    for type_name in ENTRY_TYPES:
        counts[type_name] = _type_table(db, type_name, [e for e in entries if e.type == type_name])
    counts["facts"] = _facts_table(db, facts)
    counts["relations"] = _table(
        db, "relations", {_KEY: "TEXT", "field": "TEXT", "target_key": "TEXT", "region": "TEXT", "entry": "TEXT",
                          "target": "TEXT"},
        [f"PRIMARY KEY ({_KEY}, field, target_key)", _points_at(_KEY), _points_at("target_key")], _relations(entries))
    # The people the articles name, each with where they work: the person entries, in short.
    counts["people"] = _table(
        db, "people", {"person": "INTEGER", _KEY: "TEXT", "region": "TEXT", "entry": "TEXT",
                       **dict.fromkeys(_PERSON, "TEXT"), "organisation_key": "TEXT"},
        ["PRIMARY KEY (person)", _points_at(_KEY, "person"), _points_at("organisation_key")],
        ([None, _key(p.region, p.id), p.region, p.id, *(getattr(p, name) for name in _PERSON),
          _key(p.region, p.organisation)] for p in entries if isinstance(p, Person)))
    return counts


def _entries_table(db: sqlite3.Connection, entries: list[Entry], synonyms: Synonyms) -> int:
    """`entries`, and its full-text index over the words `fts_terms` writes for each entry."""
    common = kinds_of("figure")
    count = _table(
        db, "entries", {_KEY: "TEXT NOT NULL", **{name: _sql_type(common[name]) for name in _COMMON},
                        **dict.fromkeys(_TERMS, "TEXT")},
        [f"PRIMARY KEY ({_KEY})", "FOREIGN KEY (region) REFERENCES regions (id)"],
        ([_key(e.region, e.id), *(getattr(e, name) for name in _COMMON), name_terms(e, synonyms),
          text_terms(e, synonyms)] for e in entries))
    # Datasette and sqlite-utils find the index by its content="entries".
    db.execute(f'CREATE VIRTUAL TABLE entries_fts USING fts5({", ".join(_TERMS)}, content="entries", '
               "tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('rank', ?)", [_RANK])
    return count


def _type_table(db: sqlite3.Connection, type_name: str, entries: list[Entry]) -> int:
    """The table of one entry type: a column per field, and a `_key` beside each field naming one entry."""
    specs = field_specs(ENTRY_TYPES[type_name])
    single = [name for name, many in reference_fields(type_name) if not many]
    columns, keys = {_KEY: "TEXT NOT NULL"}, [f"PRIMARY KEY ({_KEY})", _points_at(_KEY)]
    for name, spec in specs.items():
        columns[name] = _sql_type(spec.kind)
        if name in single:
            columns[f"{name}_key"] = "TEXT"
            # To the table of the one type it may name (a place's page), else to entries.
            keys.append(_points_at(f"{name}_key", spec.targets[0] if len(spec.targets) == 1 else "entries"))

    def row(entry: Entry) -> list[Any]:
        values = [_key(entry.region, entry.id)]
        for name in specs:
            values.append(getattr(entry, name))
            if name in single:
                values.append(_key(entry.region, values[-1]))
        return values

    return _table(db, type_name, columns, keys, map(row, entries))


def _facts_table(db: sqlite3.Connection, facts: Facts) -> int:
    """`facts`: a fact row's columns (model/rows.py), keyed and typed."""
    return _table(db, "facts", {"fact": "INTEGER", _KEY: "TEXT", "region": "TEXT",
                                **{name: _sql_type(kind) for name, kind in FACT.kinds.items()}},
                  ["PRIMARY KEY (fact)", _points_at(_KEY)],
                  ([None, _key(region, row["entry"]), region, *(row[name] for name in FACT.fields)]
                   for region, row in facts))


def _relations(entries: list[Entry]) -> Iterable[list[str | None]]:
    for entry in entries:
        seen: set[tuple[str, str]] = set()
        for name, many in reference_fields(entry.type):
            value = getattr(entry, name)
            for target in (value if many else [value] if value else []):
                if (name, target) not in seen:
                    seen.add((name, target))
                    yield [_key(entry.region, entry.id), name, _key(entry.region, target), entry.region, entry.id,
                           target]


def export(dataset: Dataset, facts: Facts, path: Path, *, replace: bool) -> dict[str, int]:
    """Write `dataset` to a new SQLite file at `path`; the number of rows in each table."""
    if path.exists() and not replace:
        raise UserError(f"{path} exists: give --replace to overwrite it")
    if path.is_symlink() or (path.exists() and not path.is_file()):  # a device, a folder, a link: never replaced
        raise UserError(f"{path} is not a regular file: export writes a file of its own, and replaces only one")
    temporary = _new_file_beside(path)
    try:
        db = sqlite3.connect(temporary)
        try:
            db.execute("PRAGMA journal_mode = MEMORY")
            with db:
                counts = _write_tables(db, dataset, facts)
        finally:
            db.close()
        _move(temporary, path, replace=replace)
    finally:
        temporary.unlink(missing_ok=True)
    return counts


def _new_file_beside(path: Path) -> Path:
    """A new empty file next to `path`, its mode left to the umask (a temporary file's would be 0600)."""
    while True:
        candidate = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue  # another export's name: 48 random bits make a second clash all but impossible
        except OSError as error:
            raise UserError(f"cannot write {path}: {error.strerror}") from None
        return candidate


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
