"""`linping export`: an SQLite database that the sqlite3 shell, sqlite-utils, Datasette and DuckDB read right."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, SECOND_REGION, Runner

BIN = Path(sys.executable).parent


def linping(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it (the module where no script is installed)."""
    script = BIN / "linping"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "linping_cli"]
    return subprocess.run([*command, "--data", str(FIXTURE), *args], capture_output=True, text=True, check=check)


def sqlite3_shell(database: Path, *sql: str) -> str:
    return subprocess.run(["sqlite3", str(database), *sql], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "facts.db"
    result = linping("export", str(path))
    assert result.stderr.endswith(f"linping: wrote {path}\n")
    return path


needs_sqlite3 = pytest.mark.tool("sqlite3")


def test_export_prints_each_table_and_its_rows(database: Path) -> None:
    rows = json.loads(linping("export", str(database), "--replace", "--json").stdout)
    counts = {row["table"]: row["rows"] for row in rows}
    assert counts["entries"] == 10 and counts["figure"] == 4 and counts["company"] == 2
    assert counts["people"] == 0 and counts["sources"] == 2 and counts["regions"] == 1
    assert counts["facts"] == 4 + 4  # four figures; three key figures of companies, one of a figure


@needs_sqlite3
def test_sqlite3_orders_figures_by_number(database: Path) -> None:
    out = sqlite3_shell(database, "SELECT id, value, typeof(value), year FROM figure ORDER BY value DESC LIMIT 3")
    assert out == "gdp-2024|1000.5|real|2024\nfirms|800.0|real|\ntrade-2024|400.0|real|2024\n"


@needs_sqlite3
def test_sqlite3_facts_hold_every_number_typed(database: Path) -> None:
    out = sqlite3_shell(database, "SELECT entry, label_en, value, unit, qualifier, target FROM facts "
                        "WHERE type = 'company' ORDER BY value")
    assert out.splitlines() == ["acme-lift|production lines|50.0|条|more-than|0",
                                "acme-lift|countries served|70.0|个|more-than|0",
                                "bolt-moto|countries served|120.0|个|more-than|0"]
    # Unknown is NULL, not an empty string; a list is JSON text that json_each reads.
    assert sqlite3_shell(database, "SELECT count(*) FROM figure WHERE growth IS NULL") != "0\n"
    assert sqlite3_shell(database, "SELECT json_each.value FROM company, json_each(company.aliases) "
                         "WHERE company.id = 'acme-lift'") == "升降机公司\nACME\n"


@needs_sqlite3
def test_sqlite3_keys_are_declared_and_hold(database: Path) -> None:
    assert sqlite3_shell(database, "PRAGMA foreign_key_check") == ""
    keys = sqlite3_shell(database, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('relations')")
    assert set(keys.splitlines()) == {"region|entries", "entry|entries", "target|entries"}
    assert sqlite3_shell(database, "SELECT name FROM pragma_table_info('company') WHERE pk > 0 ORDER BY pk") == (
        "region\nid\n")
    out = sqlite3_shell(database, "SELECT entry, field, target FROM relations WHERE entry = 'acme-lift'")
    assert "acme-lift|location|north-park" in out.splitlines()


@needs_sqlite3
def test_sqlite3_people_work_somewhere(tmp_path: Path) -> None:
    path = tmp_path / "linping.db"
    subprocess.run([sys.executable, "-m", "linping_cli", "export", str(path)], capture_output=True, check=True)
    assert sqlite3_shell(path, "SELECT name, role_en, organisation FROM people WHERE entry = 'sui-yongfeng'") == (
        "隋永枫|deputy chief engineer|htc\n")


@needs_sqlite3
def test_sqlite3_full_text_search_finds_chinese_and_english(database: Path) -> None:
    query = "SELECT id FROM entries WHERE rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH '{}')"
    assert sqlite3_shell(database, query.format("升降机")) == "acme-lift\n"
    assert sqlite3_shell(database, query.format("motorcycle")) == "bolt-moto\n"


def test_sqlite_utils_search(database: Path) -> None:
    out = subprocess.run([str(BIN / "sqlite-utils"), "search", str(database), "entries", "升降机", "-c", "id"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [{"id": "acme-lift"}]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_datasette_serves_tables_and_search(database: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([str(BIN / "datasette"), "serve", str(database), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/facts"
    try:
        for _ in range(200):  # at most about 20 seconds for it to start
            try:
                companies = _get(f"{base}/company.json?_shape=array")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.1)
        else:
            pytest.fail("datasette did not start")
        assert [row["id"] for row in companies] == ["acme-lift", "bolt-moto"]
        assert companies[0]["name"] == "测试升降机有限公司"
        found = _get(f"{base}/entries.json?_shape=array&_search=" + urllib.parse.quote("摩托"))
        assert found == []  # trigram search needs three characters or more
        found = _get(f"{base}/entries.json?_shape=array&_search=" + urllib.parse.quote("测试摩托"))
        assert [row["id"] for row in found] == ["bolt-moto"]
    finally:
        server.terminate()
        server.wait(timeout=10)


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
    rows = db.execute("SELECT region, value FROM figure WHERE id = 'gdp-2024' ORDER BY region").fetchall()
    assert rows == [("example-town", 250.0), ("testville", 1000.5)]
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
