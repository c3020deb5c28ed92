"""The options several commands share, and the completions they offer."""

from collections.abc import Sequence
from typing import Annotated, Any, Literal

import typer

from linping_cli.cli.session import Session
from linping_cli.output.formats import ChartFormat, Format, GraphFormat

Color = Literal["auto", "always", "never"]
Lang = Literal["zh", "en"]
ValueKind = Literal["category", "tag"]
SHELLS = ("bash", "zsh", "fish")


def completion_for_named_shell(args: Sequence[str]) -> bool:
    """`linping --install-completion zsh` (or --show-completion): for the shell named, not the one running.

    Typer's own options are flags that serve the shell they detect and leave the name unread.
    """
    if len(args) != 2 or args[0] not in ("--install-completion", "--show-completion") or args[1] not in SHELLS:
        return False
    from linping_cli.cli.completion import install, script

    if args[0] == "--show-completion":
        print(script(args[1]), end="")
    else:
        print(f"{args[1]} completion installed in {install(args[1])}; it takes effect in a new shell")
    return True


def complete_commands(incomplete: str) -> list[str]:
    from linping_cli.cli.lazy import COMMANDS

    return [name for name in COMMANDS if name.startswith(incomplete)]


def complete_types(incomplete: str) -> list[str]:
    from linping_cli.model.records import ENTRY_TYPES

    return [name for name in ENTRY_TYPES if name.startswith(incomplete)]


def complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return Session.from_context(ctx).complete_ids(incomplete)


def _chosen_types(ctx: typer.Context) -> list[str]:
    """The entry types the command line has named so far (list TYPE, search --type, the ids of show)."""
    from linping_cli.model.records import ENTRY_TYPES

    params: dict[str, Any] = ctx.params
    named = params.get("type_name") or params.get("type_") or []
    # While an option still waits for its value, the words before it are left unparsed in ctx.args.
    types = [named] if isinstance(named, str) else [*named, *ctx.args]
    ids = params.get("entry_ids") or []
    if ids:
        types += Session.from_context(ctx).types_of(ids)
    return [name for name in dict.fromkeys(types) if name in ENTRY_TYPES]


def complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """Field names of the chosen type (all types when none is chosen yet), after any comma."""
    from linping_cli.query.select import valid_fields

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + name for name in valid_fields(_chosen_types(ctx)) if name.startswith(last)]


def complete_categories(ctx: typer.Context, incomplete: str) -> list[str]:
    return Session.from_context(ctx).complete_values("category", _chosen_types(ctx), incomplete)


def complete_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    return Session.from_context(ctx).complete_values("tag", _chosen_types(ctx), incomplete)


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
DerivedOption = Annotated[bool, typer.Option(
    "--derived", help="Also figures worked out from stated ones (prior-year values, shares), marked as derived.")]
UnitOption = Annotated[str | None, typer.Option(
    "--unit", help="Figures in this unit, converting those that convert (亿元, 万元; see data/units.toml).")]
ChartFormatOption = Annotated[ChartFormat | None, typer.Option(
    "--format", "-f", help="table (default), json, jsonl, csv, tsv, markdown or svg.", show_default=False,
    case_sensitive=False)]
GraphFormatOption = Annotated[GraphFormat | None, typer.Option(
    "--format", "-f", help="table (a tree; default), json, jsonl, csv, tsv, markdown, dot or mermaid.",
    show_default=False, case_sensitive=False)]
IdsArgument = Annotated[list[str], typer.Argument(metavar="ID...", help="One or more entry ids (region:id where "
                                                  "ids clash).", autocompletion=complete_ids, show_default=False)]
TypesOption = Annotated[list[str] | None, typer.Option(
    "--type", "-t", help="Only entries of this type (repeatable).", autocompletion=complete_types)]
