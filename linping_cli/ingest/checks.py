"""Check dataset files against the record types, collecting every problem.

A `FileChecker` checks the parsed tables of one file (see `read.check_file`);
`check_region` then checks what spans the files of a region (its [meta], duplicate
ids, references, cited sources) from a few facts kept per entry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from linping_cli.ingest import vocabulary
from linping_cli.model import kinds
from linping_cli.model.errors import Problem
from linping_cli.model.kinds import (
    ENUMS,
    KEY_FIGURE_KINDS,
    META_KINDS,
    OUTSIDE_KINDS,
    SOURCE_KINDS,
    SOURCE_REF_KINDS,
    STATEMENT_KINDS,
    UNIT_KINDS,
    YEAR_RANGE,
    default_of,
    is_required,
)
from linping_cli.model.records import ENTRY_TYPES, field_specs, kinds_of, references
from linping_cli.model.text import unsafe_characters, unsafe_pattern

ID_PATTERN = re.compile(kinds.ID_PATTERN)
DATE_PATTERN = re.compile(kinds.DATE_PATTERN)

# What check_region needs of one valid entry: id, type, its position among the file's
# [[type]] tables, (field, target id) for each reference, and the files it cites.
EntryFacts = tuple[str, str, int, list[tuple[str, str]], list[str]]


class FileReport:
    """What checking one file found. `rows` holds its valid entries, as written (see _Plan)."""

    __slots__ = ("cited", "entries", "has_meta", "ids_by_type", "invalid", "meta", "meta_problems", "path",
                 "problems", "readable", "rows", "sources", "synonyms", "targets", "units")

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.readable = False
        self.has_meta = False
        self.meta: dict[str, Any] | None = None
        self.meta_problems: list[Problem] = []  # reported only if this is the region's first [meta]
        self.sources: list[dict[str, Any]] = []
        self.entries: list[EntryFacts] = []
        self.rows: list[dict[str, Any]] = []
        self.invalid: set[str] = set()  # ids of entries that failed their checks
        # The same facts gathered for the whole file, so a sound region is checked with set operations.
        self.ids_by_type: dict[str, set[str]] = {}
        self.targets: dict[tuple[str, str], set[str]] = {}  # (type, field) -> ids named there
        self.cited: set[str] = set()
        self.synonyms: list[list[str]] = []  # [[synonym]] groups: see ingest/vocabulary.py
        self.units: list[tuple[int, dict[str, Any]]] = []  # (index, checked [[unit]] table)


_CONTROL_ESCAPES = re.compile(r"\\[bfeuUx]")  # TOML escapes that can stand for a control character
_KEY_LINE = re.compile(r"(?:\"([^\"]*)\"|([^\s=\"]+))\s*=")


class _Lines:
    """A file's text, searched for the line of a table or key only when a problem needs one."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers: dict[str, list[int]] | None = None
        self._keys: dict[int, dict[str, int]] = {}  # a table's first line -> the line of each of its keys

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
        return self._keys_of(start).get(key, start + 1)

    def _keys_of(self, start: int) -> dict[str, int]:
        """The line of each key of the table at `start`, found in one pass: a table of many bad keys is read once."""
        found = self._keys.get(start)
        if found is None:
            found = self._keys[start] = {}
            for number in range(start + 1, len(self._lines)):
                line = self._lines[number].lstrip()
                if line.startswith("["):
                    break
                match = _KEY_LINE.match(line)
                if match:
                    found.setdefault(match.group(1) or match.group(2), number + 1)
        return found


def check_region(reports: list[FileReport]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The region of one dataset's checked files, and the problems that span its files."""
    problems: list[Problem] = []
    lines = LinesOfFiles()
    region: dict[str, Any] | None = None
    saw_meta = False
    for report in reports:
        if not report.has_meta:
            continue
        if saw_meta:
            problems.append(Problem(report.path, lines(report.path).line_of("meta"), None, "meta",
                                    "a second [meta] table in one dataset"))
            continue
        saw_meta, meta = True, report.meta
        problems += report.meta_problems
        if meta is not None:
            region = {"id": meta["id"], "name": meta["region"], "name_en": meta["region_en"]}
    if not saw_meta:
        readable = [report for report in reports if report.readable]
        if readable:
            problems.append(Problem(readable[0].path, None, None, "meta", "no [meta] table naming the region"))
        return None, problems
    if region is None:
        return None, problems
    ids_by_type: dict[str, set[str]] = {}
    targets: dict[tuple[str, str], set[str]] = {}
    for report in reports:
        for type_name, ids in report.ids_by_type.items():
            ids_by_type.setdefault(type_name, set()).update(ids)
        for key, named in report.targets.items():
            targets.setdefault(key, set()).update(named)
    invalid = set().union(*(report.invalid for report in reports))
    declared = {source["file"] for report in reports for source in report.sources}
    # A sound region (the usual case) is checked with set operations; the culprits are looked for only if not.
    everything = invalid.union(*ids_by_type.values())
    sound = len(everything) - len(invalid) == sum(len(report.entries) for report in reports)
    sound = sound and set().union(*(report.cited for report in reports)) <= declared
    for (type_name, field), named in targets.items() if sound else ():
        allowed = field_specs(ENTRY_TYPES[type_name])[field].targets
        if not named <= (invalid.union(*(ids_by_type.get(kind, ()) for kind in allowed)) if allowed else everything):
            sound = False
            break
    if sound:
        return region, problems
    type_of: dict[str, str] = {}  # the first entry with an id is the one references mean
    problems += _duplicates(reports, type_of, lines)
    suggest, known = _Suggestions(), list(type_of)

    def hint(word: str) -> str:
        return suggest(word, known)

    for report in reports:
        for entry_id, type_name, index, refs, files in report.entries:
            for field, target in refs:
                message = _reference_problem(type_name, field, target, type_of, invalid, hint)
                if message is not None:
                    problems.append(Problem(report.path, lines(report.path).line_of(type_name, index, field),
                                            entry_id, field, message))
            for file in files:
                if file not in declared:
                    problems.append(Problem(report.path, lines(report.path).line_of(type_name, index, "source"),
                                            entry_id, "source", f"cites {file!r}, which no [[source]] table declares"))
    return region, problems


def _duplicates(reports: list[FileReport], type_of: dict[str, str], lines: LinesOfFiles) -> list[Problem]:
    """A problem for each entry whose id an earlier one has; fills `type_of` with the first of each."""
    problems = []
    first_at: dict[str, tuple[str, int]] = {}
    for report in reports:
        for entry_id, type_name, index, _, _ in report.entries:
            if entry_id not in type_of:
                type_of[entry_id], first_at[entry_id] = type_name, (report.path, index)
                continue
            path, first_index = first_at[entry_id]
            where = f"{path}:{lines(path).line_of(type_of[entry_id], first_index, 'id')}"
            problems.append(Problem(report.path, lines(report.path).line_of(type_name, index, "id"), entry_id, "id",
                                    f"duplicate id (first at {where})"))
    return problems


def _reference_problem(type_name: str, field: str, target: str, type_of: dict[str, str],
                       invalid: set[str], hint: Callable[[str], str]) -> str | None:
    """What is wrong with `field` of a `type_name` entry naming `target`, or None."""
    if target in invalid:
        return None  # that entry's own problems are reported already
    found = type_of.get(target)
    if found is None:
        return f"no entry has id {target!r}{hint(target)}"
    allowed = field_specs(ENTRY_TYPES[type_name])[field].targets
    if allowed and found not in allowed:
        return f"{target!r} is a {found}, expected {' or '.join(allowed)}"
    return None


class LinesOfFiles:
    """Line lookups for problems found after parsing, reading each file again only if needed."""

    def __init__(self) -> None:
        self._files: dict[str, _Lines] = {}

    def __call__(self, path: str) -> _Lines:
        found = self._files.get(path)
        if found is None:
            found = self._files[path] = _Lines(Path(path).read_text(encoding="utf-8-sig"))
        return found


class _Plan:
    """How to check one kind of table, worked out once rather than per table.

    An entry's sound table is kept as written, to be packed so and completed when read
    (`records.complete`): packing what the TOML left out would cost more than reading it.
    Other tables, used at once, are completed here: `defaults` holds every field in output
    order, so a checked table is a copy of it updated with the table's values.
    """

    __slots__ = ("allowed", "as_written", "defaults", "fields", "nested", "required", "scalars")

    def __init__(self, kinds: dict[str, str], as_written: bool = True) -> None:
        self.as_written = as_written
        self.defaults = {name: default_of(kind) for name, kind in kinds.items()}
        self.required = [name for name, kind in kinds.items() if is_required(kind)]
        self.scalars: dict[str, Callable[[Any], str | None]] = {}  # the check of each plain field's value
        self.nested: dict[str, _Plan] = {}  # the plan of each field that holds a list of tables
        for name, kind in kinds.items():
            base = kind.rstrip("?")
            if base in _NESTED_PLANS:
                self.nested[name] = _NESTED_PLANS[base]
            else:
                self.scalars[name] = _SCALAR_CHECKS[base]
        self.allowed = frozenset(kinds)
        self.fields = list(kinds)  # the order problems are told in


class FileChecker:
    def __init__(self, report: FileReport, text: Callable[[], str]) -> None:
        self.report = report
        self._suggest = _Suggestions()
        self._text = text  # the file's text, wanted only to tell the line of a problem
        self._lines: _Lines | None = None

    def line_of(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        if self._lines is None:
            self._lines = _Lines(self._text())
        return self._lines.line_of(table, index, key)

    def problem(self, line: int | None, entry_id: str | None, field: str | None, message: str) -> None:
        self.report.problems.append(Problem(self.report.path, line, entry_id, field, message))

    def check(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if key == "meta":
                found = len(self.report.problems)
                self.report.has_meta = True
                self.report.meta = self._check_table("meta", None, value, _META_PLAN, None)
                self.report.meta_problems = self.report.problems[found:]
                del self.report.problems[found:]
            elif key == "source":
                for index, table in enumerate(value if isinstance(value, list) else [value]):
                    checked = self._check_table("source", index, table, _SOURCE_PLAN, None)
                    wrong = _source_problems(checked) if checked is not None else []
                    for field, message in wrong:
                        self.problem(self.line_of("source", index, field), None, field, message)
                    if checked is not None:  # still declared: the entries citing it are not wrong too
                        self.report.sources.append(checked)
            elif key == "unit":
                self._check_units(value)
            elif key in ENTRY_TYPES:
                if not isinstance(value, list):
                    self.problem(self.line_of(key), None, key, f"write entries as [[{key}]] tables")
                    continue
                plan = _entry_plan(key)
                for index, table in enumerate(value):
                    self._check_entry(key, index, table, plan)
            elif key == vocabulary.TABLE:
                self.report.synonyms += vocabulary.check_synonyms(value, self.report.path, self.line_of,
                                                                  self.report.problems)
            else:
                hint = self._suggest(key, [*ENTRY_TYPES, "meta", "source", "unit", vocabulary.TABLE])
                self.problem(self.line_of(key), None, key, f"unknown entry type {key!r}{hint}")

    def check_characters(self, data: dict[str, Any]) -> None:
        """A problem for each key or text holding a character a terminal would act on (see model.text).

        Only `validate` asks: such text is shown escaped wherever it is printed, so it does not stop a query.
        A file whose text holds neither such a character nor an escape that could make one (the usual
        case) is passed in one scan.
        """
        text = self._text()
        if not unsafe_pattern().search(text) and not _CONTROL_ESCAPES.search(text):
            return
        for type_name, value in data.items():
            tables = value if isinstance(value, list) else [value]
            for index, table in enumerate(tables):
                entry_id = table.get("id") if isinstance(table, dict) else None
                entry_id = entry_id if isinstance(entry_id, str) and ID_PATTERN.fullmatch(entry_id) else None
                stack: list[tuple[str, Any]] = [(type_name, table)]
                while stack:
                    field, item = stack.pop()
                    texts = [item] if isinstance(item, str) else list(item) if isinstance(item, dict) else []
                    for text in texts:
                        found = unsafe_characters(text)
                        if found:
                            shown = ", ".join(f"U+{ord(char):04X}" for char in found)
                            self.problem(self.line_of(type_name, index, field), entry_id, field,
                                         f"control character {shown} in text: write it out or remove it")
                    if isinstance(item, dict):
                        stack.extend(item.items())
                    elif isinstance(item, list):
                        stack.extend((field, each) for each in item)

    def _check_units(self, value: Any) -> None:
        if not isinstance(value, list):
            self.problem(self.line_of("unit"), None, "unit", "write units as [[unit]] tables")
            return
        for index, table in enumerate(value):
            checked = self._check_table("unit", index, table, _UNIT_PLAN, None)
            if checked is None:
                continue
            if checked["factor"] <= 0:
                self.problem(self.line_of("unit", index, "factor"), None, "factor", "expected a number above 0")
            else:
                self.report.units.append((index, checked))

    def _check_entry(self, type_name: str, index: int, table: Any, plan: _Plan) -> None:
        entry_id = table.get("id") if isinstance(table, dict) else None
        entry_id = entry_id if isinstance(entry_id, str) else None
        row = self._check_table(type_name, index, table, plan, entry_id)
        if row is None:
            if entry_id is not None:
                self.report.invalid.add(entry_id)  # still a valid target: report it once, not again
            return
        wrong = _entry_problems(type_name, row)
        if wrong:
            for field, message in wrong:
                self.problem(self.line_of(type_name, index, field), entry_id, field, message)
            self.report.invalid.add(row["id"])
            return
        row["type"] = type_name
        sources = row.get("source", [])
        cited = [ref["file"] for ref in sources]
        for figure in row.get("key_figures", ()):
            if figure.get("source") is None:
                figure["source"] = sources
            else:
                cited += [ref["file"] for ref in figure["source"]]
        for statement in row.get("statements", ()):
            cited += [ref["file"] for ref in statement["source"]]
        refs = references(row)
        report = self.report
        report.entries.append((row["id"], type_name, index, refs, list(dict.fromkeys(cited))))
        report.ids_by_type.setdefault(type_name, set()).add(row["id"])
        for name, target in refs:
            report.targets.setdefault((type_name, name), set()).add(target)
        report.cited.update(cited)
        self.report.rows.append(row)

    def _check_table(self, table_name: str, index: int | None, table: Any, plan: _Plan,
                     entry_id: str | None, within: str | None = None) -> dict[str, Any] | None:
        """Check one table against its plan: the table (see _Plan), or None if it has problems.

        Problems are told as a field-by-field check would: unknown keys in the table's order,
        then each field's in the plan's. A sound table, the usual case, takes one quick pass.
        A nested table (`within` a field of an entry) reports every problem at that field's line.
        """
        if not isinstance(table, dict):
            self.problem(self.line_of(table_name, index, within), entry_id, within or table_name, "expected a table")
            return None
        ok = True
        if not plan.allowed.issuperset(table):
            for key in table:
                if key not in plan.allowed:
                    hint = self._suggest(key, list(plan.allowed))
                    self.problem(self.line_of(table_name, index, within or key), entry_id, key,
                                 f"unknown key{hint}")
            ok = False
        scalars = plan.scalars
        sound = True
        for name, value in table.items():
            check = scalars.get(name)
            if check is not None and check(value) is not None:
                sound = False
        for name in plan.required:
            if name not in table:
                sound = False
        if sound:  # only the nested tables are left to check, which are kept as written too
            for name, nested in plan.nested.items():
                if name in table:
                    ok = self._check_tables(table_name, index, within or name, table[name], nested, entry_id) and ok
            return (table if plan.as_written else plan.defaults | table) if ok else None
        # Something is wrong: tell each field's problems, in the plan's order.
        for name in plan.fields:
            if name not in table:
                if name in plan.required:
                    self.problem(self.line_of(table_name, index, within), entry_id, name, "missing required field")
            elif name in plan.nested:
                self._check_tables(table_name, index, within or name, table[name], plan.nested[name], entry_id)
            else:
                message = plan.scalars[name](table[name])
                if message is not None:
                    self.problem(self.line_of(table_name, index, within or name), entry_id, name, message)
        return None

    def _check_tables(self, table_name: str, index: int | None, field: str, value: Any, plan: _Plan,
                      entry_id: str | None) -> bool:
        """Whether a list of nested tables (sources, key figures, people) in `field` of an entry is sound.

        It stops at the first table that is not.
        """
        at_least_one = plan is _NESTED_PLANS["sources"]
        if not isinstance(value, list) or (at_least_one and not value):
            message = "expected a list of tables" + (" (at least one)" if at_least_one else "")
            self.problem(self.line_of(table_name, index, field), entry_id, field, message)
            return False
        return all(self._check_table(table_name, index, item, plan, entry_id, field) is not None for item in value)


def _source_problems(source: dict[str, Any]) -> list[tuple[str, str]]:
    """What the kinds alone cannot tell of a [[source]]: a web address, and a year that agrees with the date."""
    wrong = []
    url = source["url"]
    if url is not None and not re.fullmatch(r"https?://[^\s/]+\S*", url):
        wrong.append(("url", "expected a web address starting http:// or https://"))
    published = source["published"]
    if published is not None:
        if source["year"] is not None and int(published[:4]) != source["year"]:
            wrong.append(("year", f"year {source['year']} is not the year of published {published!r}"))
        if source["year_inferred"]:
            wrong.append(("year_inferred", "a source with a published date has a stated year, not an inferred one"))
    return wrong


def _entry_problems(type_name: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    """What the kinds alone cannot tell: outside items name fields and their values, value_max goes with
    "range"."""
    wrong = []
    fields = kinds_of(type_name)
    for item in row.get("outside", ()):
        field = item["field"]
        if field not in fields:
            wrong.append(("outside", f"{field!r} is not a field of a {type_name}"))
            continue
        held = row.get(field)
        held = held if isinstance(held, list) else [] if held is None else [held]
        missing = [value for value in item.get("values", ()) if value not in held]
        if missing:
            wrong.append(("outside", f"{field} holds no {', '.join(map(repr, missing))}, which outside names"))
    for figure in [row, *row.get("key_figures", ())] if type_name == "figure" else row.get("key_figures", ()):
        if (figure.get("value_max") is not None) != (figure.get("qualifier") == "range"):
            wrong.append(("key_figures" if figure is not row else "value_max",
                          "value_max goes with qualifier \"range\", and \"range\" needs a value_max"))
    return wrong


def _entry_plan(type_name: str) -> _Plan:
    plan = _ENTRY_PLANS.get(type_name)
    if plan is None:
        # An entry's type and region come from where it is, not from its table.
        kinds = {name: kind for name, kind in kinds_of(type_name).items() if name not in ("type", "region")}
        plan = _ENTRY_PLANS[type_name] = _Plan(kinds)
    return plan


def _id(value: Any) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        return "ids are lower-case ASCII words joined by '-', like 'gdp-2024'"
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value and not value.isspace():
        return None
    return "expected non-empty text"


def _texts(value: Any) -> str | None:
    if isinstance(value, list):
        for each in value:
            if not isinstance(each, str) or not each or each.isspace():
                break
        else:
            return None
    return "expected a list of non-empty strings"


def _refs(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and ID_PATTERN.fullmatch(v) for v in value):
        return "expected a list of entry ids"
    return None


def _ref(value: Any) -> str | None:
    return None if isinstance(value, str) and ID_PATTERN.fullmatch(value) else "expected an entry id, like 'linping'"


_INT64 = range(-(2**63), 2**63)  # what TOML promises an integer fits in
_BEYOND_INT64 = "an integer beyond 64 bits, which TOML does not allow (write it as a float, like 1.5e20)"


def _num(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None if value in _INT64 else _BEYOND_INT64
    if isinstance(value, float) and math.isfinite(value):
        return None
    return "expected a number (write 1175.09, not \"1175.09\")"


def _int(value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return "expected a whole number"
    return None if value in _INT64 else _BEYOND_INT64


def _year(value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return "expected a year as a whole number"
    if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        return f"year {value} is out of range {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"
    return None


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


def _one_of(words: tuple[str, ...]) -> Callable[[Any], str | None]:
    """The check of a kind whose values are one of `words` (a qualifier, a tier ...)."""
    def check(value: Any) -> str | None:
        if value in words:
            return None
        as_text = " (as text)" if not isinstance(value, str) and str(value) in words else ""  # tier = 3, not "3"
        return f"expected one of {', '.join(words)}{as_text}"
    return check


def _date(value: Any) -> str | None:
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


_SCALAR_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "id": _id, "text": _text, "texts": _texts, "refs": _refs, "ref": _ref, "num": _num, "int": _int,
    "year": _year, "bool": _bool, "date": _date, **{kind: _one_of(words) for kind, words in ENUMS.items()},
}
_NESTED_PLANS: dict[str, _Plan] = {}
_NESTED_PLANS["sources"] = _Plan(SOURCE_REF_KINDS)  # first: key figures nest sources
_NESTED_PLANS["key_figures"] = _Plan(KEY_FIGURE_KINDS)
_NESTED_PLANS["outside"] = _Plan(OUTSIDE_KINDS)
_NESTED_PLANS["statements"] = _Plan(STATEMENT_KINDS)
_META_PLAN = _Plan(META_KINDS, as_written=False)
_SOURCE_PLAN = _Plan(SOURCE_KINDS, as_written=False)
_ENTRY_PLANS: dict[str, _Plan] = {}
_UNIT_PLAN = _Plan(UNIT_KINDS, as_written=False)


class _Suggestions:
    """"Did you mean" for the first few problems of a check only: each is a search of every choice,
    and a broken dataset of many entries would otherwise take a search per problem (hours, for 100,000).
    The budget counts choices compared, so a search over 100,000 ids spends it all at once.
    """

    __slots__ = ("left",)

    def __init__(self, budget: int = 100_000) -> None:
        self.left = budget

    def __call__(self, word: str, choices: list[str]) -> str:
        if self.left < len(choices):
            return ""
        self.left -= len(choices)
        import difflib

        close = difflib.get_close_matches(word, choices, n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""


# Units ------------------------------------------------------------------------------------------------------------

def check_units(reports: list[FileReport], known: dict[str, dict[str, Any]]) -> list[Problem]:
    """Add a region's [[unit]] tables to `known` (every loaded region's, by unit); a problem for each that
    disagrees with one already known or names another base for its dimension."""
    problems = []
    bases = {unit["dimension"]: unit["base"] for unit in known.values()}
    for report in reports:
        for index, unit in report.units:
            def problem(field: str, message: str, path: str = report.path, at: int = index) -> None:
                problems.append(Problem(path, LinesOfFiles()(path).line_of("unit", at, field), None, field, message))

            earlier = known.get(unit["unit"])
            if earlier is not None:
                if (earlier["dimension"], earlier["base"], earlier["factor"]) != (
                        unit["dimension"], unit["base"], unit["factor"]):
                    problem("unit", f"unit {unit['unit']!r} is already defined otherwise")
                continue
            base = bases.setdefault(unit["dimension"], unit["base"])
            if base != unit["base"]:
                problem("base", f"dimension {unit['dimension']!r} has base {base!r} elsewhere")
                continue
            known[unit["unit"]] = unit
    return problems
