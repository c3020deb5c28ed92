"""Write a View in the chosen format: one layer, every format, for every command.

Each command builds a View (what JSON prints, and the same as columns and rows);
`write` prints a View in the chosen format. A view may render some formats its own way
(a chart's bars, a graph's tree, citations): `View.renderers`. Rich is imported only for
tables, and json only for the formats that use it.

Flattening for CSV and TSV, reversible given a field's type: null is an empty
cell, true/false are `true`/`false`, and a list or table is compact JSON. TSV
escapes backslash, tab, newline and carriage return as \\\\, \\t, \\n and \\r.
Every text format shows other controls as `output.safe.visible` does (reversibly in TSV,
whose backslashes are escaped); JSON escapes them, keeping the data exact.
"""

from __future__ import annotations

from typing import IO, Any

from linping_cli.output.cells import ATTRIBUTE, flat_cell, human_cell, outside_note
from linping_cli.output.safe import json_safe, visible
from linping_cli.output.views import Target, View, localized

# The formats every result has; some commands add their own (a chart's svg, a graph's dot ...).
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")
DELIMITED = ("csv", "tsv")  # the formats --no-headers and --bom apply to
# The formats whose empty result is still written (JSON's [], a header row); the others write nothing.
EMPTY_FORMS = ("json", *DELIMITED, "markdown")


def write(view: View, fmt: str, stream: IO[str], target: Target, *, spreadsheet: bool = False,
          headers: bool = True) -> None:
    own = view.renderers.get(fmt)
    if own is not None:
        own(stream, target)
    elif fmt == "json":
        import json

        indent = 2 if target.terminal else None
        stream.write(json_safe(json.dumps(view.data, ensure_ascii=target.ascii_only, indent=indent)) + "\n")
    elif fmt == "jsonl":
        import json

        stream.writelines(json_safe(json.dumps(item, ensure_ascii=target.ascii_only)) + "\n" for item in view.lines)
    elif fmt in DELIMITED:
        _write_delimited(view, stream, "," if fmt == "csv" else "\t", spreadsheet=spreadsheet, headers=headers)
    elif fmt == "markdown":
        _write_markdown(view, stream)
    elif fmt != "table":
        raise ValueError(f"no way to write {fmt!r}")  # a format the registry offers that nothing draws: a bug
    elif target.color or target.terminal:
        from linping_cli.output.tables import render_table

        render_table(view, stream, target)
    else:
        from linping_cli.output.tables import render_plain_table

        render_plain_table(view, stream)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(value: Any) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading ' (OWASP's advice).

    Numbers are left alone: -800 is a number to a spreadsheet, not a formula.
    """
    cell = flat_cell(value)
    return "'" + cell if isinstance(value, str) and cell.startswith(_FORMULA_STARTS) else cell


def _write_delimited(view: View, stream: IO[str], delimiter: str, *, spreadsheet: bool, headers: bool) -> None:
    flat = _defused if spreadsheet else flat_cell
    rows = [[flat(row.get(c)) for c in view.all_columns] for row in view.rows]
    if headers:
        rows.insert(0, list(view.all_columns))
    if delimiter == "\t":
        for cells in rows:
            stream.write("\t".join(visible(cell.translate(_TSV_ESCAPES)) for cell in cells) + "\n")
        return
    import csv

    csv.writer(stream, lineterminator="\r\n").writerows([visible(cell, newlines=True) for cell in cells]
                                                         for cells in rows)


# What GitHub would read as markup inside a table cell (emphasis, code, links, HTML, entities, math, the cell
# edge), each escaped with a backslash, which CommonMark allows before any ASCII punctuation.
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_~[]<>&$|"})

# GitHub links bare URLs: an escape inside `://` or after `www` keeps one text (e-mail addresses are still linked).
_BARE_LINK_PATTERN = r"(?<=\w):(?=//)|\bwww\."


def markdown_text(text: str) -> str:
    """Dataset text made visible, then escaped for Markdown, so `visible`'s marks read as text; a CR is a line break."""
    return _markdown_escaped(visible(text.replace("\r\n", "\n").replace("\r", "\n"), newlines=True))


def _markdown_escaped(text: str) -> str:
    """A cell's text as Markdown shows it literally: line breaks, CR included, become <br>."""
    import re

    text = re.sub(_BARE_LINK_PATTERN, lambda m: m[0][:-1] + "\\" + m[0][-1], text.translate(_MARKDOWN_ESCAPES))
    return text.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _write_markdown(view: View, stream: IO[str]) -> None:
    columns, rows = localized(view)
    stream.write("| " + " | ".join(markdown_text(column if column != ATTRIBUTE else "") for column in columns)
                 + " |\n")
    stream.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    grid = [[human_cell(c, row.get(c), row, view.name_of, view.brief, view.lang) for c in columns] for row in rows]
    for cells in grid:
        stream.write("| " + " | ".join(markdown_text(text) for text in cells) + " |\n")
    note = outside_note(text for cells in grid for text in cells)
    if note:
        stream.write(f"\n{markdown_text(note)}\n")
