"""A region whose every text field is hostile, for the tests that hold every command to showing it, never obeying it.

The region is written here, in our own words: a district, a park, a company, an organisation, three figures
(one stated in words), an event, a plan, a product, a project, an industry and a person, with a unit of its own
and a synonym group. Every name, alias, tag, pinyin, summary, note, label, unit, role, statement, category,
source title, subtitle, author, section and file, outside note and unit table holds `PAYLOAD`; ids cannot (they
are lower-case ASCII words by the schema), so they are plain.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

# What a terminal acts on, each one: titles and the clipboard by OSC, clearing and colouring by CSI, a bare ESC,
# the one-byte C1 CSI and NEL, DEL, every bidi control, the line and paragraph separators, and C0 besides.
PAYLOAD = ("\x1b]0;owned-title\x07" "\x1b]52;c;cGFzdGVk\x07" "\x1b[2J" "\x1b[31m" "\x1b" "\x9b" "1m" "\x85" "\x7f"
           "\u202e" "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c" "\u2028\u2029"
           "\x08\x07\r\x0b\x0c\x01\x1f" "\t" "\n")

# Raw on stdout or stderr, none of these may be: C0 but newline (TSV's own tabs are taken out before looking), DEL,
# C1, the bidi controls, the separators, and lone surrogates (bytes that were not UTF-8).
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                 "\ud800-\udfff]")

# A file name the OS allows that holds what a terminal acts on: ESC, a newline, a bidi override and a byte that
# is not UTF-8 (Python carries it as a lone surrogate, which `os.fsencode` turns back into the byte).
HOSTILE_NAME = "r\x1b]0;name\x07\n\u202e\udcff"
HOSTILE_FILE = "region\x1b[2J\n\udcfe.toml"

UNIT = "U" + PAYLOAD  # the region's own unit, which its figures are in


def hostile(label: str) -> str:
    """A field's text: a word to find it by, then the payload."""
    return f"{label}{PAYLOAD}"


def toml_string(text: str) -> str:
    """A TOML basic string of `text`: everything but printable ASCII escaped (TOML forbids raw controls and DEL)."""
    def escaped(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        if " " <= char <= "~":
            return char
        return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
    return '"' + "".join(map(escaped, text)) + '"'


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{ " + ", ".join(f"{key} = {_value(item)}" for key, item in value.items()) + " }"


FILE_A, FILE_B = hostile("a") + ".txt", hostile("b") + ".txt"  # the short name (a, b) keeps the payload


def _ref(file: str = FILE_A, section: str = "sec") -> dict[str, str]:
    return {"file": file, "section": hostile(section)}


def _common(key: str, name: str, **fields: object) -> dict[str, object]:
    """What every entry has: each text hostile, found by `name` (Chinese) or `key` (English) and the tag 标签."""
    return {"id": key, "name": hostile(name), "name_en": hostile(key), "aliases": [hostile(f"{name}别名")],
            "pinyin": [hostile(f"{key} pinyin")], "tags": [hostile("标签"), "tagword"],
            "category": hostile("类别"), "summary": hostile(f"{name}概述"), "summary_en": hostile(f"{key} summary"),
            "note": hostile("note"), "source": [_ref(), _ref(FILE_B, "second")],
            "outside": [{"field": "aliases", "values": [hostile(f"{name}别名")], "note": hostile("outside")}],
            **fields}


def _key_figure(label: str, value: float) -> dict[str, object]:
    return {"label": hostile(label), "label_en": hostile("label"), "value": value, "unit": UNIT,
            "unit_en": hostile("unit"), "qualifier": "more-than", "year": 2024, "growth": 3.5,
            "growth_basis": "quantity", "note": hostile("kf note"), "source": [_ref(FILE_B, "kf")]}


ENTRIES: dict[str, list[dict[str, object]]] = {
    "place": [_common("hub", "中心区", category=hostile("district")),
              _common("park", "园区", parent="hub")],
    "company": [_common("firm", "公司", location="park", industry="cluster", founded=2001,
                        key_figures=[_key_figure("产量", 120), _key_figure("员工", 80)])],
    "organisation": [_common("institute", "研究院", location="park", parent="firm")],
    "figure": [_common("output", "产出", value=900, unit=UNIT, unit_en=hostile("unit"), year=2024, growth=5.0,
                       growth_basis="current-prices", subject="hub", period=hostile("period")),
               _common("share", "部分", value=300, unit=UNIT, qualifier="more-than", year=2024, growth=-2.0,
                       growth_basis="current-prices", subject="hub", part_of="output"),
               _common("several", "数家", value=100, unit=UNIT, qualifier="several", stated=hostile("数百"),
                       year=2025, subject="park")],
    "event": [_common("fair", "展会", date="2025-05-09", location="park", organiser="institute", edition=3)],
    "plan": [_common("scheme", "规划", year=2024, deadline=2027, issuer="hub")],
    "product": [_common("gadget", "产品", maker="firm", year=2025)],
    "project": [_common("works", "工程", related=["hub", "firm"])],
    "industry": [_common("cluster", "产业", tier="3", scale=1000, scale_unit=UNIT, scale_qualifier="class",
                         scale_stated=hostile("千亿级"))],
    "person": [_common("speaker", "人物", role=hostile("职务"), role_en=hostile("role"), organisation="firm",
                       statements=[{"summary": hostile("说法"), "summary_en": hostile("statement"),
                                    "source": [_ref(FILE_A, "quote")]}])],
}
IDS = [str(entry["id"]) for entries in ENTRIES.values() for entry in entries]


def region_text(payload: str = PAYLOAD) -> str:
    """The region's TOML; with `payload`, that text in place of PAYLOAD in every field (but the web address)."""
    lines = ["[meta]", 'id = "hostile"', f"region = {toml_string(hostile('区'))}",
             f"region_en = {toml_string(hostile('Region'))}", ""]
    for file, year in ((FILE_A, 2024), (FILE_B, 2025)):
        source = {"file": file, "title": hostile("标题"), "subtitle": hostile("副标题"),
                  "authors": [hostile("作者"), hostile("author")], "title_en": hostile("title"),
                  "summary": hostile("来源概述"), "summary_en": hostile("source summary"), "year": year,
                  "outlet": hostile("outlet"), "published": f"{year}-03-01",
                  "url": "https://x.example/" + re.sub(r"\s", "", PAYLOAD)}  # a web address holds no space
        lines += ["[[source]]", *(f"{key} = {_value(value)}" for key, value in source.items()), ""]
    lines += ["[[unit]]", f"unit = {toml_string(UNIT)}", f"unit_en = {toml_string(hostile('unit'))}",
              f"dimension = {toml_string(hostile('dimension'))}", f"base = {toml_string(UNIT)}", "factor = 1", "",
              "[[synonym]]", f"terms = {_value([hostile('同义'), hostile('synonym')])}", ""]
    for kind, entries in ENTRIES.items():
        for entry in entries:
            lines += [f"[[{kind}]]", *(f"{key} = {_value(value)}" for key, value in entry.items()), ""]
    return "\n".join(lines).replace(toml_string(PAYLOAD)[1:-1], toml_string(payload)[1:-1])


def write_region(folder: Path, payload: str = PAYLOAD) -> Path:
    """The region, in a folder and a file whose names are hostile too."""
    (folder / HOSTILE_NAME).mkdir(parents=True, exist_ok=True)
    path = folder / HOSTILE_NAME / HOSTILE_FILE
    path.write_text(region_text(payload), encoding="utf-8")
    return path


class Case(NamedTuple):
    """One command line for a command (after `linping --data REGION COMMAND`), the exit code the README gives
    it, and the formats it is run in: None for every format the registry says the command writes."""

    args: tuple[str, ...]
    code: int = 0
    formats: tuple[str, ...] | None = None


DB = "<db>"  # where a case names the SQLite file `export` writes: a hostile name of the test's own folder
DATA = "<data>"  # where a case names the region's own path
CHART_IDS = ("output", "share")
FIGURE_FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")

# The arguments chosen for each command: each registered command must have some (tests/cli/test_cli_hostile_*
# fails for a command without), so a command added later is run too. Hostile arguments are among them: an id,
# a query, a kind, a command name that is not there, each quoted back in an error that must show it escaped.
CASES: dict[str, list[Case]] = {
    "search": [Case(("标签",)), Case(("tagword", "--type", "figure")), Case((hostile("不在"),), 1),
               Case(("--type", hostile("type"), "x"), 2)],
    "ask": [Case(("产出 2024",)), Case(("产出 增长",), formats=("table",)), Case((hostile("产出 2024"),), 1),
            Case(("部分 2031年是多少",), 1)],
    "list": [Case(()), Case(("figure", "--sort", "unit,value")), Case(("--lang", "en")),
             Case(("--spreadsheet", "--bom"), formats=("csv", "tsv")), Case(("--no-headers",), formats=("csv", "tsv")),
             Case(("company", "--fields", "id,name,key_figures,outside,source")),
             Case(("--tag", hostile("不在")), 1), Case(("--fields", hostile("field")), 2)],
    "show": [Case(tuple(IDS)), Case(("speaker",)), Case(("output", "--derived")), Case(("firm", "--lang", "en")),
             Case(("中心区",), 2),
             Case((hostile("id"),), 2)],
    "compare": [Case(CHART_IDS, formats=FIGURE_FORMATS), Case(("firm", "institute", "speaker"), formats=FIGURE_FORMATS),
                Case(("--lang", "en", *CHART_IDS, "--derived"), formats=FIGURE_FORMATS), Case(("--chart", *CHART_IDS)),
                Case(("output", hostile("id")), 2, ("table",))],
    "facts": [Case(()), Case(("--derived",)), Case(("--unit", UNIT, "--sort", "value")),
              Case(("--entry", hostile("id")), 2, ("table",))],
    "timeline": [Case(()), Case(("--lang", "en")), Case(("--from", hostile("2024")), 2, ("table",))],
    "related": [Case(("hub", "--depth", "3")), Case(("firm",)), Case(("--relation", hostile("rel"), "hub"), 2,
                                                                      ("table",))],
    "graph": [Case(()), Case(("--type", "company", "--type", "place"))],
    "chart": [Case(("--unit", UNIT, "--derived")), Case(("--entry", "firm")),
              Case((*CHART_IDS, "--title", hostile("图"), "--title-en", hostile("chart"))),
              Case(("--category", hostile("不在")), 2, ("table",))],
    "cite": [Case(("speaker",)), Case(("firm",)), Case((hostile("id"),), 2, ("text",))],
    "sources": [Case(())],
    "stats": [Case(())],
    "values": [Case(("category",)), Case(("tag", "--type", "person")), Case((hostile("kind"),), 2, ("table",))],
    "validate": [Case((), 3), Case(("-q", DATA), 3, ("table",))],
    "export": [Case((DB, "--replace"))],
    "schema": [Case(()), Case(("list", "--fields", "id,name")), Case((hostile("out"),), 2)],
    "help": [Case(()), Case(("show",)), Case((hostile("cmd"),), 2)],
    "man": [Case(())],
}
