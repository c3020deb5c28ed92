"""The timeline as a View; on a terminal, a Rich table grouped by year."""

from __future__ import annotations

from typing import IO, Any

from linping_cli.model.rows import TIMELINE_ITEM
from linping_cli.output.cells import human_cell, outside_note
from linping_cli.output.safe import visible
from linping_cli.output.views import Target, View, localized

COLUMNS = ["when", "what", "name", "name_en", "entry", "source"]


def timeline_view(items: list[dict[str, Any]]) -> View:
    rows = [{**item, "when": item["date"] + (" (inferred)" if item["inferred"] else "")} for item in items]
    view = View(items, items, COLUMNS, rows, all_columns=list(TIMELINE_ITEM.fields), brief=True)

    def table(stream: IO[str], target: Target) -> None:
        if target.terminal:
            _render_grouped(view, stream, target)
        else:  # in a pipe, the plain table
            from linping_cli.output.tables import render_plain_table

            render_plain_table(view, stream)

    view.renderers["table"] = table
    return view


def _render_grouped(view: View, stream: IO[str], target: Target) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    color = target.color
    console = Console(file=stream, color_system="auto" if color else None, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False, width=target.width)
    columns, rows = localized(view)
    grid = [[visible(human_cell(c, row.get(c), row, view.name_of, view.brief, view.lang)) for c in columns]
            for row in rows]
    note = outside_note(cell for cells in grid for cell in cells)
    table = Table(header_style="bold" if color else None, show_edge=False, caption=note, caption_justify="left",
                  caption_style="dim" if color else None)
    for column in columns:
        table.add_column(column, overflow="fold")
    year = None
    for row, cells in zip(rows, grid, strict=True):
        if row["date"][:4] != year:
            if year is not None:
                table.add_section()
            year = row["date"][:4]
            table.add_row(Text(year, style="bold cyan" if color else ""))
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
