"""Check dataset files against the record types, collecting every problem.

Only a cache miss or `linping validate` comes here: a warm query never pays for it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from linping_cli.errors import DataError, Problem
from linping_cli.models import (
    ENTRY_TYPES,
    KEY_FIGURE_KINDS,
    PERSON_KINDS,
    QUALIFIERS,
    SOURCE_REF_KINDS,
    TIERS,
    YEAR_RANGE,
    default_of,
    field_specs,
    is_required,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
META_KINDS = {"id": "id", "region": "text", "region_en": "text"}
SOURCE_KINDS = {
    "file": "text", "title": "text", "title_en": "text?", "summary": "text?",
    "summary_en": "text?", "year": "year?",
}
LOADER_OWNED = ("type", "region")


def check_datasets(groups: list[list[Path]]) -> tuple[dict[str, Any], list[Problem]]:
    """Check each group of files as one region: the checked regions, sources and rows, and the problems."""
    checked: dict[str, Any] = {"regions": [], "sources": [], "rows": []}
    problems: list[Problem] = []
    seen_regions: dict[str, str] = {}
    for files in groups:
        checker = _RegionChecker()
        checker.check(files)
        problems.extend(sorted(checker.problems, key=lambda p: (p.file, p.line or 0)))
        region = checker.region
        if region is None:
            continue
        if region["id"] in seen_regions:
            problems.append(Problem(str(files[0]), None, None, "meta.id",
                                    f"region {region['id']!r} is already loaded from {seen_regions[region['id']]}"))
            continue
        seen_regions[region["id"]] = str(files[0])
        checked["regions"].append(region)
        checked["sources"].extend(checker.sources)
        checked["rows"].extend(checker.entries)
    return checked, problems


class _Document:
    """One parsed file, with enough of its text kept to say which line a problem is on."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self._lines = text.splitlines()
        self._headers: dict[str, list[int]] | None = None

    def line_of(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        """The line of the index-th `[table]`/`[[table]]` header, or of `key` within that table."""
        if self._headers is None:
            self._headers = {}
            header = re.compile(r"\s*\[\[?\s*([^\]\s]+)\s*\]\]?\s*(#.*)?")
            for number, line in enumerate(self._lines):
                match = header.fullmatch(line)
                if match:
                    self._headers.setdefault(match.group(1), []).append(number)
        starts = self._headers.get(table)
        if not starts:
            return None
        start = starts[min(index or 0, len(starts) - 1)]
        if key is None:
            return start + 1
        key_line = re.compile(rf"\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self._lines)):
            if self._lines[number].lstrip().startswith("["):
                break
            if key_line.match(self._lines[number]):
                return number + 1
        return start + 1


def read_document(path: Path) -> _Document:
    """Parse one file; any reason it cannot be read becomes a DataError naming the file."""
    def fail(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(str(path), line, None, None, message)])

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise fail(f"cannot read: {error.strerror or error}") from None
    if b"\x00" in raw:
        raise fail("binary file, not TOML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(f"not UTF-8 text (bad byte at offset {error.start})") from None
    import tomli

    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise fail(f"TOML syntax: {error.msg} (column {error.colno})", error.lineno) from None
    return _Document(path, text, data)


class _RegionChecker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.region: dict[str, Any] | None = None
        self.sources: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self._origins: list[tuple[_Document, int]] = []
        self._invalid_types: dict[str, str] = {}
        self._saw_meta = False

    def problem(self, doc: _Document, line: int | None, entry_id: str | None, field: str | None,
                message: str) -> None:
        self.problems.append(Problem(str(doc.path), line, entry_id, field, message))

    def check(self, files: list[Path]) -> None:
        docs: list[_Document] = []
        for path in files:
            try:
                docs.append(read_document(path))
            except DataError as error:
                self.problems.extend(error.problems)
        for doc in docs:
            self._check_document(doc)
        if self.region is None:
            if docs and not self._saw_meta:
                self.problem(docs[0], None, None, "meta", "no [meta] table naming the region")
            return
        for item in (*self.entries, *self.sources):
            item["region"] = self.region["id"]
        self._check_references()

    def _check_document(self, doc: _Document) -> None:
        for key, value in doc.data.items():
            if key == "meta":
                self._check_meta(doc, value)
            elif key == "source":
                for index, table in enumerate(_tables(value)):
                    checked = self._check_table(doc, "source", index, table, SOURCE_KINDS, None)
                    if checked is not None:
                        self.sources.append(checked)
            elif key in ENTRY_TYPES:
                if not isinstance(value, list):
                    self.problem(doc, doc.line_of(key), None, key, f"write entries as [[{key}]] tables")
                    continue
                for index, table in enumerate(value):
                    self._check_entry(doc, key, index, table)
            else:
                hint = _suggest(key, [*ENTRY_TYPES, "meta", "source"])
                self.problem(doc, doc.line_of(key), None, key, f"unknown entry type {key!r}{hint}")

    def _check_meta(self, doc: _Document, value: Any) -> None:
        if self._saw_meta:
            self.problem(doc, doc.line_of("meta"), None, "meta", "a second [meta] table in one dataset")
            return
        self._saw_meta = True
        checked = self._check_table(doc, "meta", None, value, META_KINDS, None)
        if checked is not None:
            self.region = {"id": checked["id"], "name": checked["region"], "name_en": checked["region_en"]}

    def _check_entry(self, doc: _Document, type_name: str, index: int, table: Any) -> None:
        specs = field_specs(ENTRY_TYPES[type_name])
        kinds = {name: spec.kind for name, spec in specs.items() if name not in LOADER_OWNED}
        entry_id = table.get("id") if isinstance(table, dict) else None
        entry_id = entry_id if isinstance(entry_id, str) else None
        checked = self._check_table(doc, type_name, index, table, kinds, entry_id)
        if checked is None:
            if entry_id is not None:
                self._invalid_types[entry_id] = type_name  # still a valid target: report it once, not again
            return
        for figure in checked["key_figures"]:
            if figure["source"] is None:
                figure["source"] = checked["source"]
        self.entries.append({name: checked.get(name, type_name if name == "type" else None) for name in specs})
        self._origins.append((doc, index))

    def _check_table(self, doc: _Document, table_name: str, index: int | None, table: Any,
                     kinds: dict[str, str], entry_id: str | None) -> dict[str, Any] | None:
        """Check one table against its field kinds; return it with defaults filled, or None."""
        if not isinstance(table, dict):
            self.problem(doc, doc.line_of(table_name, index), entry_id, table_name, "expected a table")
            return None
        ok = True
        for key in table:
            if key not in kinds:
                hint = _suggest(key, list(kinds))
                self.problem(doc, doc.line_of(table_name, index, key), entry_id, key, f"unknown key{hint}")
                ok = False
        result: dict[str, Any] = {}
        for name, kind in kinds.items():
            if name not in table:
                if is_required(kind):
                    self.problem(doc, doc.line_of(table_name, index), entry_id, name, "missing required field")
                    ok = False
                result[name] = default_of(kind)
                continue
            value, message = self._check_value(doc, table_name, index, entry_id, name, kind, table[name])
            if message is not None:
                if message:  # empty: a nested table already reported its own problem
                    self.problem(doc, doc.line_of(table_name, index, name), entry_id, name, message)
                ok = False
            result[name] = value
        return result if ok else None

    def _check_value(self, doc: _Document, table_name: str, index: int | None, entry_id: str | None,
                     name: str, kind: str, value: Any) -> tuple[Any, str | None]:
        base = kind.rstrip("?")
        if base in ("sources", "key_figures", "people"):  # lists of nested tables
            nested = {"sources": SOURCE_REF_KINDS, "key_figures": KEY_FIGURE_KINDS, "people": PERSON_KINDS}[base]
            if not isinstance(value, list) or (base == "sources" and not value):
                return None, "expected a list of tables" + (" (at least one)" if base == "sources" else "")
            items = []
            for item in value:
                checked = self._check_table(doc, table_name, index, item, nested, entry_id)
                if checked is None:
                    return None, ""
                items.append(checked)
            return items, None
        return value, _scalar_problem(base, value)

    def _check_references(self) -> None:
        by_id: dict[str, dict[str, Any]] = {}
        first_seen: dict[str, tuple[_Document, int]] = {}
        for entry, (doc, index) in zip(self.entries, self._origins, strict=True):
            if entry["id"] in by_id:
                first_doc, first_index = first_seen[entry["id"]]
                where = f"{first_doc.path}:{first_doc.line_of(by_id[entry['id']]['type'], first_index, 'id')}"
                self.problem(doc, doc.line_of(entry["type"], index, "id"), entry["id"], "id",
                             f"duplicate id (first at {where})")
                continue
            by_id[entry["id"]] = entry
            first_seen[entry["id"]] = (doc, index)
        declared = {source["file"] for source in self.sources}
        for entry, (doc, index) in zip(self.entries, self._origins, strict=True):
            for spec in field_specs(ENTRY_TYPES[entry["type"]]).values():
                if spec.kind not in ("ref?", "refs") or not entry[spec.name]:
                    continue
                for target in entry[spec.name] if spec.kind == "refs" else [entry[spec.name]]:
                    if target in self._invalid_types:
                        continue
                    if target not in by_id:
                        message = f"no entry has id {target!r}{_suggest(target, list(by_id))}"
                    elif spec.targets and by_id[target]["type"] not in spec.targets:
                        message = f"{target!r} is a {by_id[target]['type']}, expected {' or '.join(spec.targets)}"
                    else:
                        continue
                    self.problem(doc, doc.line_of(entry["type"], index, spec.name), entry["id"], spec.name, message)
            cited = [ref["file"] for ref in entry["source"]]
            cited += [ref["file"] for figure in entry["key_figures"] for ref in figure["source"]]
            for file in dict.fromkeys(cited):
                if file not in declared:
                    self.problem(doc, doc.line_of(entry["type"], index, "source"), entry["id"], "source",
                                 f"cites {file!r}, which no [[source]] table declares")


def _tables(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _scalar_problem(kind: str, value: Any) -> str | None:
    """Why `value` is not a valid `kind`, or None when it is."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "id":
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            return "ids are lower-case ASCII words joined by '-', like 'gdp-2024'"
    elif kind == "text":
        if not isinstance(value, str) or not value.strip():
            return "expected non-empty text"
    elif kind == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "expected a list of non-empty strings"
    elif kind == "refs":
        if not isinstance(value, list) or not all(isinstance(v, str) and ID_PATTERN.fullmatch(v) for v in value):
            return "expected a list of entry ids"
    elif kind == "ref":
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            return "expected an entry id, like 'linping'"
    elif kind == "num":
        if not is_number or not math.isfinite(value):
            return "expected a number (write 1175.09, not \"1175.09\")"
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return "expected a whole number"
    elif kind == "year":
        if not isinstance(value, int) or isinstance(value, bool):
            return "expected a year as a whole number"
        if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
            return f"year {value} is out of range {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"
    elif kind == "bool":
        if not isinstance(value, bool):
            return "expected true or false"
    elif kind == "qualifier":
        if value not in QUALIFIERS:
            return f"expected one of {', '.join(QUALIFIERS)}"
    elif kind == "tier":
        if value not in TIERS:
            return f"expected one of {', '.join(repr(t) for t in TIERS)} (as text)"
    elif kind == "date":
        return _date_problem(value)
    return None


def _date_problem(value: Any) -> str | None:
    match = DATE_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return "expected a date as \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\""
    year, month, day = (int(part) if part else None for part in match.groups())
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:  # type: ignore[operator]
        return f"year {year} is out of range {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"
    if month is not None:
        import datetime

        try:
            datetime.date(year, month, day or 1)  # type: ignore[arg-type]
        except ValueError:
            return f"{value!r} is not a real date"
    return None


def _suggest(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""

