"""Numbers at and past the float and integer limits, deep nesting and bytes that are not UTF-8:
bad data exits 3 with one line, good data at the limits prints as JSON, never a bug report."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from linping_cli.cli.app import app


def with_values(folder: Path, first: str, second: str = "400", extra: str = "") -> Path:
    """The fixture with the value of figure `gdp-2024` (1000.5) and of `trade-2024` (400, the same unit) replaced."""
    target = folder / "numbers.toml"
    text = FIXTURE.read_text(encoding="utf-8").replace("value = 1000.5", f"value = {first}", 1)
    assert f"value = {first}" in text and "value = 400" in text
    target.write_text(text.replace("value = 400", f"value = {second}", 1) + extra, encoding="utf-8")
    return target


def strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("number", ["1" + "0" * 400, "-" + "9" * 400, "1" * 5000, "18446744073709551616",
                                    "9223372036854775808", "-9223372036854775809", "0x1" + "0" * 16, "1e400",
                                    "-inf", "nan"])
def test_numbers_past_the_limits_are_bad_data(tmp_path: Path, number: str) -> None:
    result = CliRunner().invoke(app, ["--data", str(with_values(tmp_path, number)), "list", "figure"])
    assert result.exit_code == 3, result.output
    assert "please report" not in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("number", ["9223372036854775807", "-9223372036854775808", "1.7976931348623157e308",
                                    "5e-324", "-0.0"])
def test_numbers_at_the_limits_are_shown(tmp_path: Path, number: str) -> None:
    dataset = str(with_values(tmp_path, number))
    result = CliRunner().invoke(app, ["--data", dataset, "show", "gdp-2024", "--json"])
    assert result.exit_code == 0, result.output
    value = strict_json(result.stdout)["value"]
    assert value == json.loads(number) and math.copysign(1, value) == math.copysign(1, float(number))
    table = CliRunner().invoke(app, ["--data", dataset, "show", "gdp-2024"]).stdout
    assert ("-0" if number == "-0.0" else "") in table


@pytest.mark.parametrize(("first", "second"), [("1e308", "-1e308"), ("-1.7e308", "1.7e308"), ("5e-324", "1e308"),
                                               ("0", "5")])
def test_compare_never_prints_a_non_finite_number(tmp_path: Path, first: str, second: str) -> None:
    dataset = str(with_values(tmp_path, first, second))
    for fmt in ("json", "jsonl"):
        result = CliRunner().invoke(app, ["--data", dataset, "compare", "gdp-2024", "trade-2024", "-f", fmt])
        assert result.exit_code == 0, result.output
        assert "Infinity" not in result.stdout and "NaN" not in result.stdout
        rows = [strict_json(line) for line in result.stdout.splitlines()] if fmt == "jsonl" else \
            strict_json(result.stdout)["rows"]
        by_field = {row["field"]: row for row in rows}
        for field, expected in (("difference", float(second) - float(first)),
                              ("ratio", float(second) / float(first) if float(first) else math.inf)):
            if not math.isfinite(expected):
                assert by_field[field]["values"] == [None, None] and by_field[field]["note"]
            else:
                assert by_field[field]["values"][1] == round(expected, 6) and "note" not in by_field[field]
    table = CliRunner().invoke(app, ["--data", dataset, "compare", "gdp-2024", "trade-2024"]).stdout
    assert "inf" not in table.lower()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.integers(min_value=-(2**80), max_value=2**80).map(str),
                 st.floats(allow_nan=False, allow_infinity=False).map(repr),
                 st.sampled_from(["1e309", "-1e309", "inf", "+inf", "nan", "0e0", "-0e0", "1_000", "0o777",
                                  "1" * 4301, "9" * 4300, "-0.0"])),
       st.floats(allow_nan=False, allow_infinity=False).map(repr))
def test_any_number_is_a_result_or_bad_data(tmp_path_factory: pytest.TempPathFactory, first: str,
                                            second: str) -> None:
    dataset = str(with_values(tmp_path_factory.mktemp("n"), first, second))
    for args in (["compare", "gdp-2024", "trade-2024", "--json"], ["list", "figure", "--json"],
                 ["list", "figure", "--sort", "value"], ["stats", "--json"], ["validate", "-f", "json"]):
        result = CliRunner().invoke(app, ["--data", dataset, *args])
        assert result.exit_code in (0, 3), (args, result.output)
        if result.exit_code == 0 and "--json" in args:
            strict_json(result.stdout)


@pytest.mark.parametrize("nested", ["[" * 600 + "]" * 600, "{a = " * 600 + "1" + "}" * 600,
                                    "[" * 100 + "]" * 100, "[" * 100000 + "]" * 100000])
def test_deep_nesting_is_bad_data(tmp_path: Path, nested: str) -> None:
    extra = f'\n[[place]]\nid = "deep"\nname = "深"\nnote = {nested}\n'
    dataset = str(with_values(tmp_path, "1000.5", extra=extra))
    for args in (["--data", dataset, "list"], ["validate", dataset]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 3, result.output
        assert "please report" not in result.stderr


def test_deep_dotted_keys_are_bad_data(tmp_path: Path) -> None:
    dataset = str(with_values(tmp_path, "1000.5", extra="\n" + ".".join(["k"] * 20000) + " = 1\n"))
    result = CliRunner().invoke(app, ["--data", dataset, "list"])
    assert result.exit_code == 3 and "please report" not in result.stderr


def linping(*args: bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "linping_cli", *args], capture_output=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_a_query_that_is_not_utf8_is_no_match() -> None:
    result = linping(b"--data", str(FIXTURE).encode(), b"search", b"\xff\xfe")
    assert result.returncode == 1, result.stderr
    assert b"please report" not in result.stderr and not result.stdout


def test_validate_of_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/bad\xff.toml"
    with open(bad, "w", encoding="utf-8") as handle:
        handle.write('[meta]\nid = "x"\n[[place]]\nid = "p"\n')
    for fmt in (b"table", b"json", b"csv"):
        result = linping(b"validate", os.fsencode(folder), b"-f", fmt, env={"PYTHONIOENCODING": "utf-8:strict"})
        assert result.returncode == 3, result.stderr
        shown = b"bad\\udcff.toml" if fmt == b"json" else b"bad\\xff.toml"  # JSON: exact, as an escape
        assert shown in result.stdout and b"please report" not in result.stderr
        result.stdout.decode("utf-8")
