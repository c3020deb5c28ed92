"""The timeline as a View, and on a terminal as a Rich table grouped by year."""

from __future__ import annotations

from typing import IO, Any

from linping_cli.output.cells import human_cell
from linping_cli.output.safe import visible
from linping_cli.output.views import View

COLUMNS = ["when", "what", "name", "name_en", "entry", "source"]


def timeline_view(items: list[dict[str, Any]]) -> View:
    from linping_cli.query.timeline import TIMELINE_FIELDS

    rows = [{**item, "when": item["date"] + (" (inferred)" if item["inferred"] else "")} for item in items]
    return View(items, items, COLUMNS, rows, all_columns=list(TIMELINE_FIELDS), brief=True)


def render_timeline(view: View, stream: IO[str], *, color: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, color_system="auto" if color else None, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False)
    table = Table(header_style="bold" if color else None, show_edge=False)
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    year = None
    for row in view.rows:
        if row["date"][:4] != year:
            if year is not None:
                table.add_section()
            year = row["date"][:4]
            table.add_row(Text(year, style="bold cyan" if color else ""))
        table.add_row(*(Text(visible(human_cell(c, row.get(c), row, view.name_of, view.brief))) for c in COLUMNS))
    console.print(table)
