"""`linping timeline`: every dated item in order, at its own precision, filtered, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import SECOND_REGION, Runner
from typer.testing import CliRunner

from linping_cli.cli.app import app

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"


def test_dates_keep_their_precision_and_their_order(run: Runner) -> None:
    items = json.loads(run("timeline", "--json").stdout)
    dates = [(item["date"], item["entry"]) for item in items]
    assert ("2024-02", "new-industrialization-conference-2024") in dates
    assert ("2025-05-09", "hgt51f-ignition") in dates and ("2022", "witmem-cim-chip") in dates
    assert ("2029", "industrial-new-linping") in dates  # a plan's deadline
    ignition = next(item for item in items if item["entry"] == "hgt51f-ignition")
    assert (ignition["precision"], ignition["inferred"], ignition["what"]) == ("day", True, "held")
    keys = [tuple(int(p) for p in item["date"].split("-")) for item in items]
    assert keys == sorted(keys)


def test_the_piped_table(run: Runner) -> None:
    lines = run("timeline", "--type", "event").stdout.splitlines()
    assert lines[0].split() == ["when", "what", "name", "name_en", "entry", "source"]
    assert lines[2].startswith("2024-02 ") and "新型工业化推进大会" in lines[2]
    assert lines[-2].startswith("2025-05-09 (inferred)  held")
    assert lines[-1].startswith("† not in the articles")  # the fairs' own English names


def test_from_and_to_keep_what_overlaps(run: Runner) -> None:
    items = json.loads(run("timeline", "--from", "2025-03", "--to", "2025-05", "--type", "event", "--json").stdout)
    assert [item["entry"] for item in items] == ["canton-fair-137", "electronica-china-2025",
                                                 "high-quality-development-conference-2025", "hgt51f-ignition"]
    assert json.loads(run("timeline", "--to", "2016", "--json").stdout)[-1]["date"] == "2016"
    result = run("timeline", "--from", "2025-13")
    assert result.exit_code == 2 and "--from takes a date as YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr
    empty = run("timeline", "--from", "2090", "--json")
    assert empty.exit_code == 1 and empty.stdout == "[]\n"


def test_tags_and_other_formats(run: Runner) -> None:
    rows = list(csv.DictReader(io.StringIO(run("timeline", "--tag", "gas-turbine", "-f", "csv").stdout)))
    assert [(row["date"], row["entry"]) for row in rows] == [("2025-05-09", "hgt51f-ignition")]  # not launched
    assert "| 2016 | set out |" in run("timeline", "-f", "markdown").stdout
    assert len(run("timeline", "-f", "jsonl").stdout.splitlines()) == len(json.loads(run("timeline", "--json")
                                                                                    .stdout))


def test_a_second_region_founding_and_all(run: Runner) -> None:
    result = CliRunner().invoke(app, ["--data", str(BEYOND), "--data", str(SECOND_REGION), "timeline", "--json"])
    items = [(item["date"], item["what"], item["region"]) for item in json.loads(result.stdout)]
    assert items == [("2010", "founded", "river-town"), ("2019", "launched", "river-town"),
                     ("2021", "set out", "river-town"), ("2023-06-18", "held", "river-town"),
                     ("2024", "figure for the year", "example-town"), ("2024", "figure for the year", "river-town"),
                     ("2024", "figure for the year", "river-town"), ("2025", "deadline", "river-town")]


def test_an_inferred_deadline_is_shown_as_inferred(run: Runner) -> None:
    # 000 gives five years and no end year: the dataset's 2029 is its own inference, and says so everywhere.
    [deadline] = [item for item in json.loads(run("timeline", "--json").stdout) if item["what"] == "deadline"
                  and item["entry"] == "industrial-new-linping"]
    assert (deadline["date"], deadline["inferred"]) == ("2029", True)
    assert "2029 (inferred)  deadline" in run("timeline", "--type", "plan").stdout
    assert "| 2029 (inferred) | deadline |" in run("timeline", "-f", "markdown").stdout


def test_every_inferred_date_of_the_data_is_marked(run: Runner) -> None:
    entries = {entry["id"]: entry for entry in json.loads(run("list", "--json").stdout)}
    flags = {"held": "date_inferred", "set out": "year_inferred", "deadline": "deadline_inferred",
             "launched": "year_inferred", "figure for the year": "year_inferred", "founded": "founded_inferred"}
    items = json.loads(run("timeline", "--json").stdout)
    assert {item["what"] for item in items} <= set(flags)
    assert [item["entry"] for item in items if item["inferred"] != entries[item["entry"]][flags[item["what"]]]] == []
