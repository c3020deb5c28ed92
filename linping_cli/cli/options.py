"""What several commands share: the output options bundle, options and arguments, their checks and completions.

Every option that takes a value names its metavar and is read by linping's own parsers, so help and errors read
the same on every Typer version the project supports.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any, Literal, TypeVar

import typer

from linping_cli.cli.registry import COMMANDS, field_choices
from linping_cli.cli.session import Output, Session
from linping_cli.model.errors import UserError, did_you_mean
from linping_cli.model.text import unsafe_pattern
from linping_cli.output.formats import DELIMITED
from linping_cli.output.safe import visible

Function = TypeVar("Function", bound=Callable[..., Any])


_plain = False  # within `plain_help`: help as plain text, even on a terminal


def help_markup() -> Literal["rich"] | None:
    """Rich help with boxes on a terminal; Click's plain help, without importing Rich, anywhere else."""
    import sys

    return "rich" if not _plain and sys.stdout is not None and sys.stdout.isatty() else None


@contextlib.contextmanager
def plain_help() -> Iterator[None]:
    """Commands built meanwhile give their help as plain text: the manual is a page to read or save, printed
    whole, not Rich's boxes printed as they are made."""
    global _plain
    _plain = True
    try:
        yield
    finally:
        _plain = False


GLOBAL_NOTE = "Global options (--data, --lang, --color, --no-pager, -q ...) go before or after the command: linping -h."


class CommandApp(typer.Typer):
    """The Typer app of one command's module, which holds that command alone: `command(name)` registers it with
    the output options of what it writes (see `registry`) and a note of the global options under its help. Its
    help's markup is chosen when the command is built, not when its module was imported."""

    @property
    def rich_markup_mode(self) -> Literal["rich"] | None:
        return help_markup()

    @rich_markup_mode.setter
    def rich_markup_mode(self, chosen: object) -> None:
        pass  # Typer sets it once; `help_markup` decides at every build

    def command(self, name: str | None = None, **settings: Any) -> Callable[[Function], Function]:
        assert name in COMMANDS, name
        register = super().command(name, epilog=GLOBAL_NOTE, **settings)

        def decorate(function: Function) -> Function:
            register(output_options(name)(function) if COMMANDS[name].formats else function)
            return function
        return decorate


def command_app() -> CommandApp:
    return CommandApp(context_settings={"help_option_names": ["-h", "--help"]}, add_completion=False,
                      pretty_exceptions_enable=False)


# Numbers ---------------------------------------------------------------------------------------------------------

def whole_number(minimum: int | None = None, maximum: int | None = None) -> Callable[[str], int]:
    """A parser of a whole number within bounds, whose error says what it takes."""
    def parse(text: str | int) -> int:
        try:
            value = text if isinstance(text, int) else int(text.strip())  # a default comes as a number
        except ValueError:
            raise typer.BadParameter(f"takes a whole number, not {text!r}") from None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = (f"from {minimum} to {maximum}" if maximum is not None else f"of {minimum} or more")
            raise typer.BadParameter(f"takes a whole number {bounds}, not {value}")
        return value
    parse.__name__ = "whole number"
    return parse


def one_of(choices: Sequence[str]) -> Callable[[str], str]:
    """A parser of one of a few words (any case), whose error names them."""
    def parse(text: str) -> str:
        if text.casefold() not in choices:
            raise typer.BadParameter(f"takes {' or '.join(choices)}, not {text!r}")
        return text.casefold()
    parse.__name__ = "word"
    return parse


def number(text: str | float) -> float:
    try:
        return float(text if isinstance(text, float) else text.strip())
    except ValueError:
        raise typer.BadParameter(f"takes a number, not {text!r}") from None


# The output options bundle ---------------------------------------------------------------------------------------

def output_options(command: str) -> Callable[[Function], Function]:
    """Give a command's function the output options of what it writes (see `registry`): --format/-f, --json,
    --fields (where it picks fields), --no-headers and --bom (where it writes CSV or TSV). The function gets them
    as one `output: Output`, checked: a format the command does not write, or an option its format lacks, is a
    usage error.
    """
    formats, fields = COMMANDS[command].formats, COMMANDS[command].fields is not None
    options: dict[str, tuple[Any, Any]] = {
        "format_": (Annotated[str | None, typer.Option(
            "--format", "-f", metavar="FORMAT", show_default=False, autocompletion=lambda: list(formats),
            help=f"{', '.join(formats[:-1])} or {formats[-1]} (default {formats[0]}).")], None),
        "json_": (Annotated[bool, typer.Option("--json", help="Short for --format json.")], False),
    }
    if fields:
        options["fields"] = (Annotated[str | None, typer.Option(
            "--fields", metavar="A,B,...", show_default=False, autocompletion=complete_fields,
            help="Only these fields, in this order, comma-separated.")], None)
    if set(DELIMITED) & set(formats):
        options["no_headers"] = (Annotated[bool, typer.Option("--no-headers", help="CSV and TSV: no header row.")],
                                 False)
        options["bom"] = (Annotated[bool, typer.Option(
            "--bom", help="CSV and TSV: start with a UTF-8 byte-order mark, so that Excel reads the Chinese right.")],
            False)

    def decorate(function: Function) -> Function:
        signature = inspect.signature(function)
        own = [p for name, p in signature.parameters.items() if name != "output"]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                 for name, (annotation, default) in options.items()]

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in options}
            return function(*args, **kwargs, output=_checked(formats, **given))

        run.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        run.__annotations__ = {**{p.name: p.annotation for p in own + added},
                               "return": signature.return_annotation}
        return run  # type: ignore[return-value]
    return decorate


def _checked(formats: Sequence[str], *, format_: str | None, json_: bool, fields: str | None = None,
             no_headers: bool = False, bom: bool = False) -> Output:
    chosen = format_.casefold() if format_ is not None else None
    if chosen is not None and chosen not in formats:
        raise UserError(f"--format takes {', '.join(formats)}, not {format_!r}{did_you_mean(chosen, formats)}")
    if json_ and chosen not in (None, "json"):
        raise UserError(f"--json and --format {chosen} disagree: give one")
    chosen = "json" if json_ else chosen or formats[0]
    for flag, given in (("--no-headers", no_headers), ("--bom", bom)):
        if given and chosen not in DELIMITED:
            raise UserError(f"{flag} is for --format csv or tsv")
    return Output(chosen, fields, headers=not no_headers, bom=bom)


# Options and arguments several commands take ---------------------------------------------------------------------

def complete_types(incomplete: str) -> list[str]:
    from linping_cli.model.records import ENTRY_TYPES

    return [name for name in ENTRY_TYPES if name.startswith(incomplete)]


def complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Ids starting with `incomplete`, with their names; `region:id` where that is what was begun."""
    try:
        dataset = Session.of(ctx).dataset
    except Exception:  # completion must never break the shell
        return []
    found: dict[str, str] = {}
    for position, key in enumerate(dataset.ids):
        qualified = f"{dataset.region_of(position)}:{key}"
        shown = key if key.startswith(incomplete) else qualified if qualified.startswith(incomplete) else None
        if shown is not None and shown not in found:
            found[shown] = visible(dataset.record(position).name)  # the shell prints it in its menu
    return list(found.items())


def _chosen_types(ctx: typer.Context) -> list[str]:
    """The entry types the command line has named so far (list TYPE, search --type, the ids of show)."""
    from linping_cli.model.records import ENTRY_TYPES

    params: dict[str, Any] = ctx.params
    named = params.get("type_name") or params.get("type_") or []
    # While an option still waits for its value, the words before it are left unparsed in ctx.args.
    types = [named] if isinstance(named, str) else [*named, *ctx.args]
    ids = params.get("entry_ids") or []
    if ids:
        try:
            dataset = Session.of(ctx).dataset
        except Exception:  # completion must never break the shell
            dataset = None
        types += [entry.type for key in ids if dataset and (entry := dataset.get(key)) is not None]
    return [name for name in dict.fromkeys(types) if name in ENTRY_TYPES]


def complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """The fields --fields of this command picks from (of the chosen entry type, where one is), after any comma."""
    from linping_cli.query.select import valid_fields

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    command = COMMANDS.get(ctx.info_name or "")
    if command is not None and command.fields == "facts":
        choices = field_choices(ctx.info_name or "", derived=bool(ctx.params.get("derived")),
                                cite=bool(ctx.params.get("cite")))
    else:
        choices = valid_fields(_chosen_types(ctx))
    return [prefix + name for name in choices if name.startswith(last)]


def _complete_values(kind: str) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from linping_cli.query.stats import value_counts

        try:
            counts = value_counts(Session.of(ctx).dataset, kind, _chosen_types(ctx))
        except Exception:  # completion must never break the shell
            return []
        # A value holding what a terminal acts on cannot be shown in the shell's menu as it is, and shown otherwise
        # it would no longer match: it is left out.
        unsafe = unsafe_pattern("\t\n")
        return [value for value in counts if value.casefold().startswith(incomplete.casefold())
                and not unsafe.search(value)]
    return complete


complete_categories, complete_tags = _complete_values("category"), _complete_values("tag")


def check_types(types: Sequence[str] | None) -> list[str]:
    """The entry types given with --type, each one that exists."""
    from linping_cli.query.select import check_type

    return [check_type(name) for name in types or ()]


def check_relations(relations: Sequence[str] | None) -> list[str]:
    """The kinds of link given with --relation, each a reference field some entry type has."""
    known = relation_names()
    for name in relations or ():
        if name not in known:
            raise UserError(f"unknown relation {name!r}{did_you_mean(name, known)} (relations: {', '.join(known)})")
    return list(relations or ())


def relation_names() -> list[str]:
    from linping_cli.model.records import ENTRY_TYPES, reference_fields

    return list(dict.fromkeys(name for kind in ENTRY_TYPES for name, _ in reference_fields(kind)))


def _types_help() -> str:
    from linping_cli.model.records import ENTRY_TYPES

    return ", ".join(ENTRY_TYPES)


TypesOption = Annotated[list[str] | None, typer.Option(
    "--type", "-t", metavar="TYPE", show_default=False, autocompletion=complete_types,
    help=f"Only entries of this type (repeatable): {_types_help()}.")]
TagsOption = Annotated[list[str] | None, typer.Option(
    "--tag", metavar="TAG", show_default=False, autocompletion=complete_tags,
    help="Only entries with this tag (repeatable; `linping values tag` lists them).")]
CategoryOption = Annotated[str | None, typer.Option(
    "--category", metavar="CATEGORY", show_default=False, autocompletion=complete_categories,
    help="Only entries in this category (`linping values category` lists them).")]
YearOption = Annotated[int | None, typer.Option("--year", metavar="YEAR", show_default=False,
                                                parser=whole_number(), help="Only what is about this year.")]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the sort.")]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="An entry id (region:id where ids clash), or a unique "
                                           "name.", autocompletion=complete_ids, show_default=False)]
IdsArgument = Annotated[list[str], typer.Argument(metavar="ID...", help="One or more entry ids (region:id where "
                                                  "ids clash), or unique names.", autocompletion=complete_ids,
                                                  show_default=False)]
DerivedOption = Annotated[bool, typer.Option(
    "--derived", help="Also figures worked out from stated ones (prior-year values, shares), marked as derived.")]
UnitOption = Annotated[str | None, typer.Option(
    "--unit", metavar="UNIT", show_default=False,
    help="Figures in this unit, converting those that convert (亿元, 万元; see data/units.toml).")]
RelationOption = Annotated[list[str] | None, typer.Option(
    "--relation", metavar="RELATION", show_default=False, autocompletion=lambda: relation_names(),
    help=f"Only links of this kind (repeatable): {', '.join(relation_names())}.")]
