"""verify: a region checked against its articles, on an invented town (qinghe.txt, qinghe.toml) and the
bundled data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from article_fixtures import bundled, load, sources

from linping_cli.articles.library import sources_folder
from linping_cli.articles.verify import RULES, STATUSES, VERIFY_KEYS, EntryCheck, verify
from linping_cli.model.errors import UserError

HERE = Path(__file__).parent
REGION = (HERE / "qinghe.toml").read_text(encoding="utf-8")


def region_with(tmp_path: Path, *edits: tuple[str, str], article: str | None = None) -> Path:
    """A copy of the invented region and its article in `tmp_path`, with `edits` (old, new) made to the TOML."""
    text = REGION
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (tmp_path / "region.toml").write_text(text, encoding="utf-8")
    shutil.copy(HERE / "qinghe.txt", tmp_path / "qinghe.txt")
    if article is not None:
        (tmp_path / "qinghe.txt").write_text(article, encoding="utf-8")
    return tmp_path


def check(folder: Path, **options: Any) -> list[dict[str, Any]]:
    return verify(load(folder / "region.toml"), folder, **options)


def not_ok(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(row["entry"], row["label"], row["field"], row["status"]) for row in rows if row["status"] != "ok"]


def test_every_fact_of_the_invented_region_is_ok(tmp_path: Path) -> None:
    rows = check(region_with(tmp_path))
    assert len(rows) == 11 and not_ok(rows) == []
    assert all(tuple(row) == VERIFY_KEYS for row in rows)
    gdp = next(row for row in rows if row["entry"] == "output-last-year" and row["field"] == "value")
    assert (gdp["value"], gdp["qualifier"], gdp["line"], gdp["article"]) == (86.5, "about", 5, "约86.5亿元")


def test_a_changed_number_a_dropped_qualifier_and_a_moved_section_are_exactly_what_is_reported(
        tmp_path: Path) -> None:
    folder = region_with(
        tmp_path,
        ("value = 345", "value = 354"),
        ('value = 120\nunit = "家"\nqualifier = "more-than"', 'value = 120\nunit = "家"'),
        ('{ label = "自动化产线", label_en = "automated lines", value = 12, unit = "条" }',
         '{ label = "自动化产线", label_en = "automated lines", value = 12, unit = "条", '
         'source = [{ file = "qinghe.txt", section = "人才与创新 新平台陆续落地" }] }'))
    rows = check(folder)
    assert sorted(not_ok(rows)) == [
        ("firms-above-scale", None, "value", "qualifier differs"),
        ("patents-last-year", None, "value", "not found"),
        ("qinghe-looms", "自动化产线", "value", "elsewhere"),
    ]
    moved = next(row for row in rows if row["status"] == "elsewhere")
    assert (moved["found_in"], moved["line"]) == ("qinghe.txt § 水乡新业 织造转向智能工厂", 9)
    dropped = next(row for row in rows if row["status"] == "qualifier differs")
    assert dropped["article"] == "超120家" and "more-than" in dropped["note"]


def test_a_qualifier_the_article_lacks_and_a_precision_it_lacks_are_faults_too(tmp_path: Path) -> None:
    more = ('value = 345\nunit = "件"', 'value = 345\nunit = "件"\nqualifier = "more-than"')
    rows = check(region_with(tmp_path, more, ('value = 100\nunit = "件"', 'value = 100.0\nunit = "件"')))
    assert sorted(not_ok(rows)) == [
        ("invention-patents-last-year", None, "value", "precision differs"),  # 百: no decimals
        ("patents-last-year", None, "value", "qualifier differs"),  # the article gives 345 exactly
    ]


def test_a_missing_article_is_reported_for_each_fact(tmp_path: Path) -> None:
    folder = region_with(tmp_path)
    (folder / "qinghe.txt").unlink()
    rows = check(folder)
    assert {row["status"] for row in rows} == {"source missing"}
    assert "no such file" in rows[0]["note"]


def test_a_citation_that_is_a_path_is_never_opened(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("约86.5亿元，增长7.2%", encoding="utf-8")
    folder = tmp_path / "region"
    folder.mkdir()
    region_with(folder, ('source = [{ file = "qinghe.txt", section = "lead" }]\nvalue = 86.5',
                         'source = [{ file = "../secret.txt", section = "lead" }]\nvalue = 86.5'),
                ('[[figure]]\nid = "output-last-year"',
                 '[[source]]\nfile = "../secret.txt"\n\n[[figure]]\nid = "output-last-year"'))
    rows = [row for row in check(folder) if row["entry"] == "output-last-year"]
    assert {row["status"] for row in rows} == {"source missing"}
    assert "not a plain file name" in rows[0]["note"]


def test_a_number_after_a_target_word_must_be_marked(tmp_path: Path) -> None:
    rows = check(region_with(tmp_path, ("year = 2027\ntarget = true", "year = 2027")))
    assert not_ok(rows) == [("engineers-target-2027", None, "value", "not marked target")]
    assert "力争" in next(row["note"] for row in rows if row["status"] == "not marked target")


def test_a_name_the_article_does_not_write_must_be_marked_outside(tmp_path: Path) -> None:
    edit = ('name_en_origin = "translation"\n', 'name_en_origin = "own-name"\naliases = ["织机厂", "Qinghe Looms"]\n')
    rows = check(region_with(tmp_path, edit))
    assert not_ok(rows) == [("qinghe-looms", "Qinghe Looms", "aliases", "not marked outside"),
                            ("qinghe-looms", "Qinghe Loom Works", "name_en", "not marked outside")]
    marked = (edit[0], edit[1] + 'outside = [{ field = "aliases", note = "n" }, { field = "name_en", note = "n" }]\n')
    assert not_ok(check(region_with(tmp_path, marked))) == []


def test_a_rule_is_one_function(tmp_path: Path) -> None:
    def no_patents(entry: EntryCheck) -> list[dict[str, Any]]:
        return [entry.row(field=claim.field, status="not found", note="no patents")
                for claim in entry.claims if claim.unit == "件"]

    rows = check(region_with(tmp_path), rules=(*RULES, no_patents))
    assert [row["entry"] for row in rows if row["note"] == "no patents"] == ["patents-last-year",
                                                                            "invention-patents-last-year"]


def test_progress_is_reported_as_entries_done(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    check(region_with(tmp_path), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(6, 6)]


def test_the_sources_folder_comes_from_the_option_or_the_environment(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINPING_SOURCES", raising=False)
    with pytest.raises(UserError, match="--sources"):
        sources_folder(None)
    with pytest.raises(UserError, match="not a folder"):
        sources_folder(str(tmp_path / "nowhere"))
    monkeypatch.setenv("LINPING_SOURCES", str(tmp_path))
    assert sources_folder(None) == tmp_path


def test_hostile_article_text_is_read_not_obeyed(tmp_path: Path) -> None:
    article = (HERE / "qinghe.txt").read_text(encoding="utf-8").replace("约86.5亿元", "\x1b[2J约86.5亿元\u202e")
    rows = check(region_with(tmp_path, article=article + "\x00" * 10 + "**" * 5000))
    assert not_ok(rows) == []


def test_statuses_are_the_documented_ones() -> None:
    assert STATUSES[:2] == ("ok", "qualifier differs") and len(set(STATUSES)) == len(STATUSES)


# The bundled data ---------------------------------------------------------------------------------------------

# Faults the bundled data has today, all in the data (the audit's rows, being fixed in data/ meanwhile): names and
# aliases no article writes that are not marked outside, numbers of our own wording in two statements (两项, 两件),
# and HGT51F's carbon cut, which 004 gives after 将 and 未来. Fixing one removes it from here; no new one may appear.
KNOWN_FAULTS = {
    ("fang-jian", "statements[0]", "not found"), ("tang-xiaohong", "statements[0]", "not found"),
    ("hgt51f", "value", "not marked target"),
}


def test_every_number_of_the_bundled_data_is_where_it_cites() -> None:
    rows = verify(bundled(), sources())
    located = [row for row in rows if row["status"] not in ("not marked outside", "not marked target")]
    assert len(located) >= 100
    assert {(row["entry"], row["field"], row["status"]) for row in located if row["status"] != "ok"} <= KNOWN_FAULTS
    rules = {(row["entry"], row["field"], row["status"]) for row in rows if row["status"] == "not marked target"}
    assert rules <= KNOWN_FAULTS
