"""Tables for people: a Rich table on a terminal, a plain aligned one in a pipe."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from linping_cli.output.cells import human_cell
from linping_cli.output.safe import visible
from linping_cli.output.views import ATTRIBUTE, View

MIN_WIDTH = 40  # columns a terminal table is laid out in at the least
CELL_LIMIT = 2000  # characters of one cell a terminal table shows


def render_table(view: View, stream: IO[str], *, color: bool, terminal: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=stream,
        color_system="auto" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        width=None if terminal else 100_000,
        emoji=False,
    )
    if terminal and console.width < MIN_WIDTH:  # COLUMNS=0 or 1 would leave no room for any cell
        console.width = MIN_WIDTH

    def cell(column: str, row: Mapping[str, Any]) -> Text:
        text = human_cell(column, row.get(column), row, view.name_of, view.brief)
        if terminal and len(text) > CELL_LIMIT:  # folding megabytes for a screen takes minutes
            text = f"{text[:CELL_LIMIT]}… ({len(text) - CELL_LIMIT} more characters: --format json shows all)"
        return Text(visible(text, newlines=True))

    no_wrap = not terminal  # in a pipe, whole values on one line
    if view.vertical:
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold cyan" if color else None, no_wrap=True)
        table.add_column(no_wrap=no_wrap, overflow="fold")
        row = view.rows[0]
        for column in view.columns:
            table.add_row(Text(visible(column)), cell(column, row))
    else:
        table = Table(header_style="bold" if color else None)
        for column in view.columns:
            table.add_column(Text(visible(column)) if column != ATTRIBUTE else "", no_wrap=no_wrap, overflow="fold")
        for row in view.rows:
            table.add_row(*(cell(column, row) for column in view.columns))
    console.print(table)


def render_plain_table(view: View, stream: IO[str]) -> None:
    """A table for pipes and files: aligned columns, every value whole, no colour and no Rich.

    Columns are two spaces apart and padded by display width (a Chinese character
    takes two cells); a cell of several lines continues on the rows below.
    """
    if view.vertical:
        row = view.rows[0]
        grid = [[column, human_cell(column, row.get(column), row, view.name_of, view.brief)] for column in view.columns]
        header = None
    else:
        grid = [[human_cell(c, row.get(c), row, view.name_of, view.brief) for c in view.columns] for row in view.rows]
        header = [c if c != ATTRIBUTE else "" for c in view.columns]
    lines = ([header] if header else []) + grid
    cells = [[visible(cell, newlines=True).split("\n") for cell in line] for line in lines]
    widths = [max((_display_width(part) for line in cells for part in line[i]), default=0)
              for i in range(len(view.columns) if header else 2)]
    out = []
    for number, line in enumerate(cells):
        for depth in range(max(len(cell) for cell in line)):
            parts = [cell[depth] if depth < len(cell) else "" for cell in line]
            text = "  ".join(part + " " * (width - _display_width(part)) for part, width in zip(parts, widths,
                                                                                             strict=True))
            out.append(text.rstrip())
        if header and number == 0:
            out.append("  ".join("-" * width for width in widths))
    stream.write("\n".join(out) + "\n")


def _display_width(text: str) -> int:
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
