"""The bundled dataset itself: clean, consistent, generated pinyin, and every number traceable.

These tests read the real data (data/*.toml) through the `linping` command where a
user would, and straight from the TOML where the question is about the files.
The two source articles are looked up beside the repository
(../shared/sources, or $LINPING_SOURCES); checks that quote them are skipped
where they are not present.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import re
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
ARTICLES = ("000_f15d39121070376d.txt", "004_2e8b7f18f2c2e2c7.txt")
A000, A004 = ARTICLES
SOURCES_DIR = Path(os.environ.get("LINPING_SOURCES", REPO.parent / "shared" / "sources"))
ENTRY_TYPES = ("figure", "company", "organisation", "place", "event", "plan", "product", "project", "industry",
               "person")

# Every reference field of FORMAT.md, and the entry types it may point at (None: any type).
REFERENCE_FIELDS: dict[str, tuple[str, ...] | None] = {
    "related": None, "subject": None, "part_of": ("figure",), "location": ("place",),
    "industry": ("industry",), "parent": None, "organiser": None, "issuer": None,
    "maker": ("company", "organisation"), "organisation": ("company", "organisation"),
}
PLACE_PARENT_TYPES = ("place",)


def _load_fill_pinyin() -> Any:
    spec = importlib.util.spec_from_file_location("fill_pinyin", REPO / "tests" / "tools" / "fill_pinyin.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fill_pinyin = _load_fill_pinyin()
pinyin_of = fill_pinyin.pinyin_of


def _raw_entries() -> list[dict[str, Any]]:
    """Every entry as written in data/*.toml, with its type and file."""
    entries = []
    for path in sorted(DATA.glob("*.toml")):
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
        for type_name in ENTRY_TYPES:
            for table in document.get(type_name, []):
                entries.append({**table, "type": type_name, "_file": path.name})
    return entries


RAW = _raw_entries()
RAW_BY_ID = {entry["id"]: entry for entry in RAW}


def _cli(*args: str) -> Any:
    """Run linping over the bundled data without a cache; return parsed JSON stdout."""
    result = CliRunner().invoke(app, ["--no-cache", *args], env={"LINPING_NO_CACHE": "1", "LINPING_DATA": None})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def listed() -> list[dict[str, Any]]:
    """Every entry as `linping list --json` gives it (defaults filled, key figure sources inherited)."""
    entries: list[dict[str, Any]] = _cli("list", "--json")
    return entries


@pytest.fixture(scope="module")
def by_id(listed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in listed}


def _article(name: str) -> str:
    path = SOURCES_DIR / name
    if not path.is_file():
        pytest.skip(f"source article {path} is not present")
    return path.read_text(encoding="utf-8")


def _squash(text: str) -> str:
    """Article text without white space or Markdown emphasis, for substring checks."""
    return re.sub(r"\s+|\*", "", text)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# Clean data ------------------------------------------------------------------------------------


def test_validate_on_bundled_data_is_clean(run: Runner) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_the_bundled_data_is_what_the_cli_loads(listed: list[dict[str, Any]]) -> None:
    assert sorted(e["id"] for e in listed) == sorted(RAW_BY_ID)
    assert len(listed) >= 150


def test_ids_are_unique_across_all_files() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for entry in RAW:
        if entry["id"] in seen:
            clashes.append(f"{entry['id']} in {seen[entry['id']]} and {entry['_file']}")
        seen.setdefault(entry["id"], entry["_file"])
    assert clashes == []


def test_every_type_is_present() -> None:
    counts: defaultdict[str, int] = defaultdict(int)
    for entry in RAW:
        counts[entry["type"]] += 1
    assert {t: counts[t] > 0 for t in ENTRY_TYPES} == dict.fromkeys(ENTRY_TYPES, True)


# References ------------------------------------------------------------------------------------


def _references(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, target id) for every reference the entry makes."""
    found = []
    for name in REFERENCE_FIELDS:
        value = entry.get(name)
        for target in value if isinstance(value, list) else [value] if value else []:
            found.append((name, target))
    return found


def test_every_reference_resolves_to_an_entry_of_an_allowed_type() -> None:
    problems = []
    for entry in RAW:
        for name, target in _references(entry):
            allowed = REFERENCE_FIELDS[name]
            if entry["type"] == "place" and name == "parent":
                allowed = PLACE_PARENT_TYPES
            if target not in RAW_BY_ID:
                problems.append(f"{entry['id']}.{name} -> {target}: no such entry")
            elif allowed and RAW_BY_ID[target]["type"] not in allowed:
                problems.append(f"{entry['id']}.{name} -> {target}: a {RAW_BY_ID[target]['type']}")
            elif target == entry["id"]:
                problems.append(f"{entry['id']}.{name} points at itself")
    assert problems == []


def test_related_lists_have_no_repeats() -> None:
    assert [e["id"] for e in RAW if len(e.get("related", [])) != len(set(e.get("related", [])))] == []


def _referrers() -> dict[str, set[str]]:
    inverse: dict[str, set[str]] = defaultdict(set)
    for entry in RAW:
        for _, target in _references(entry):
            inverse[target].add(entry["id"])
    return inverse


REFERRERS = _referrers()


@pytest.mark.parametrize(
    ("target", "must_include"),
    [
        ("htc", {"hgt51f"}),  # product -> maker
        ("cfmoto", {"cfmoto-675sr-r"}),
        ("zynalog", {"zgadx010x", "zynalog-lab", "digital-signal-chain"}),
        ("witmem", {"witmem-cim-chip"}),
        ("tianyuan-pet", {"snuffle-mat"}),
        ("zhuoyang", {"oxford-cloth"}),
        ("haoban-ai", {"ai-doctor-avatar"}),
        ("trade-total-2024", {"exports-2024"}),  # figure -> part_of
        ("zju", {"zju-equipment-institute", "zju-medicine-institute"}),  # organisation -> parent
        ("suanli-town", {"witmem", "zynalog", "computing-town-firms", "zynalog-lab"}),  # location, subject
        ("shanghai", {"electronica-china-2025"}),  # event -> location
        ("zhejiang", {"hangzhou", "zhejiang-service-manufacturing-opinions", "zhejiang-service-manufacturing-demo"}),
        ("linping", {"gdp-2024", "trade-total-2024", "linping-edz"}),
    ],
)
def test_show_lists_every_referrer_under_referenced_by(run: Runner, target: str, must_include: set[str]) -> None:
    result = run("show", target, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    row = next(csv.DictReader(result.stdout.splitlines()))
    referenced_by = set(json.loads(row["referenced_by"]))
    assert must_include <= referenced_by
    assert referenced_by == REFERRERS[target]


def test_every_product_is_referenced_by_its_maker_in_show(run: Runner) -> None:
    makers = {e["maker"] for e in RAW if e["type"] == "product" and e.get("maker")}
    assert len(makers) >= 7
    for maker in sorted(makers):
        result = run("show", maker)
        assert result.exit_code == 0
        products = [e for e in RAW if e["type"] == "product" and e.get("maker") == maker]
        referenced = result.stdout.split("referenced_by", 1)[1]
        for product in products:
            assert f"({product['id']})" in re.sub(r"\s+", "", referenced), (maker, product["id"])


# Numbers ---------------------------------------------------------------------------------------


def test_every_figure_has_a_numeric_value_and_a_unit(listed: list[dict[str, Any]]) -> None:
    figures = [e for e in listed if e["type"] == "figure"]
    assert len(figures) >= 16
    for figure in figures:
        assert _is_number(figure["value"]), figure["id"]
        assert figure["unit"].strip() and (figure["unit_en"] or "").strip(), figure["id"]
        assert figure["growth"] is None or _is_number(figure["growth"]), figure["id"]


def test_every_key_figure_has_a_numeric_value_a_unit_and_labels(listed: list[dict[str, Any]]) -> None:
    count = 0
    for entry in listed:
        for kf in entry["key_figures"]:
            count += 1
            where = f"{entry['id']}: {kf['label']}"
            assert _is_number(kf["value"]), where
            assert kf["unit"].strip() and (kf["unit_en"] or "").strip(), where
            assert (kf["label_en"] or "").strip(), where
    assert count >= 45


def test_industry_scales_are_numbers_with_units(listed: list[dict[str, Any]]) -> None:
    for entry in listed:
        if entry["type"] == "industry" and entry["scale"] is not None:
            assert _is_number(entry["scale"]) and entry["scale_unit"], entry["id"]


def test_a_part_is_never_larger_than_its_whole(by_id: dict[str, dict[str, Any]]) -> None:
    parts = [e for e in by_id.values() if e["type"] == "figure" and e["part_of"]]
    assert parts, "at least exports-2024 is part of the trade total"
    for part in parts:
        whole = by_id[part["part_of"]]
        assert whole["type"] == "figure"
        if whole["unit"] == part["unit"]:
            assert part["value"] <= whole["value"], (part["id"], whole["id"])


def test_exports_are_within_the_trade_total(by_id: dict[str, dict[str, Any]]) -> None:
    exports, total = by_id["exports-2024"], by_id["trade-total-2024"]
    assert exports["part_of"] == "trade-total-2024"
    assert exports["unit"] == total["unit"] == "亿元"
    assert exports["year"] == total["year"] == 2024
    assert exports["value"] <= total["value"]
    # imports are what is left: at most 39 亿元, since exports are "more than" 460
    assert total["value"] - exports["value"] == 39


def test_the_3_2_x_counts_match_the_tiered_industries(by_id: dict[str, dict[str, Any]]) -> None:
    tiers: dict[str, list[str]] = defaultdict(list)
    for entry in by_id.values():
        if entry["type"] == "industry" and entry["tier"]:
            tiers[entry["tier"]].append(entry["id"])
    system = {kf["label_en"]: kf for kf in by_id["cluster-3-2-x"]["key_figures"]}
    assert len(tiers["3"]) == system["clusters in the 100-billion-yuan class"]["value"] == 3
    assert len(tiers["2"]) == system["number of key industries"]["value"] == 2
    assert sorted(tiers["3"]) == ["biomedicine", "fashion", "high-end-equipment"]
    assert sorted(tiers["2"]) == ["green-energy", "pan-semiconductor"]
    for industry in tiers["3"]:
        # 千亿级 names a size class, not a measured amount
        assert by_id[industry]["scale"] == 1000 and by_id[industry]["scale_unit"] == "亿元"
        assert by_id[industry]["scale_qualifier"] == "class"
    for industry in tiers["3"]:
        assert by_id[industry]["scale_stated"] == "千亿级"
    for industry in tiers["2"]:
        # 五百亿级 is a class too; only 000 says 超 (beyond) it: the class keeps 000's words, 超 and all
        assert by_id[industry]["scale"] == 500 and by_id[industry]["scale_qualifier"] == "class"
        assert by_id[industry]["scale_stated"] == "超五百亿级"
        assert "超五百亿级" in by_id[industry]["summary"]
    beyond = system["size class of each key industry (above the 50-billion-yuan class)"]
    assert (beyond["value"], beyond["qualifier"], beyond["stated"]) == (500, "class", "超五百亿级")
    assert [ref["file"] for ref in beyond["source"]] == [A000]  # 004 writes 双五百亿级, without 超
    # every X industry the articles list is linked from the system
    assert set(tiers["X"]) <= set(by_id["cluster-3-2-x"]["related"])
    assert len(tiers["X"]) == 6


def test_qualifiers_and_targets_are_consistent(listed: list[dict[str, Any]]) -> None:
    for entry in listed:
        items = [entry] if entry["type"] == "figure" else []
        items += entry["key_figures"]
        for item in items:
            assert item["qualifier"] in (None, "more-than", "about", "at-least", "at-most", "nearly", "range", "class",
                                         "several")
            if item["qualifier"] in ("range", "class", "several"):
                assert item["stated"], entry["id"]  # a worded quantity keeps the article's words
            assert isinstance(item["target"], bool) and isinstance(item["year_inferred"], bool)
            assert isinstance(item["projected"], bool)
            assert (item["value_max"] is not None) == (item["qualifier"] == "range"), entry["id"]
            if item["value_max"] is not None:
                assert item["value_max"] > item["value"], entry["id"]
            if item["year_inferred"]:
                assert item["year"] is not None, entry["id"]


# Traceability ----------------------------------------------------------------------------------


def _numbers_with_sources(listed: list[dict[str, Any]]) -> list[tuple[str, Any, list[dict[str, str]]]]:
    numbers = []
    for entry in listed:
        if entry["type"] == "figure":
            numbers.append((entry["id"], entry["value"], entry["source"]))
        if entry["type"] == "industry" and entry["scale"] is not None:
            numbers.append((f"{entry['id']} scale", entry["scale"], entry["source"]))
        for kf in entry["key_figures"]:
            numbers.append((f"{entry['id']}: {kf['label']}", kf["value"], kf["source"]))
    return numbers


def test_every_number_cites_one_of_the_two_articles(run: Runner, listed: list[dict[str, Any]]) -> None:
    result = run("sources", "--json")
    assert result.exit_code == 0
    declared = {source["file"] for source in json.loads(result.stdout)}
    assert declared == set(ARTICLES)
    numbers = _numbers_with_sources(listed)
    assert len(numbers) >= 70
    for where, _, sources in numbers:
        assert sources, where
        for ref in sources:
            assert ref["file"] in declared, where
            assert ref["section"].strip(), where


def test_every_entry_says_where_it_came_from(listed: list[dict[str, Any]]) -> None:
    for entry in listed:
        assert entry["source"], entry["id"]
        assert {ref["file"] for ref in entry["source"]} <= set(ARTICLES), entry["id"]


def test_every_cited_section_exists_in_its_article(listed: list[dict[str, Any]]) -> None:
    texts = {name: _squash(_article(name)) for name in ARTICLES}
    refs = {(r["file"], r["section"]) for e in listed for r in e["source"]}
    refs |= {(r["file"], r["section"]) for e in listed for kf in e["key_figures"] for r in kf["source"]}
    for file, section in sorted(refs):
        assert section == "lead" or _squash(section) in texts[file], (file, section)


# How each figure's value and growth are written in the articles, where not in digits.
WORDED = {"cultural-industry-target": "百亿元", "cross-border-ecommerce-target": "翻番"}


def _written(value: float) -> list[str]:
    forms = {f"{value:g}", str(value)}
    if float(value).is_integer():
        forms.add(str(int(value)))
    return sorted(forms)


def test_every_figure_value_and_growth_is_written_in_a_cited_article(listed: list[dict[str, Any]]) -> None:
    for figure in (e for e in listed if e["type"] == "figure"):
        cited = "".join(_squash(_article(ref["file"])) for ref in figure["source"])
        if figure["id"] in WORDED:
            assert WORDED[figure["id"]] in cited, figure["id"]
        else:
            assert any(form in cited for form in _written(figure["value"])), figure["id"]
        if figure["growth"] is not None:
            assert any(f"{form}%" in cited for form in _written(figure["growth"])), figure["id"]


def test_a_year_not_flagged_inferred_is_written_in_a_cited_article(listed: list[dict[str, Any]]) -> None:
    checked = 0
    for entry in listed:
        cited = "".join(_squash(_article(ref["file"])) for ref in entry["source"])
        year = entry.get("year")
        if year is None and entry.get("date"):
            year = int(entry["date"][:4])
        inferred = entry.get("year_inferred") or entry.get("date_inferred")
        if year is not None and not inferred:
            checked += 1
            assert str(year) in cited, entry["id"]
        for kf in entry["key_figures"]:
            if kf["year"] is not None and not kf["year_inferred"]:
                checked += 1
                kf_cited = "".join(_squash(_article(ref["file"])) for ref in kf["source"])
                assert str(kf["year"]) in kf_cited, (entry["id"], kf["label"])
    assert checked >= 10


@pytest.mark.parametrize(
    ("entry_id", "field", "value", "flag"),
    [
        ("hgt51f-ignition", "date", "2025-05-09", True),  # 5月9日: the year is not written
        ("high-quality-development-conference-2025", "date", "2025-03", True),  # 今年3月
        ("canton-fair-137", "date", "2025", True),
        ("new-industrialization-conference-2024", "date", "2024-02", False),  # 2024年2月
        ("electronica-china-2025", "date", "2025", False),
        ("hgt51f", "year", None, False),  # only its ignition is dated: it was not launched
        ("witmem-cim-chip", "year", 2022, False),
        ("industrial-firms-above-scale", "year", 2025, True),
        ("valid-inventions", "year", 2024, True),  # 过去的一年里
        ("high-skilled-talent-2024", "year", 2024, False),
        ("gdp-2024", "year", 2024, False),
    ],
)
def test_inferred_years_and_dates_are_flagged(by_id: dict[str, dict[str, Any]], entry_id: str, field: str,
                                              value: Any, flag: bool) -> None:
    entry = by_id[entry_id]
    assert entry[field] == value
    assert entry["date_inferred" if field == "date" else "year_inferred"] is flag


# Spot checks against the articles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry_id", "value", "unit", "growth", "qualifier", "year"),
    [
        ("gdp-2024", 1175.09, "亿元", 5, None, 2024),
        ("trade-total-2024", 499, "亿元", 17.7, None, 2024),
        ("exports-2024", 460, "亿元", 16.0, "more-than", 2024),
        ("industrial-firms-above-scale", 810, "家", None, None, 2025),
        ("high-tech-enterprises", 1458, "家", None, None, 2025),
        ("valid-inventions", 5272, "件", 30.5, None, 2024),
        ("new-invention-patents", 1498, "件", 60.6, None, 2024),
        ("high-skilled-talent-2024", 4893, "名", None, None, 2024),
        ("canton-fair-exhibitors", 88, "家", None, None, 2025),
        ("computing-town-firms", 2400, "家", None, "more-than", 2025),
        ("miit-excellence-factories", 2, "家", None, None, 2025),  # 如今…累计: as of 2025 (inferred)
        ("provincial-future-factories", 6, "家", None, None, 2025),
        ("excellent-engineers-target-2025", 20, "名", None, "at-least", 2025),
        ("high-level-engineers-target-2025", 1000, "名", None, "at-least", 2025),
    ],
)
def test_headline_figures_match_the_articles(run: Runner, entry_id: str, value: float, unit: str,
                                             growth: float | None, qualifier: str | None, year: int | None) -> None:
    result = run("show", entry_id, "--json")
    assert result.exit_code == 0
    figure = json.loads(result.stdout)
    assert figure["type"] == "figure"
    assert figure["value"] == value
    assert figure["unit"] == unit
    assert figure["growth"] == growth
    assert figure["qualifier"] == qualifier
    assert figure["year"] == year


def test_exports_are_part_of_the_trade_total_in_show(run: Runner) -> None:
    figure = json.loads(run("show", "exports-2024", "--json").stdout)
    assert figure["part_of"] == "trade-total-2024"
    assert figure["subject"] == "linping"


def test_targets_are_marked_as_targets(by_id: dict[str, dict[str, Any]]) -> None:
    targets = {e["id"] for e in by_id.values() if e["type"] == "figure" and e["target"]}
    assert targets == {
        "excellent-engineers-target-2025", "high-level-engineers-target-2025",
        "cultural-industry-target", "cross-border-ecommerce-target",
    }


@pytest.mark.parametrize(
    ("entry_id", "label_en", "value", "unit", "qualifier"),
    [
        ("hgt51f", "power rating", 50, "兆瓦", None),
        ("hgt51f", "number of parts", 20000, "个", "more-than"),
        ("hgt51f", "operating temperature", 1300, "摄氏度", "more-than"),
        ("hgt51f", "simple-cycle efficiency", 35, "%", "at-least"),
        ("hgt51f", "annual power generation", 4, "亿度", "about"),
        ("hgt51f", "annual carbon emission cut", 50, "万吨", "more-than"),
        ("hgt51f", "equivalent trees planted per year", 2700, "万棵", "more-than"),
        ("xiolift", "elevators shipped per year", 100000, "台", "more-than"),
        ("xiolift", "countries and regions served", 70, "个", "more-than"),
        ("donghua-chain", "countries and regions with customers", 120, "个", "more-than"),
        ("jinri-auto-parts", "Q1 year-on-year growth in foreign-trade sales", 70, "%", "more-than"),
        ("zynalog", "share of staff with 15+ years' industry experience", 80, "%", None),
        ("ai-doctor-avatar", "consultations per day", 2000, "人次", "more-than"),
        ("ai-doctor-avatar", "consultation matching accuracy", 95, "%", "more-than"),
        ("service-manufacturing-conference", "consecutive editions held in Linping", 3, "届", None),
    ],
)
def test_key_figures_match_the_articles(by_id: dict[str, dict[str, Any]], entry_id: str, label_en: str,
                                        value: float, unit: str, qualifier: str | None) -> None:
    matches = [kf for kf in by_id[entry_id]["key_figures"] if kf["label_en"] == label_en]
    assert len(matches) == 1
    kf = matches[0]
    assert (kf["value"], kf["unit"], kf["qualifier"]) == (value, unit, qualifier)


@pytest.mark.parametrize("figure_id", ["gdp-2024", "trade-total-2024", "industrial-firms-above-scale"])
def test_show_of_a_figure_prints_its_source_file(run: Runner, by_id: dict[str, dict[str, Any]],
                                                 figure_id: str) -> None:
    result = run("show", figure_id)
    assert result.exit_code == 0
    for ref in by_id[figure_id]["source"]:
        assert ref["file"] in result.stdout


def test_show_of_gdp_names_the_second_article_only(run: Runner) -> None:
    out = run("show", "gdp-2024").stdout
    assert A004 in out and A000 not in out


# Both articles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry_id",
    ["industrial-firms-above-scale", "high-tech-enterprises", "htc", "hgt51f", "hgt51f-ignition", "cfmoto",
     "xiolift", "china-green-port", "cluster-3-2-x", "high-end-equipment", "green-energy", "pan-semiconductor",
     "suanli-town", "zju-equipment-institute", "talent-chain", "engineer-practice-bases", "dual-carbon",
     "hangzhou-east-centre", "linping"],
)
def test_facts_in_both_articles_cite_both(by_id: dict[str, dict[str, Any]], entry_id: str) -> None:
    assert {ref["file"] for ref in by_id[entry_id]["source"]} == set(ARTICLES)


def test_a_number_only_one_article_gives_cites_only_that_article(by_id: dict[str, dict[str, Any]]) -> None:
    xiolift = by_id["xiolift"]
    assert {ref["file"] for ref in xiolift["source"]} == set(ARTICLES)
    for kf in xiolift["key_figures"]:
        assert [ref["file"] for ref in kf["source"]] == [A000], kf["label"]
    carbon = next(kf for kf in by_id["hgt51f"]["key_figures"] if kf["label_en"] == "annual carbon emission cut")
    assert {ref["file"] for ref in carbon["source"]} == set(ARTICLES)
    parts = next(kf for kf in by_id["hgt51f"]["key_figures"] if kf["label_en"] == "number of parts")
    assert [ref["file"] for ref in parts["source"]] == [A004]


@pytest.mark.parametrize(
    ("entry_id", "words"),
    [
        ("green-energy", ["超五百亿级", "双五百亿级"]),
        ("pan-semiconductor", ["超五百亿级", "双五百亿级"]),
        ("cluster-3-2-x", ["前沿新材料", "未来制造"]),
    ],
)
def test_disagreements_between_the_articles_are_noted(by_id: dict[str, dict[str, Any]], entry_id: str,
                                                      words: list[str]) -> None:
    note = by_id[entry_id]["note"] or ""
    assert all(word in note for word in words), note
    assert {ref["file"] for ref in by_id[entry_id]["source"]} == set(ARTICLES)


def test_x_industries_named_by_one_article_cite_only_that_one(by_id: dict[str, dict[str, Any]]) -> None:
    assert [ref["file"] for ref in by_id["advanced-materials"]["source"]] == [A000]
    assert [ref["file"] for ref in by_id["future-manufacturing"]["source"]] == [A004]


# Pinyin and names ------------------------------------------------------------------------------


def test_stored_pinyin_is_exactly_what_pypinyin_generates() -> None:
    wrong = []
    for entry in RAW:
        names = [entry["name"], *(a for a in entry.get("aliases", []) if fill_pinyin.CJK.search(a))]
        expected = list(dict.fromkeys(pinyin_of(name) for name in names))  # each reading once
        if entry.get("pinyin") != expected:
            wrong.append((entry["id"], entry.get("pinyin"), expected))
    assert wrong == []


def test_pinyin_is_plain_lower_case_syllables() -> None:
    for entry in RAW:
        for text in entry["pinyin"]:
            assert re.fullmatch(r"[a-z0-9.\-]+( [a-z0-9.\-]+)*", text), (entry["id"], text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("西奥电梯", "xi ao dian ti"),
        ("长三角", "chang san jiao"),  # not zhang
        ("稳拓调优", "wen tuo tiao you"),  # not diao
        ("中国绿港", "zhong guo lv gang"),
        ("创新驱动、两业融合", "chuang xin qu dong liang ye rong he"),  # punctuation dropped
        ("临影厂2.0", "lin ying chang 2.0"),
        ("675SR-R摩托车", "675sr-r mo tuo che"),
    ],
)
def test_pinyin_of(text: str, expected: str) -> None:
    assert pinyin_of(text) == expected


def test_no_two_entries_share_a_name_alias_or_english_name() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in RAW:
        for text in (entry["name"], entry["name_en"], *entry.get("aliases", [])):
            owners[_normal(text)].add(entry["id"])
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_no_entry_repeats_its_own_name_as_an_alias() -> None:
    for entry in RAW:
        aliases = [_normal(a) for a in entry.get("aliases", [])]
        assert _normal(entry["name"]) not in aliases, entry["id"]
        assert len(aliases) == len(set(aliases)), entry["id"]


def test_every_named_person_is_a_person_entry_of_their_organisation(listed: list[dict[str, Any]]) -> None:
    """The six people named with a title are `person` entries; no other entry carries their names as tags."""
    people = {e["name"]: e for e in listed if e["type"] == "person"}
    assert sorted(people) == sorted(["宣成", "林通", "方建", "唐晓洪", "隋永枫", "吴昊"])
    kinds = {e["id"]: e["type"] for e in listed}
    for person in people.values():
        assert kinds[person["organisation"]] in ("company", "organisation"), person["id"]
        assert person["role"] and person["statements"], person["id"]
        assert person["id"] == pinyin_of(person["name"]).replace(" ", "-", 1).replace(" ", ""), person["id"]
        for statement in person["statements"]:
            assert statement["source"], person["id"]
    for entry in listed:
        if entry["type"] != "person":
            assert not set(entry["tags"]) & set(people), entry["id"]
        assert "people" not in entry, entry["id"]


# What a fact-check of the data asked for ----------------------------------------------------------


def test_worded_and_projected_figures_keep_what_the_articles_say(by_id: dict[str, dict[str, Any]]) -> None:
    partners = next(kf for kf in by_id["zynalog"]["key_figures"] if kf["label"] == "国内战略合作企业")
    assert (partners["value"], partners["qualifier"], partners["stated"], partners["value_max"]) == (
        100, "several", "数百家", None)  # several hundred: no count and no range is given
    turbine = {kf["label_en"]: kf for kf in by_id["hgt51f"]["key_figures"]}
    projected = {label for label, kf in turbine.items() if kf["projected"]}
    assert projected == {"annual power generation", "annual carbon emission cut", "equivalent trees planted per year",
                         "combined heat and power efficiency",
                         "medium-sized counties whose yearly electricity use the annual output would meet"}
    assert by_id["gdp-2024"]["growth_basis"] == "comparable-prices"  # a real rate: no prior-year value follows
    assert by_id["trade-total-2024"]["growth_basis"] == by_id["exports-2024"]["growth_basis"] == "current-prices"


@pytest.mark.parametrize(
    ("entry_id", "field", "present", "absent"),
    [
        ("export-credit-insurance-subsidy", "summary", ["将", "杭州全市"], ["各区"]),  # an official's intent
        ("export-credit-insurance-subsidy", "summary_en", ["will", "whole of Hangzhou"], []),
        ("japan", "summary", ["等"], ["另两国"]),  # 美、德、日等国 is an open list
        ("wentuo-tiaoyou", "summary", ["等"], ["四方面"]),
        ("wentuo-tiaoyou", "summary_en", ["among them"], ["four areas"]),
        ("htc", "summary", ["5月9日"], ["2025"]),  # the year of the ignition is inferred
        ("jinri-auto-parts", "summary", ["推定"], []),
        ("linping", "summary", ["浙江制造业", "重要板块", "杭州的制造业重镇"], ["浙江制造业重镇"]),
        ("excellent-engineers-target-2025", "name", ["后备人才"], ["2025"]),
        ("firstack", "summary", [], ["科技企业"]),
        ("linping-mountain", "summary", [], ["城区"]),
        ("hu-zha-hang-railway", "name_en", ["Zhapu"], []),
        ("germany", "summary_en", ["broken"], ["broken into"]),
        ("wu-hao", "summary", ["研发"], []),
    ],
)
def test_the_prose_keeps_the_articles_qualifiers(by_id: dict[str, dict[str, Any]], entry_id: str, field: str,
                                                 present: list[str], absent: list[str]) -> None:
    text = by_id[entry_id][field]
    assert [word for word in present if word not in text] == []
    assert [word for word in absent if word in text] == []


def test_outside_names_and_classifications_are_marked(by_id: dict[str, dict[str, Any]]) -> None:
    for entry in by_id.values():
        if entry["name_en_origin"] == "own-name":
            assert any(item["field"] == "name_en" for item in entry["outside"]), entry["id"]
    for entry_id in ("witmem", "zynalog", "xiolift", "donghua-chain", "haoban-ai"):
        assert any(item["field"] == "industry" for item in by_id[entry_id]["outside"]), entry_id
    assert by_id["new-industrialization-conference-2024"]["organiser"] is None  # 000 does not say who held it
    assert not {"厨电", "kitchen-appliances"} & set(by_id["robam"]["tags"])
    assert "智能工厂" not in by_id["miit-excellence-factories"]["tags"]
    assert by_id["haoban-ai"]["name_en_origin"] == "transliteration"


@pytest.mark.parametrize(
    ("entry_id", "name"),
    [("jingji-dasheng", "经济大省挑大梁"), ("linping-experience", "临平经验"), ("modern-logistics", "现代物流体系"),
     ("xin-san-yang", "新三样"), ("xiolift-future-factory", "西奥电梯未来工厂"),
     ("witmem-next-chip", "新一代存内计算芯片"), ("low-altitude-computing", "低空算力"),
     ("new-trade-formats", "外贸新业态")],
)
def test_every_named_thing_has_an_entry(by_id: dict[str, dict[str, Any]], entry_id: str, name: str) -> None:
    assert by_id[entry_id]["name"] == name
