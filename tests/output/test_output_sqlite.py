"""`linping export`: an SQLite database that the sqlite3 shell, sqlite-utils, Datasette and DuckDB read right."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, SECOND_REGION, Runner, needs

BIN = Path(sys.executable).parent


README = Path(__file__).parents[2] / "README.md"


def linping(*args: str, data: Path | None = FIXTURE, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it (the module where no script is installed); data=None: the bundled."""
    script = BIN / "linping"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "linping_cli"]
    where = ["--data", str(data)] if data else []
    return subprocess.run([*command, *where, *args], capture_output=True, text=True, check=check)


def tool(name: str) -> str:
    """A client the export is read with, beside this Python or on PATH; the test skips without it."""
    beside = BIN / name
    if beside.exists():
        return str(beside)
    needs(name)
    return str(shutil.which(name))


def sqlite3_shell(database: Path, *sql: str) -> str:
    return subprocess.run([tool("sqlite3"), str(database), *sql], capture_output=True, text=True, check=True).stdout


def first_hits(run: Runner, query: str, count: int = 10) -> list[str]:
    """The entries `linping search` lists first over the bundled data, written as export keys."""
    result = run("search", query, "--json", "--limit", str(count))
    assert result.exit_code == 0, result.stderr
    return [f"{hit['region']}:{hit['id']}" for hit in json.loads(result.stdout)]


def _export(tmp_path_factory: pytest.TempPathFactory, name: str, data: Path | None) -> Path:
    path = tmp_path_factory.mktemp("export") / name
    with pytest.MonkeyPatch.context() as patch:  # module fixtures run before the per-test cache folder is set
        patch.setenv("LINPING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        result = linping("export", str(path), data=data)
    assert result.stderr.endswith(f"linping: wrote {path}\n")
    return path


needs_sqlite3 = pytest.mark.tool("sqlite3")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test dataset's export (Datasette calls it `facts`)."""
    return _export(tmp_path_factory, "facts.db", FIXTURE)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset's export (Datasette calls it `linping`)."""
    return _export(tmp_path_factory, "linping.db", None)


def test_export_prints_each_table_and_its_rows(database: Path) -> None:
    rows = json.loads(linping("export", str(database), "--replace", "--json").stdout)
    counts = {row["table"]: row["rows"] for row in rows}
    assert counts["entries"] == 10 and counts["figure"] == 4 and counts["company"] == 2
    assert counts["people"] == 0 and counts["sources"] == 2 and counts["regions"] == 1
    assert counts["facts"] == 4 + 4  # four figures; three key figures of companies, one of a figure


def test_sqlite3_orders_figures_by_number(database: Path) -> None:
    out = sqlite3_shell(database, "SELECT id, value, typeof(value), year FROM figure ORDER BY value DESC LIMIT 3")
    assert out == "gdp-2024|1000.5|real|2024\nfirms|800.0|real|\ntrade-2024|400.0|real|2024\n"


def test_sqlite3_facts_hold_every_number_typed(database: Path) -> None:
    out = sqlite3_shell(database, "SELECT entry_key, entry, label_en, value, unit, qualifier, target FROM facts "
                        "WHERE type = 'company' ORDER BY value")
    assert out.splitlines() == ["testville:acme-lift|acme-lift|production lines|50.0|条|more-than|0",
                                "testville:acme-lift|acme-lift|countries served|70.0|个|more-than|0",
                                "testville:bolt-moto|bolt-moto|countries served|120.0|个|more-than|0"]
    # Unknown is NULL, not an empty string; a list is JSON text that json_each reads.
    assert sqlite3_shell(database, "SELECT count(*) FROM figure WHERE growth IS NULL") != "0\n"
    assert sqlite3_shell(database, "SELECT json_each.value FROM company, json_each(company.aliases) "
                         "WHERE company.id = 'acme-lift'") == "升降机公司\nACME\n"


def _foreign_keys(database: Path, table: str) -> set[str]:
    """A table's foreign keys as 'column>table.column', each key of one column only."""
    out = sqlite3_shell(database, f"SELECT id, \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('{table}')")
    ids = [line.split("|")[0] for line in out.splitlines()]
    assert len(ids) == len(set(ids)), f"{table} has a key of several columns, which Datasette does not follow"
    return {"{}>{}.{}".format(*line.split("|")[1:]) for line in out.splitlines()}


def test_sqlite3_every_reference_is_one_declared_key(database: Path) -> None:
    assert sqlite3_shell(database, "PRAGMA foreign_key_check") == ""
    assert _foreign_keys(database, "company") == {
        "entry_key>entries.entry_key", "location_key>place.entry_key", "industry_key>industry.entry_key"}
    assert _foreign_keys(database, "product") == {"entry_key>entries.entry_key", "maker_key>entries.entry_key"}
    assert _foreign_keys(database, "facts") == {"entry_key>entries.entry_key"}
    assert _foreign_keys(database, "relations") == {"entry_key>entries.entry_key", "target_key>entries.entry_key"}
    assert _foreign_keys(database, "people") == {"entry_key>person.entry_key", "organisation_key>entries.entry_key"}
    assert _foreign_keys(database, "entries") == {"region>regions.id"}
    for table in ("figure", "organisation", "place", "event", "plan", "project", "industry", "person"):
        assert "entry_key>entries.entry_key" in _foreign_keys(database, table)
    assert sqlite3_shell(database, "SELECT name FROM pragma_table_info('company') WHERE pk > 0") == "entry_key\n"


def test_sqlite3_joins_a_company_to_its_place_by_key(database: Path) -> None:
    out = sqlite3_shell(database, "SELECT c.id, c.location, p.name_en FROM company c "
                        "JOIN place p ON p.entry_key = c.location_key ORDER BY c.id")
    assert out == "acme-lift|north-park|North Industrial Park\nbolt-moto|north-park|North Industrial Park\n"
    out = sqlite3_shell(database, "SELECT entry, field, target FROM relations WHERE entry_key = 'testville:acme-lift'")
    assert "acme-lift|location|north-park" in out.splitlines()


def test_an_export_key_is_what_linping_show_takes(database: Path) -> None:
    key = sqlite3_shell(database, "SELECT location_key FROM company WHERE id = 'acme-lift'").strip()
    assert key == "testville:north-park"
    assert json.loads(linping("show", key, "--json").stdout)["name_en"] == "North Industrial Park"


def test_sqlite3_people_work_somewhere(bundled: Path) -> None:
    out = sqlite3_shell(bundled, "SELECT p.name, p.role_en, p.organisation, o.name_en FROM people p "
                        "JOIN entries o ON o.entry_key = p.organisation_key WHERE p.entry = 'sui-yongfeng'")
    name_en = json.loads(linping("show", "htc", "--json", data=None).stdout)["name_en"]
    assert out == f"隋永枫|deputy chief engineer|htc|{name_en}\n"


def _matches(database: Path, query: str) -> list[str]:
    """The ids the sqlite3 shell finds for a full-text query, in id order."""
    return sqlite3_shell(database, "SELECT e.id FROM entries_fts JOIN entries e ON e.rowid = entries_fts.rowid "
                         f"WHERE entries_fts MATCH '{query}' ORDER BY e.id").splitlines()


def test_sqlite3_full_text_search_finds_chinese_of_any_length_and_english(database: Path) -> None:
    assert _matches(database, "梯") == _matches(database, "电梯") == ["acme-lift", "lift-x1"]
    assert _matches(database, "摩托") == ["bolt-moto"]
    assert _matches(database, "升降机") == ["acme-lift"]
    assert _matches(database, "测试摩托股份有限公司") == ["bolt-moto"]  # a whole name, longer than its pieces
    assert _matches(database, "motorcycle") == ["bolt-moto"]
    assert _matches(database, "bei yuan") == ["north-park"]  # pinyin by syllables
    assert _matches(database, "beiyuan") == ["north-park"]  # and run together
    assert _matches(database, "摩托艇") == []  # a word no entry holds


def test_every_piece_of_chinese_up_to_four_characters_finds_its_entry(database: Path) -> None:
    import sqlite3

    db = sqlite3.connect(database)
    checked = 0
    for key, *texts in db.execute("SELECT entry_key, name, summary, aliases, tags FROM entries").fetchall():
        for run in re.findall(r"[\u4e00-\u9fff]+", " ".join(texts)):
            for size in range(1, 5):
                for at in range(len(run) - size + 1):
                    found = db.execute("SELECT entry_key FROM entries WHERE rowid IN "
                                       "(SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)",
                                       [f'"{run[at:at + size]}"']).fetchall()
                    assert (key,) in found, run[at:at + size]
                    checked += 1
    assert checked > 400


def test_tags_are_indexed(tmp_path: Path, fixture_file: Path) -> None:
    text = fixture_file.read_text(encoding="utf-8")
    fixture_file.write_text(text.replace('tags = ["motorcycle", "export"]',
                                         'tags = ["motorcycle", "export", "越野车型", "two-stroke"]'), encoding="utf-8")
    path = tmp_path / "tagged.db"
    linping("export", str(path), data=fixture_file)
    assert _matches(path, "越野") == _matches(path, "车型") == ["bolt-moto"]  # only the tag has them
    assert _matches(path, '"two-stroke"') == ["bolt-moto"]


@pytest.fixture(scope="module")
def datasette(database: Path, bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Datasette serving both exports on a free local port: its address."""
    command = tool("datasette")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("datasette") / "log"
    with log.open("wb") as sink:
        server = subprocess.Popen([command, "serve", str(database), str(bundled), "--host", "127.0.0.1",
                                   "--port", str(port)], stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # at most about 20 seconds for it to start
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, log.read_text(errors="replace")
                time.sleep(0.1)
        else:
            pytest.fail("datasette did not start within 20 seconds")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _get(url: str) -> Any:
    return json.loads(_read(url))


def test_datasette_links_a_company_to_its_place(datasette: str) -> None:
    page = _read(f"{datasette}/facts/company?id=acme-lift")
    link = '<a href="/facts/place/testville~3Anorth-park">北部工业园</a>'
    assert link in page
    place = _read(f"{datasette}/facts/place/testville~3Anorth-park")
    assert "North Industrial Park" in place
    # And the place's page counts the companies there.
    tables = _get(f"{datasette}/facts/place/testville~3Anorth-park.json?_extras=foreign_key_tables")
    located = {table["other_table"]: table["count"] for table in tables["foreign_key_tables"]
               if table["other_column"] == "location_key"}
    assert located == {"company": 2, "organisation": 0, "event": 0}


def test_datasette_labels_every_key_with_its_entry(datasette: str) -> None:
    def labelled(path: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = _get(f"{datasette}{path}&_shape=array&_labels=on")
        return rows

    acme = {"value": "testville:acme-lift", "label": "测试升降机有限公司"}
    park = {"value": "testville:north-park", "label": "北部工业园"}
    assert labelled("/facts/company.json?id=acme-lift&_col=location_key")[0]["location_key"] == park
    assert {row["entry_key"]["label"] for row in labelled("/facts/facts.json?entry=acme-lift")} == {acme["label"]}
    ends = labelled("/facts/relations.json?entry=acme-lift&field=location")
    assert [(row["entry_key"], row["target_key"]) for row in ends] == [(acme, park)]
    xiolift = labelled("/linping/company.json?id=xiolift&_col=location_key")[0]
    assert xiolift["location_key"]["value"] == "linping:linping-edz" and xiolift["location_key"]["label"]


@pytest.fixture(params=["datasette", "sqlite-utils"])
def search(request: pytest.FixtureRequest, bundled: Path) -> Callable[[str], list[str]]:
    """Search the bundled export as Datasette's ?_search= or `sqlite-utils search` does: the keys found."""
    if request.param == "datasette":
        base = request.getfixturevalue("datasette")

        def through_datasette(query: str) -> list[str]:
            rows = _get(f"{base}/linping/entries.json?_shape=array&_size=max&_col=id&_search="
                        + urllib.parse.quote(query))
            return [row["entry_key"] for row in rows]

        return through_datasette
    command = tool("sqlite-utils")

    def through_sqlite_utils(query: str) -> list[str]:
        out = subprocess.run([command, "search", str(bundled), "entries", query, "-c", "entry_key"],
                             capture_output=True, text=True, check=True).stdout
        return [row["entry_key"] for row in json.loads(out)]

    return through_sqlite_utils


def test_search_finds_xiolift_by_two_characters(search: Callable[[str], list[str]]) -> None:
    assert "linping:xiolift" in search("西奥")


@pytest.mark.parametrize("query", ["西奥", "临平", "电梯", "临平区", "西奥电梯"])
def test_search_finds_what_linping_search_finds_first(search: Callable[[str], list[str]], run: Runner,
                                                      query: str) -> None:
    expected = first_hits(run, query)
    found = search(query)
    assert expected and [key for key in expected if key not in found] == []


def test_sqlite_utils_ranks_names_first(bundled: Path, run: Runner) -> None:
    out = subprocess.run([tool("sqlite-utils"), "search", str(bundled), "entries", "电梯", "-c", "id", "--limit", "1"],
                         capture_output=True, text=True, check=True).stdout
    # A name, alias and tag before the summaries that mention it: one of the entries linping ranks first.
    [first] = json.loads(out)
    assert f"linping:{first['id']}" in first_hits(run, "电梯", 2)


def test_search_finds_pinyin_by_syllables_and_run_together(search: Callable[[str], list[str]], run: Runner) -> None:
    assert first_hits(run, "xi ao", 1) == ["linping:xiolift"]
    assert "linping:xiolift" in search("xi ao")
    assert "linping:xiolift" in search("xiaodianti")
    # linping search also reads "xi ao" as the one syllable xiao (小, 校) and lists those entries after
    # XIOLIFT; the index keeps syllables apart, so it is "xiao" that finds them, as linping search does.
    expected = first_hits(run, "xiao")
    assert len(expected) > 1 and set(expected) <= set(search("xiao"))


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_export_file_mode_follows_the_umask(tmp_path: Path, run: Runner, umask: int, mode: int) -> None:
    target = tmp_path / "shared.db"
    target.write_bytes(b"")
    target.chmod(0o600)
    old = os.umask(umask)
    try:
        result = run("--data", str(FIXTURE), "export", str(target), "--replace")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["shared.db"]


def _export_recipes() -> list[str]:
    section = README.read_text(encoding="utf-8").split("\n### export\n", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def test_the_readme_export_recipes_work(tmp_path: Path) -> None:
    recipes = _export_recipes()
    assert any("sqlite-utils search" in recipe for recipe in recipes)
    assert any(recipe.startswith("datasette ") for recipe in recipes)
    assert any("import duckdb" in recipe for recipe in recipes)
    pytest.importorskip("duckdb")
    for name in ("sqlite3", "sqlite-utils"):
        tool(name)
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    outputs = []
    for recipe in recipes:
        if recipe.startswith("datasette "):
            continue  # a server: the Datasette tests above serve the same file
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", recipe], cwd=tmp_path, capture_output=True,
                                text=True, env={**os.environ, "PATH": path})
        assert result.returncode == 0, f"{recipe}\n{result.stderr}"
        assert result.stdout.strip(), recipe
        outputs.append(result.stdout)
    assert any("linping:xiolift" in out for out in outputs)  # the search recipe found XIOLIFT

def test_export_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_text("keep me")
    result = linping("export", str(target), check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"linping: {target} exists: give --replace to overwrite it\n"
    assert target.read_text() == "keep me"
    linping("export", str(target), "--replace")
    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.db"]  # the file written beside is gone


def test_export_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = linping("export", str(tmp_path / "nowhere" / "x.db"), check=False)
    assert result.returncode == 2 and result.stderr.startswith("linping: cannot write ")
    assert not (tmp_path / "nowhere").exists()


def test_export_keeps_two_regions_apart(tmp_path: Path, run: Runner) -> None:
    target = tmp_path / "two.db"
    result = run("--data", str(FIXTURE), "--data", str(SECOND_REGION), "export", str(target))
    assert result.exit_code == 0, result.stderr
    import sqlite3

    db = sqlite3.connect(target)
    rows = db.execute("SELECT entry_key, region, value FROM figure WHERE id = 'gdp-2024' ORDER BY region").fetchall()
    assert rows == [("example-town:gdp-2024", "example-town", 250.0), ("testville:gdp-2024", "testville", 1000.5)]
    subjects = db.execute("SELECT entry_key, subject_key FROM figure WHERE id = 'gdp-2024' ORDER BY region").fetchall()
    assert [key.split(":")[0] for pair in subjects for key in pair] == ["example-town"] * 2 + ["testville"] * 2
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_export_keeps_huge_and_odd_values(tmp_path: Path, fixture_file: Path, run: Runner) -> None:
    text = fixture_file.read_text(encoding="utf-8").replace("value = 800", "value = 1e40")
    fixture_file.write_text(text.replace('name = "测试升降机有限公司"', 'name = "测试\\u001b[31m\'; DROP TABLE x; --"'),
                            encoding="utf-8")
    result = run("--data", str(fixture_file), "export", str(tmp_path / "odd.db"))
    assert result.exit_code == 0, result.stderr
    import sqlite3

    db = sqlite3.connect(tmp_path / "odd.db")
    assert db.execute("SELECT value FROM figure WHERE id = 'firms'").fetchone() == (1e40,)
    assert db.execute("SELECT name FROM company WHERE id = 'acme-lift'").fetchone() == (
        "测试\x1b[31m'; DROP TABLE x; --",)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_duckdb_reads_the_export_formats_with_their_types(tmp_path: Path, fmt: str) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / f"figures.{fmt}"
    path.write_text(linping("list", "figure", "-f", fmt).stdout, encoding="utf-8")
    reader = "read_json_auto" if fmt == "jsonl" else "read_csv_auto"
    db = duckdb.connect()
    relation = db.sql(f"SELECT id, value, year, growth, target FROM {reader}('{path}')")
    types = dict(zip(relation.columns, (str(t) for t in relation.types), strict=True))
    assert types == {"id": "VARCHAR", "value": "DOUBLE", "year": "BIGINT", "growth": "DOUBLE",
                     "target": "BOOLEAN"}
    top = db.sql(f"SELECT id, value FROM {reader}('{path}') ORDER BY value DESC LIMIT 2").fetchall()
    assert top == [("gdp-2024", 1000.5), ("firms", 800.0)]


@pytest.mark.parametrize("kind", ["folder", "link"])
def test_export_never_replaces_what_is_not_a_regular_file(run: Runner, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "x.db"
    if kind == "folder":
        target.mkdir()
    else:
        (tmp_path / "elsewhere.db").write_text("keep")
        target.symlink_to(tmp_path / "elsewhere.db")
    result = run("export", str(target), "--replace")
    assert result.exit_code == 2 and "is not a regular file" in result.stderr
    assert target.is_dir() if kind == "folder" else (tmp_path / "elsewhere.db").read_text() == "keep"
