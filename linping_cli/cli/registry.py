"""Every command, in the order help lists them: the module under `cli/commands/` that holds it, the formats it
writes and the fields --fields picks from. What help, the manual, completion and the checks of --format and
--fields all read.

A new command is one module in `cli/commands/` (its options, its run function and nothing of the others), one
line here, its README section and its tests.
"""

from __future__ import annotations

from typing import NamedTuple

from linping_cli.output.formats import FORMATS

CHART_FORMATS = (*FORMATS, "svg", "vega-lite")
GRAPH_FORMATS = (*FORMATS, "dot", "mermaid")
CITE_FORMATS = ("text", "json", "jsonl", "csv", "tsv", "markdown", "bibtex")
# What the root's --color and --lang (and $LINPING_LANG) take.
COLORS = ("auto", "always", "never")
LANGS = ("zh", "en")


class Command(NamedTuple):
    """A command: its module, the formats it writes (the first its default; none for a command of plain text)
    and what its --fields picks from (entries, facts, or nothing: no --fields)."""

    module: str
    formats: tuple[str, ...] = FORMATS
    fields: str | None = None


COMMANDS = {
    "search": Command("search", fields="entries"),
    "ask": Command("ask"),
    "list": Command("list_entries", fields="entries"),
    "show": Command("show", fields="entries"),
    "compare": Command("compare", CHART_FORMATS, fields="entries"),
    "facts": Command("facts", fields="facts"),
    "timeline": Command("timeline"),
    "related": Command("related", GRAPH_FORMATS),
    "graph": Command("graph", GRAPH_FORMATS),
    "chart": Command("chart", CHART_FORMATS),
    "cite": Command("cite", CITE_FORMATS),
    "sources": Command("sources"),
    "stats": Command("stats"),
    "values": Command("values"),
    "validate": Command("validate"),
    "export": Command("export"),
    "schema": Command("schema", (), fields="entries"),
    "help": Command("help", ()),
    "man": Command("man", ()),
}


def field_choices(command: str, *, derived: bool = False, cite: bool = False) -> list[str]:
    """What --fields of `command` may name: any entry type's fields, or a fact row's (with --derived, --cite)."""
    if COMMANDS[command].fields == "facts":
        from linping_cli.model import rows

        row = (rows.CITED_DERIVED_FACT if cite else rows.DERIVED_FACT) if derived else (
            rows.CITED_FACT if cite else rows.FACT)
        return list(row.fields)
    from linping_cli.query.select import valid_fields

    return valid_fields([])
