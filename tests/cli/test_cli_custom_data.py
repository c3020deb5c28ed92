"""Your own data: --data, LINPING_DATA, several regions, validate, and bad input of every kind."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from conftest import FIXTURE, SECOND_REGION, Runner


def test_data_option_points_at_a_file(run: Runner) -> None:
    result = run("--data", str(FIXTURE), "list", "company", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["acme-lift", "bolt-moto"]


def test_environment_variable_and_option_precedence(run: Runner) -> None:
    env = {"LINPING_DATA": str(SECOND_REGION)}
    assert json.loads(run("list", "--json", env=env).stdout)[0]["region"] == "example-town"
    result = run("--data", str(FIXTURE), "list", "--json", env=env)
    assert {e["region"] for e in json.loads(result.stdout)} == {"testville"}


def test_folder_of_files_is_merged(tmp_path: Path, run: Runner) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    split = text.index("[[company]]")
    (tmp_path / "a.toml").write_text(text[:split], encoding="utf-8")
    (tmp_path / "b.toml").write_text(text[split:], encoding="utf-8")
    result = run("--data", str(tmp_path), "stats", "--json")
    assert json.loads(result.stdout)["entries"] == 10


def test_two_regions_side_by_side(run: Runner) -> None:
    args = ["--data", str(FIXTURE), "--data", str(SECOND_REGION)]
    assert run(*args, "search", "地区生产总值", "--fields", "id,region,name,value,unit,year,growth,source").stdout == (
        "id        region        name          value   unit  year  growth  source\n"
        "--------  ------------  ------------  ------  ----  ----  ------  --------------------\n"
        "gdp-2024  example-town  地区生产总值  250     亿元  2024          example-notes\n"
        "gdp-2024  testville     地区生产总值  1000.5  亿元  2024  +5.0%   article-a, article-b\n"
    )
    result = run(*args, "compare", "testville:gdp-2024", "example-town:gdp-2024", "--json")
    assert result.exit_code == 0, result.stderr
    rows = {row["field"]: row["values"] for row in json.loads(result.stdout)["rows"]}
    assert rows["region"] == ["testville", "example-town"]
    assert rows["ratio"] == [None, round(250 / 1000.5, 6)]
    ambiguous = run(*args, "show", "gdp-2024")
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr == ("linping: 'gdp-2024' is in several regions; say which: "
                                "testville:gdp-2024, example-town:gdp-2024\n")


def test_validate_clean_data(run: Runner) -> None:
    result = run("validate", str(FIXTURE))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "linping: no problems found\n")


def test_validate_reports_every_problem_then_a_count(tmp_path: Path, run: Runner) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace("value = 400", 'value = "400"').replace(
        'location = "north-park"', 'location = "north-prak"', 1), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{bad}:49: acme-lift: location: no entry has id 'north-prak' (did you mean 'north-park'?)",
        f"{bad}:99: trade-2024: value: expected a number (write 1175.09, not \"1175.09\")",
    ]
    assert result.stderr == "linping: 2 problems in 1 file\n"


def test_validate_as_json(tmp_path: Path, run: Runner) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[meta]\nid = 1\n", encoding="utf-8")
    result = run("validate", str(bad), "--json")
    assert result.exit_code == 3
    problems = json.loads(result.stdout)
    assert [(p["line"], p["field"]) for p in problems] == [(1, "region"), (1, "region_en"), (2, "id")]
    assert problems[2]["message"] == "ids are lower-case ASCII words joined by '-', like 'gdp-2024'"


@pytest.mark.parametrize(("content", "message"), [
    (b"[meta\n", "TOML syntax: Expected ']' at the end of a table declaration (column 6)"),
    (b"\xff\xfe\x00binary", "binary file, not TOML text"),
    ("名 = 1".encode("gb18030"), "not UTF-8 text (bad byte at offset 0)"),
])
def test_bad_data_is_one_line_and_exit_3(tmp_path: Path, run: Runner, content: bytes, message: str) -> None:
    path = tmp_path / "d.toml"
    path.write_bytes(content)
    result = run("--data", str(path), "search", "x")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"linping: bad data: {path}")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_missing_file_and_folder_without_toml(tmp_path: Path, run: Runner) -> None:
    result = run("--data", str(tmp_path / "nope.toml"), "list")
    assert (result.exit_code, result.stderr) == (3, f"linping: bad data: {tmp_path / 'nope.toml'}: -: -: "
                                                    "no such file or folder\n")
    result = run("--data", str(tmp_path), "list")
    assert (result.exit_code, result.stderr) == (3, f"linping: bad data: {tmp_path}: -: -: "
                                                    "folder holds no .toml files\n")


@pytest.mark.parametrize("query", [
    ".*", "[a-", "(", "\\d+", "%s", "%(x)s", "'", '"', "\\", "{0}", "测试?", "🚀", "\u200f测试\u200f",
    "a" * 100_000, "测" * 100_000, "NULL", "-", "*",
])
def test_queries_are_literal_text(run_fixture: Runner, query: str) -> None:
    result = run_fixture("search", "--json", "--", query)
    assert result.exit_code in (0, 1), result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_literal_metacharacters_do_not_match_everything(run_fixture: Runner) -> None:
    assert run_fixture("search", ".*", "--json").stdout == "[]\n"


@pytest.mark.parametrize("query", ["", " ", "\t\n"])
def test_empty_queries_are_usage_errors(run_fixture: Runner, query: str) -> None:
    result = run_fixture("search", query)
    assert result.exit_code == 2
    assert result.stderr == "linping: the query is empty: give some text to search for\n"


def test_dataset_text_is_shown_never_run(tmp_path: Path, run: Runner) -> None:
    path = tmp_path / "d.toml"
    marker = tmp_path / "ran"
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace(
        "An invented district for tests.", f"$(touch {marker}) [bold]x[/bold] :smile:"), encoding="utf-8")
    result = run("--data", str(path), "show", "testville")
    assert f"$(touch {marker}) [bold]x[/bold] :smile:" in result.stdout
    assert not marker.exists()


def test_no_network_and_no_writes_outside_the_cache(tmp_path: Path, run: Runner,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("linping opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.setenv("LINPING_CACHE_DIR", str(cache))
    for args in (["search", "测试"], ["list"], ["show", "acme-lift"], ["compare", "gdp-2024", "firms"],
                 ["validate"], ["stats"], ["sources"]):
        assert run("--data", str(FIXTURE), *args).exit_code == 0
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {cache}


def test_empty_data_path_is_a_usage_error(run: Runner) -> None:
    result = run("--data", "", "list")
    assert (result.exit_code, result.stderr) == (2, "linping: --data needs a file or folder, not an empty string\n")


def test_paths_the_system_refuses_are_bad_data(run: Runner) -> None:
    result = run("--data", "a" * 5000, "list")
    assert result.exit_code == 3 and len(result.stderr.splitlines()) == 1
    assert run("--data", "/dev/null", "list").stderr == (
        "linping: bad data: /dev/null: -: -: not a regular file or folder\n")


def test_validate_goes_on_past_a_missing_path(tmp_path: Path, run: Runner) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace("value = 400", 'value = "400"'), encoding="utf-8")
    result = run("validate", str(tmp_path / "nope"), str(bad))
    assert result.exit_code == 3
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [
        "-: -: no such file or folder", "trade-2024: value: expected a number (write 1175.09, not \"1175.09\")"]


def test_empty_reference_is_a_problem(tmp_path: Path, run: Runner) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace('parent = "testville"', 'parent = ""'),
                   encoding="utf-8")
    result = run("validate", str(bad))
    assert result.stdout == f"{bad}:36: north-park: parent: expected an entry id, like 'linping'\n"


def test_a_newline_in_a_path_stays_on_one_line(run: Runner) -> None:
    result = run("--data", "a\nb", "list")
    assert result.exit_code == 3 and result.stderr == "linping: bad data: a\\nb: -: -: no such file or folder\n"


def test_two_regions_name_what_entries_link_to(tmp_path: Path, run: Runner) -> None:
    twin = tmp_path / "twin.toml"
    twin.write_text(FIXTURE.read_text(encoding="utf-8").replace('id = "testville"\nregion', 'id = "twin"\nregion', 1),
                    encoding="utf-8")
    result = run("--data", str(FIXTURE), "--data", str(twin), "show", "twin:acme-lift")
    assert result.exit_code == 0, result.stderr
    assert "北部工业园 (north-park)" in result.stdout


def test_compare_entries_whatever_their_ids(tmp_path: Path, run: Runner) -> None:
    data = tmp_path / "d.toml"
    data.write_text(FIXTURE.read_text(encoding="utf-8").replace('"north-park"', '"attribute"'), encoding="utf-8")
    result = run("--data", str(data), "compare", "attribute", "testville")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["attribute", "testville"] and lines[2].split()[:3] == ["name", "北部工业园", "测试区"]
