"""Tables for people: a Rich table on a terminal, a plain aligned one in a pipe."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from linping_cli.output.cells import ATTRIBUTE, OUTSIDE_NOTE, human_cell, outside_note
from linping_cli.output.safe import visible
from linping_cli.output.views import Target, View, localized

# Columns a table too wide for the terminal leaves out, the first listed first; the others always stay.
DROPPED_FIRST = ("name_en", "summary_en", "title_en", "summary", "source", "region", "location", "maker",
                 "category", "scale_unit", "tier", "date", "growth", "year_inferred", "subtitle", "authors", "year",
                 "type")
# A column that may wrap is given at least this many cells before another column is left out for it.
WRAP_FLOOR = 18
# What users copy (into `show`, or to open an article): never broken across lines.
WHOLE_COLUMNS = {"id", "file"}
NUMERIC_COLUMNS = {"value", "growth", "year", "count", "entries", "scale", "edition", "founded", "deadline"}


MIN_WIDTH = 40  # columns a terminal table is laid out in at the least
CELL_LIMIT = 2000  # characters of one cell a terminal table shows


def render_table(view: View, stream: IO[str], target: Target) -> None:
    from rich.console import Console

    color, terminal = target.color, target.terminal
    console = Console(
        file=stream,
        color_system="auto" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        width=(target.width or None) if terminal else 100_000,  # on a terminal, its width (or $COLUMNS)
        emoji=False,
    )
    if terminal and console.width < MIN_WIDTH:  # COLUMNS=0 or 1 would leave no room for any cell
        console.width = MIN_WIDTH
    columns, rows = localized(view)
    if view.vertical:
        marked = False
        for number, row in enumerate(rows):
            if number:
                console.print()
            table, shown = _vertical(view, [c for c in columns if c in row], row, color, terminal)
            console.print(table)
            marked = marked or shown
        if marked:
            console.print(OUTSIDE_NOTE, style="dim" if color else None, highlight=False, markup=False)
    else:
        console.print(_horizontal(view, columns, rows, color, console.width if terminal else None))


def _text(view: View, column: str, row: Mapping[str, Any]) -> str:
    """A cell as a terminal shows it: dataset text made safe, and cut where folding it would take minutes."""
    text = human_cell(column, row.get(column), row, view.name_of, view.brief, view.lang)
    if len(text) > CELL_LIMIT:
        text = f"{text[:CELL_LIMIT]}… ({len(text) - CELL_LIMIT} more characters: --format json shows all)"
    return visible(text, newlines=True)


def _vertical(view: View, columns: list[str], row: Mapping[str, Any], color: bool,
              terminal: bool) -> tuple[Any, bool]:
    """The one row as field/value pairs, and whether a value carries the outside mark."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold cyan" if color else None, no_wrap=True)
    table.add_column(no_wrap=not terminal, overflow="fold")
    cells = {column: _text(view, column, row) for column in columns}
    for column, cell in cells.items():
        table.add_row(Text(visible(column)), Text(cell, style=_style(column, row, color) or ""))
    return table, outside_note(cells.values()) is not None


def _horizontal(view: View, columns: list[str], rows: list[dict[str, Any]], color: bool, width: int | None) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = [{c: _text(view, c, row) for c in columns} for row in rows]
    dropped = _to_drop(columns, grid, width) if width else []
    shown = [c for c in columns if c not in dropped]
    notes = [outside_note(cells[c] for cells in grid for c in shown)]
    if dropped:
        notes.insert(0, f"{', '.join(dropped)} left out to fit {width} columns: "
                        "widen the terminal, or choose with --fields")
    caption = "\n".join(note for note in notes if note) or None
    # As gh lays out tables: no borders, a rule under the header, one space and a divider between columns.
    table = Table(header_style="bold" if color else None, caption=caption, box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, 1, 0, 0), caption_style="dim" if color else None,
                  caption_justify="left")
    for column in shown:
        whole = column in WHOLE_COLUMNS
        table.add_column(visible(column) if column != ATTRIBUTE else "", no_wrap=width is None or whole,
                         overflow="fold", min_width=_natural(column, grid) if whole else None)
    for row, cells in zip(rows, grid, strict=True):
        table.add_row(*(Text(cells[c], style=_style(c, row, color) or "", justify="right" if _numeric(c, row) else None)
                        for c in shown))
    return table


def _natural(column: str, grid: list[dict[str, str]]) -> int:
    """The cells the widest line of a column takes, its header included."""
    lines = [column if column != ATTRIBUTE else ""] + [line for cells in grid for line in cells[column].split("\n")]
    return max(display_width(line) for line in lines)


def _to_drop(columns: list[str], grid: list[dict[str, str]], width: int) -> list[str]:
    """The columns to leave out, lowest priority first, until the rest fit `width` without slivers."""
    def least(column: str) -> int:
        natural = _natural(column, grid)
        return natural if column in WHOLE_COLUMNS | NUMERIC_COLUMNS else min(natural, WRAP_FLOOR)

    need = {c: least(c) + 2 for c in columns}  # a cell, its padding and the divider
    dropped: list[str] = []
    for candidate in DROPPED_FIRST:
        if sum(need.values()) + 1 <= width:
            break
        if candidate in need and len(need) > 1:
            del need[candidate]
            dropped.append(candidate)
    return dropped


def _numeric(column: str, row: Mapping[str, Any]) -> bool:
    value = row.get(column)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _style(column: str, row: Mapping[str, Any], color: bool) -> str | None:
    """Colour as gh and rg use it: ids stand out, growth is green or red, sources are quiet."""
    if not color:
        return None
    if column == "id" or column == "file":
        return "bold cyan"
    if column == "type":
        return "magenta"
    if column == "growth" and isinstance(row.get(column), (int, float)):
        return "green" if row[column] >= 0 else "red"
    if column == "source":
        return "dim"
    return None


def render_plain_table(view: View, stream: IO[str]) -> None:
    """A table for pipes and files: aligned columns, every value whole, no colour and no Rich.

    Columns are two spaces apart and padded by display width (a Chinese character
    takes two cells); a cell of several lines continues on the rows below.
    """
    columns, rows = localized(view)
    if view.vertical:
        grids = [[[c, _text(view, c, row)] for c in columns if c in row] for row in rows]
        stream.write("\n".join(_plain_grid(grid, None) for grid in grids))
        cells = [cell for grid in grids for _, cell in grid]
    else:
        grid = [[_text(view, c, row) for c in columns] for row in rows]
        stream.write(_plain_grid(grid, [c if c != ATTRIBUTE else "" for c in columns]))
        cells = [cell for line in grid for cell in line]
    note = outside_note(cells)
    if note:
        stream.write(f"{note}\n")


def _plain_grid(grid: list[list[str]], header: list[str] | None) -> str:
    lines = ([header] if header else []) + grid
    cells = [[visible(cell, newlines=True).split("\n") for cell in line] for line in lines]
    widths = [max((display_width(part) for line in cells for part in line[i]), default=0)
              for i in range(len(cells[0]) if cells else 0)]
    out = []
    for number, line in enumerate(cells):
        for depth in range(max(len(cell) for cell in line)):
            parts = [cell[depth] if depth < len(cell) else "" for cell in line]
            text = "  ".join(part + " " * (width - display_width(part)) for part, width in zip(parts, widths,
                                                                                            strict=True))
            out.append(text.rstrip())
        if header and number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out) + "\n"


def display_width(text: str) -> int:
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
