"""Reading one file: the bytes, the parse, and what checking it whole finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from linping_cli.ingest import read

HEAD = ('[meta]\nid = "r"\nregion = "区"\nregion_en = "R"\n\n'
        '[[source]]\nfile = "a.txt"\ntitle = "甲"\n\n')
COMPANY = ('\n[[company]]\nid = "c{n}"\nname = "公司{n}"\nname_en = "Company {n}"\nsummary = "一家。"\n'
           'summary_en = "One."\nsource = [{{ file = "a.txt", section = "s" }}]\n')
BAD_COMPANY = '\n[[company]]\nid = "Bad Id"\nname = "坏"\n'  # problems, told at their lines


def report_of(path: Path) -> tuple[Any, ...]:
    """What checking `path` gives; its problems in the order they are shown (by line)."""
    report = read.check_file(path)
    return ([str(problem) for problem in sorted(report.problems, key=lambda problem: problem.line or 0)],
            report.readable, report.has_meta, report.meta, [str(problem) for problem in report.meta_problems],
            report.sources, report.entries, report.rows, report.invalid, report.ids_by_type, report.targets,
            report.cited)


def test_a_bad_byte_late_in_a_file_is_told_at_its_offset_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    text = HEAD + "".join(COMPANY.format(n=n) for n in range(6))
    path.write_bytes(text.encode() + b'\n[[company]]\nid = "\xff"\n')
    problems = report_of(path)[0]
    assert problems == [f"{path}: -: -: not UTF-8 text (bad byte at offset {len(text.encode()) + 19})"]


def test_without_rtoml_tomli_parses_and_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.toml"
    path.write_text(HEAD + "".join(COMPANY.format(n=n) for n in range(5)) + BAD_COMPANY, encoding="utf-8")
    with_rtoml = report_of(path)
    monkeypatch.setattr(read, "rtoml", None)
    assert report_of(path) == with_rtoml
    assert with_rtoml[0] and len(with_rtoml[7]) == 5  # the odd table's problems, and five good entries
