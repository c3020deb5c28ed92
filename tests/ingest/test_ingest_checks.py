"""The loader: good data loads into typed records; every kind of bad data is reported precisely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE, SECOND_REGION, Runner

from linping_cli.cli.load import load_dataset, validate_dataset
from linping_cli.model.errors import DataError
from linping_cli.model.records import Company, Figure

META = '[meta]\nid = "r"\nregion = "区"\nregion_en = "R"\n\n[[source]]\nfile = "a.txt"\ntitle = "甲"\n\n'
FIGURE = """[[figure]]
id = "{id}"
name = "数字"
name_en = "A number"
value = {value}
unit = "家"
summary = "一个数。"
summary_en = "A number."
source = [{{ file = "a.txt", section = "lead" }}]
"""


def write(tmp_path: Path, text: str, name: str = "d.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in validate_dataset([path])]


def test_fixture_loads_into_typed_records() -> None:
    dataset = load_dataset([FIXTURE], use_cache=False)
    gdp = dataset.get("gdp-2024")
    assert isinstance(gdp, Figure)
    assert (gdp.value, gdp.unit, gdp.year, gdp.growth, gdp.region) == (1000.5, "亿元", 2024, 5.0, "testville")
    acme = dataset.get("acme-lift")
    assert isinstance(acme, Company)
    assert acme.key_figures[0]["source"] == [{"file": "article-a.txt", "section": "工厂"}]  # inherited
    assert dataset.get("no-such-id") is None


def test_two_regions_load_side_by_side_and_clashing_ids_qualify() -> None:
    dataset = load_dataset([FIXTURE, SECOND_REGION], use_cache=False)
    assert [r.id for r in dataset.regions] == ["testville", "example-town"]
    assert dataset.get("gdp-2024") is None  # ambiguous
    assert dataset.get("example-town:gdp-2024").value == 250  # type: ignore[union-attr]
    assert dataset.qualified_id(dataset.get("testville:gdp-2024")) == "testville:gdp-2024"  # type: ignore[arg-type]


def test_clean_data_has_no_problems(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, META + FIGURE.format(id="x", value=1))) == []


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, META + "[[figure]]\nid = \n")
    assert problems_of(path) == [f"{path}:11: -: -: TOML syntax: Invalid value (column 6)"]


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = META + FIGURE.format(id="a", value='"12"') + FIGURE.format(id="Bad Id", value=1).replace(
        'unit = "家"\n', 'unit = "家"\nyaer = 2024\n')
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:14: a: value: expected a number (write 1175.09, not \"1175.09\")",
        f"{path}:20: Bad Id: id: ids are lower-case ASCII words joined by '-', like 'gdp-2024'",
        f"{path}:25: Bad Id: yaer: unknown key (did you mean 'year'?)",
    ]


def test_missing_field_unknown_type_and_bad_year(tmp_path: Path) -> None:
    text = META + FIGURE.format(id="a", value=1).replace('unit = "家"\n', "year = 3024\n") + (
        '[[compnay]]\nid = "c"\n')
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:10: a: unit: missing required field",
        f"{path}:15: a: year: year 3024 is out of range 1800-2100",
        f"{path}:19: -: compnay: unknown entry type 'compnay' (did you mean 'company'?)",
    ]


def test_duplicate_ids_across_files_name_both_files(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    folder.mkdir()
    write(folder, META + FIGURE.format(id="a", value=1), "one.toml")
    two = write(folder, FIGURE.format(id="a", value=2), "two.toml")
    assert problems_of(folder) == [f"{two}:2: a: id: duplicate id (first at {folder / 'one.toml'}:11)"]


def test_unresolved_reference_and_wrong_target_type(tmp_path: Path) -> None:
    text = META + FIGURE.format(id="a", value=1).replace('unit = "家"\n', 'unit = "家"\nsubject = "nowhere"\n')
    text += FIGURE.format(id="b", value=1).replace('unit = "家"\n', 'unit = "家"\npart_of = "a"\n')
    text += '[[place]]\nid = "p"\nname = "地"\nname_en = "P"\nsummary = "地。"\nsummary_en = "P."\n'
    text += 'source = [{ file = "a.txt", section = "s" }]\n'
    text += FIGURE.format(id="c", value=1).replace('unit = "家"\n', 'unit = "家"\npart_of = "p"\n')
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:16: a: subject: no entry has id 'nowhere'",
        f"{path}:43: c: part_of: 'p' is a place, expected figure",
    ]


def test_citing_an_undeclared_source(tmp_path: Path) -> None:
    path = write(tmp_path, META + FIGURE.format(id="a", value=1).replace('file = "a.txt"', 'file = "b.txt"'))
    assert problems_of(path) == [f"{path}:18: a: source: cites 'b.txt', which no [[source]] table declares"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary", "binary file, not TOML text"),
        ("名字 = 1".encode("gbk"), "not UTF-8 text (bad byte at offset 0)"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "d.toml"
    path.write_bytes(content)
    assert problems_of(path) == [f"{path}: -: -: {message}"]
    with pytest.raises(DataError):
        load_dataset([path], use_cache=False)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: -: -: no such file or folder"]
    assert problems_of(tmp_path) == [f"{tmp_path}: -: -: folder holds no .toml files"]


def test_missing_meta(tmp_path: Path) -> None:
    path = write(tmp_path, '[[source]]\nfile = "a.txt"\ntitle = "甲"\n')
    assert problems_of(path) == [f"{path}: -: meta: no [meta] table naming the region"]


def test_load_raises_data_error_counting_problems(tmp_path: Path) -> None:
    path = write(tmp_path, META + FIGURE.format(id="a", value='"x"') + FIGURE.format(id="b", value='"y"'))
    with pytest.raises(DataError) as caught:
        load_dataset([path], use_cache=False)
    assert str(caught.value).endswith("(and 1 more: `linping validate PATH` lists them)")
    assert len(caught.value.problems) == 2


def test_a_nested_tables_problems_are_at_its_field_in_field_order(tmp_path: Path) -> None:
    figure = FIGURE.format(id="a", value=1).replace(
        'unit = "家"\n', 'unit = "家"\nkey_figures = [{ value = "1", label = " ", growth = "x" }]\n')
    path = write(tmp_path, META + figure)
    assert problems_of(path) == [
        f"{path}:16: a: label: expected non-empty text",
        f"{path}:16: a: value: expected a number (write 1175.09, not \"1175.09\")",
        f"{path}:16: a: unit: missing required field",
        f"{path}:16: a: growth: expected a number (write 1175.09, not \"1175.09\")",
    ]


def test_a_byte_order_mark_is_not_part_of_the_toml(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_bytes("\ufeff".encode() + (META + FIGURE.format(id="a", value='"x"')).encode())
    assert problems_of(path) == [f"{path}:14: a: value: expected a number (write 1175.09, not \"1175.09\")"]


def test_a_second_meta_is_reported_once(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    folder.mkdir()
    write(folder, META + FIGURE.format(id="a", value=1), "one.toml")
    two = write(folder, '[meta]\nid = "r2"\n', "two.toml")
    assert problems_of(folder) == [f"{two}:1: -: meta: a second [meta] table in one dataset"]


def test_an_entry_written_out_of_order_and_in_part_reads_complete_and_in_order(tmp_path: Path) -> None:
    from linping_cli.model.kinds import KEY_FIGURE_KINDS, SOURCE_REF_KINDS
    from linping_cli.model.records import field_order, to_dict

    path = write(tmp_path, META + '[[company]]\nsource = [{ section = "lead", file = "a.txt" }]\n'
                 'key_figures = [{ value = 3, label = "员工", unit = "人" }]\nsummary_en = "A firm."\n'
                 'summary = "一家。"\nname_en = "Firm"\nname = "公司"\nid = "firm"\n')
    for use_cache in (False, True, True):  # built, then written to the cache, then read from it
        entry = load_dataset([path], use_cache=use_cache).entries[0]
        data = to_dict(entry)
        assert tuple(data) == field_order(Company)
        assert data["aliases"] == [] and data["outside"] == [] and data["founded"] is None
        figure = data["key_figures"][0]
        assert tuple(figure) == tuple(KEY_FIGURE_KINDS) and figure["target"] is False
        assert figure["source"] == data["source"] == [{"file": "a.txt", "section": "lead"}]
        assert tuple(data["source"][0]) == tuple(SOURCE_REF_KINDS)


def test_synonym_tables_are_checked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from linping_cli.cli.app import app

    path = tmp_path / "vocabulary.toml"
    path.write_text('[[synonym]]\nterms = ["only-one"]\n\n[[synonym]]\nterms = ["a", "b"]\nnote = 3\n'
                    '\n[[synonym]]\nterms = ["x", "y"]\ncolour = "red"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert f"{path}:2: -: terms: expected a list of at least two non-empty strings" in result.stdout
    assert f"{path}:6: -: note: expected non-empty text" in result.stdout
    assert f"{path}:10: -: colour: unknown key (keys: terms, note)" in result.stdout


SOURCED = """[meta]
id = "r"
region = "区"
region_en = "R"

[[source]]
file = "a.txt"
title = "甲"
outlet = "某日报"
published = "2025-06-03"
url = "https://example.org/a"
year = 2025
""" + FIGURE.format(id="x", value=1)


def test_a_source_carries_where_it_was_published(tmp_path: Path, run: Runner) -> None:
    path = write(tmp_path, SOURCED)
    assert problems_of(path) == []
    listed = json.loads(run("--data", str(path), "sources", "--json").stdout)
    assert [(s["outlet"], s["published"], s["url"]) for s in listed] == [
        ("某日报", "2025-06-03", "https://example.org/a")]
    bundled = json.loads(run("sources", "--json").stdout)
    assert {(s["outlet"], s["published"], s["url"]) for s in bundled} == {(None, None, None)}  # none is known


def test_where_a_source_was_published_is_checked(tmp_path: Path) -> None:
    broken = SOURCED.replace("https://example.org/a", "example.org/a")
    path = write(tmp_path, broken.replace("year = 2025", "year = 2024\nyear_inferred = true"))
    assert problems_of(path) == [
        f"{path}:11: -: url: expected a web address starting http:// or https://",
        f"{path}:12: -: year: year 2024 is not the year of published '2025-06-03'",
        f"{path}:13: -: year_inferred: a source with a published date has a stated year, not an inferred one",
    ]


def test_outside_values_are_items_of_their_field_and_a_growth_basis_is_known(tmp_path: Path) -> None:
    basis = FIGURE.format(id="a", value=1).replace('unit = "家"\n',
                                                   'unit = "家"\ngrowth = 5\ngrowth_basis = "nominal"\n')
    path = write(tmp_path, META + basis)
    assert problems_of(path) == [
        f"{path}:17: a: growth_basis: expected one of current-prices, comparable-prices, quantity"]
    outside = FIGURE.format(id="b", value=1).replace('unit = "家"\n', (
        'unit = "家"\naliases = ["甲"]\noutside = [{ field = "aliases", values = ["乙"], note = "ours" }]\n'))
    path = write(tmp_path, META + outside)
    assert problems_of(path) == [f"{path}:17: b: outside: aliases holds no '乙', which outside names"]
