"""A file checked a batch of entry tables at a time gives just what checking it whole gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, SECOND_REGION
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linping_cli import reading
from linping_cli.loading import bundled_data_path, dataset_files

HEAD = ('[meta]\nid = "r"\nregion = "区"\nregion_en = "R"\n\n'
        '[[source]]\nfile = "a.txt"\ntitle = "甲"\n\n')
COMPANY = ('\n[[company]]\nid = "c{n}"\nname = "公司{n}"\nname_en = "Company {n}"\nsummary = "一家。"\n'
           'summary_en = "One."\nsource = [{{ file = "a.txt", section = "s" }}]\nrelated = ["f{n}"]\n')
FIGURE = ('\n[[figure]]\nid = "f{n}"\nname = "数{n}"\nname_en = "Figure {n}"\nvalue = {n}.5\nunit = "家"\n'
          'summary = "一个数。"\nsummary_en = "A number."\nsource = [{{ file = "a.txt", section = "s" }}]\n')
# Pieces that checking in batches cannot settle alone, or that a batch must still tell right.
ODD = [
    '\n[[company]]\nid = "Bad Id"\nname = "坏"\n',  # problems, told at their lines
    '\n[[company]]\nid = "broken\n',  # a syntax error
    '\n[meta]\nid = "again"\nregion = "又"\nregion_en = "Again"\n',  # a second [meta]: a syntax error too
    '\n[[source]]\nfile = "b.txt"\ntitle = "乙"\n',  # more sources, after entries
    '\ncompany = [{ id = "inline" }]\n',  # an entry type that is not made of tables
    '\n[company.extra]\nx = 1\n',  # a table within the last company
    '\n[[company]]\nid = "m"\nnote = """\n[[company]]\nid = "inside"\n"""\n',  # a header inside a string
    '\n[[figure]]\nid = "caf\xe9"\n',  # non-ASCII where an id must be ASCII
    '\n[[compny]]\nid = "typo"\n',  # an unknown type, told once however many batches hold it
    '\n[[source]]\nfile = ""\n',  # a bad source after entries
    '\r\n[[company]]\r\nid = "crlf"\r\n',  # other line ends
    '\n[[ company ]]\nid = "spaced"\n',  # a header written otherwise
    '\n[[company]] # a note\nid = "noted"\n',
]


class Rows:
    """A packer that keeps what it is given."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.rows += rows

    def clear(self) -> None:
        self.rows = []


def report_of(path: Path, batch: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """What checking `path` gives; its problems in the order they are shown (by line)."""
    monkeypatch.setattr(reading, "BATCH", batch)
    packer = Rows()
    report = reading.check_file(path, packer)
    return ([str(problem) for problem in sorted(report.problems, key=lambda problem: problem.line or 0)],
            report.readable, report.has_meta, report.meta, [str(problem) for problem in report.meta_problems],
            report.sources, report.entries, packer.rows, report.invalid, report.ids_by_type, report.targets,
            report.cited)


WHOLE = 10**9


def test_real_and_fixture_files_check_the_same_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in [*dataset_files(bundled_data_path()), FIXTURE, SECOND_REGION]:
        assert report_of(path, 2, monkeypatch) == report_of(path, WHOLE, monkeypatch), path


def test_a_large_file_is_checked_in_batches_without_parsing_it_whole(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.toml"
    path.write_text(HEAD + "".join(COMPANY.format(n=n) for n in range(7)) + "".join(
        FIGURE.format(n=n) for n in range(7)), encoding="utf-8")
    whole = report_of(path, WHOLE, monkeypatch)
    parsed: list[int] = []
    monkeypatch.setattr(reading, "parse_document", lambda *args: parsed.append(1))
    assert report_of(path, 3, monkeypatch) == whole
    assert not parsed
    assert len(whole[7]) == 14 and not whole[0]


@st.composite
def files(draw: st.DrawFn) -> str:
    """A head, runs of companies then figures (or interleaved), and a few odd pieces anywhere."""
    pieces = [COMPANY.format(n=n) for n in draw(st.lists(st.integers(0, 5), max_size=6))]
    pieces += [FIGURE.format(n=n) for n in draw(st.lists(st.integers(0, 5), max_size=6))]
    if draw(st.booleans()):
        pieces = draw(st.permutations(pieces))
    for at, odd in draw(st.lists(st.tuples(st.integers(0, 12), st.sampled_from(ODD)), max_size=2)):
        pieces.insert(at, odd)
    return draw(st.sampled_from([HEAD, "\ufeff" + HEAD, "", '[[company]]\nid = "first"\n'])) + "".join(pieces)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=files(), batch=st.integers(1, 3))
def test_any_file_checks_the_same_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                             batch: int) -> None:
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    assert report_of(path, batch, monkeypatch) == report_of(path, WHOLE, monkeypatch)


def test_a_bad_byte_late_in_a_file_is_told_at_its_offset_in_the_file(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.toml"
    text = HEAD + "".join(COMPANY.format(n=n) for n in range(6))
    path.write_bytes(text.encode() + b'\n[[company]]\nid = "\xff"\n')
    problems = report_of(path, 2, monkeypatch)[0]
    assert problems == [f"{path}: -: -: not UTF-8 text (bad byte at offset {len(text.encode()) + 19})"]
    assert problems == report_of(path, WHOLE, monkeypatch)[0]


def test_without_rtoml_tomli_parses_and_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.toml"
    path.write_text(HEAD + "".join(COMPANY.format(n=n) for n in range(5)) + ODD[0], encoding="utf-8")
    with_rtoml = report_of(path, 2, monkeypatch)
    monkeypatch.setattr(reading, "rtoml", None)
    assert report_of(path, 2, monkeypatch) == with_rtoml
    assert with_rtoml[0] and len(with_rtoml[7]) == 5  # the odd table's problems, and five good entries
