"""The options several commands share, and the completions they offer."""

from __future__ import annotations

from typing import Annotated

import typer

from linping_cli.cli.session import Session
from linping_cli.output.formats import Format


def complete_types(incomplete: str) -> list[str]:
    from linping_cli.model.records import ENTRY_TYPES

    return [name for name in ENTRY_TYPES if name.startswith(incomplete)]


def complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return Session.from_context(ctx).complete_ids(incomplete)


def complete_fields(incomplete: str) -> list[str]:
    from linping_cli.query.select import valid_fields

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + name for name in valid_fields([]) if name.startswith(last)]


FormatOption = Annotated[Format | None, typer.Option(
    "--format", "-f", help="table (default), json, jsonl, csv, tsv or markdown.", show_default=False,
    case_sensitive=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
NoHeadersOption = Annotated[bool, typer.Option("--no-headers", help="CSV and TSV: no header row.")]
BomOption = Annotated[bool, typer.Option(
    "--bom", help="CSV and TSV: start with a UTF-8 byte-order mark, so that Excel reads the Chinese right.")]
FieldsOption = Annotated[str | None, typer.Option(
    "--fields", help="Comma-separated fields to print, in this order.", autocompletion=complete_fields)]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="An entry id (region:id where ids clash).",
                                           autocompletion=complete_ids, show_default=False)]
