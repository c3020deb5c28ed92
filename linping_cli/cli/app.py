"""The `linping` command: parse arguments, call the query, hand the result to output.

The logic raises UserError or DataError; `exit.Group` turns each into one line on
stderr and an ExitStatus.
"""

from pathlib import Path
from typing import Annotated

import typer

from linping_cli import __version__
from linping_cli.cli.exit import Group, write_stdout
from linping_cli.cli.lazy import COMMANDS, help_markup
from linping_cli.cli.options import (
    BomOption,
    ChartFormatOption,
    Color,
    DerivedOption,
    FieldsOption,
    FormatOption,
    GraphFormatOption,
    IdArgument,
    IdsArgument,
    JsonOption,
    Lang,
    NoHeadersOption,
    TypesOption,
    UnitOption,
    ValueKind,
    complete_categories,
    complete_commands,
    complete_fields,
    complete_ids,
    complete_tags,
    complete_types,
)
from linping_cli.cli.session import Session
from linping_cli.model.errors import UserError

app = typer.Typer(
    cls=Group,
    name="linping",
    help="Facts about Linping District (临平区), Hangzhou: figures, companies, places, plans and more, "
    "each with its source.\n\nExamples:  linping search 西奥   ·   linping list figure   ·   "
    "linping compare cfmoto xiolift --json",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=help_markup(),
)

GLOBAL = "Global options (before or after the command)"


def _show_version(value: bool) -> None:
    if value:
        write_stdout(lambda: print(f"linping {__version__}"))
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[list[str] | None, typer.Option(
        "--data", help="A dataset file or folder to use instead of the bundled one; repeat to load "
        "several regions. Default: $LINPING_DATA (paths separated by ':'), else the bundled data.",
        show_default=False, metavar="PATH", rich_help_panel=GLOBAL)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read the TOML afresh; skip the cache.",
                                           rich_help_panel=GLOBAL)] = False,
    color: Annotated[Color | None, typer.Option(
        "--color", help="Colour in tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never.",
        show_default=False, case_sensitive=False, rich_help_panel=GLOBAL)] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Short for --color never.",
                                           rich_help_panel=GLOBAL)] = False,
    lang: Annotated[Lang | None, typer.Option(
        "--lang", help="Show names, labels and units in one language, zh or en (default: $LINPING_LANG, else "
        "Chinese with English names beside). JSON always keeps both.", show_default=False, case_sensitive=False,
        rich_help_panel=GLOBAL)] = None,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="Never page long output (default on a terminal: $PAGER, else less -FRX).",
        rich_help_panel=GLOBAL)] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, and no count line from validate.",
                                        rich_help_panel=GLOBAL)] = False,
    spreadsheet: Annotated[bool, typer.Option(
        "--spreadsheet", help="CSV and TSV to open in a spreadsheet: text starting with = + - @ gets a leading ' "
        "so it is never run as a formula.", rich_help_panel=GLOBAL)] = False,
    version: Annotated[bool, typer.Option("--version", "-V", help="Print the version and exit.",
                                          callback=_show_version, is_eager=True, rich_help_panel=GLOBAL)] = False,
) -> None:
    if any(not path for path in data or []):
        raise UserError("--data needs a file or folder, not an empty string")
    # Paths arrive as text: Typer's Path type stats them, which fails on a NUL byte.
    ctx.find_root().obj = Session.create(data or [], no_cache=no_cache, color="never" if no_color else color,
                                         lang=lang, pager=not no_pager, quiet=quiet)
    ctx.find_root().obj.spreadsheet = spreadsheet


@COMMANDS.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Chinese, English or pinyin text.",
                                         show_default=False)],
    type_: TypesOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many hits; 0 for all.")] = 20,
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Find entries by name, alias, English name, pinyin, tag or summary; best match first.

    Example: linping search 西奥
    """
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, fields, type_ or [], headers=not no_headers, bom=bom)
    entries = session.search(query, type_ or [], limit or None)
    return session.emit_entries(entries, output, empty=f"nothing matches {query!r}")


@COMMANDS.command("list")
def list_entries(
    ctx: typer.Context,
    type_name: Annotated[str | None, typer.Argument(
        metavar="[TYPE]", help="figure, company, organisation, place, event, plan, product, project or "
        "industry.", autocompletion=complete_types, show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", help="Only entries with this tag (repeatable; `linping values tag` lists them).",
        autocompletion=complete_tags)] = None,
    category: Annotated[str | None, typer.Option(
        "--category", help="Only entries in this category (`linping values category` lists them).",
        autocompletion=complete_categories)] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only entries about this year.")] = None,
    sort: Annotated[list[str] | None, typer.Option(
        "--sort", help="Sort by these fields, comma-separated: --sort unit,value (default: the order of the "
        "dataset files).", autocompletion=complete_fields, show_default=False)] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the sort.")] = False,
    fmt: FormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """List every entry, or every entry of one TYPE, optionally filtered and sorted.

    Example: linping list figure --category trade --sort unit,value --reverse
    """
    session = Session.from_context(ctx)
    types = [type_name] if type_name else []
    output = session.output(fmt, json_, fields, types, headers=not no_headers, bom=bom)
    entries = session.select(type_name, tag or [], category, year, sort or [], reverse)
    return session.emit_entries(entries, output, empty="no entry matches those filters")


@COMMANDS.command()
def show(ctx: typer.Context, entry_ids: IdsArgument, fmt: FormatOption = None, json_: JsonOption = False,
         fields: FieldsOption = None, derived: DerivedOption = False,
         no_headers: NoHeadersOption = False, bom: BomOption = False) -> int:
    """Everything about one entry or several: every field, its source, and what it links to.

    One id prints a JSON object, several a JSON array.  Example: linping show xiolift cfmoto
    """
    session = Session.from_context(ctx)
    entries = [session.resolve(key) for key in entry_ids]
    output = session.output(fmt, json_, fields, sorted({entry.type for entry in entries}), headers=not no_headers,
                            bom=bom)
    return session.emit_shown(entries, output, derived=derived)


@COMMANDS.command()
def compare(
    ctx: typer.Context,
    entry_ids: Annotated[list[str], typer.Argument(metavar="ID ID [ID...]", help="Two or more entry ids.",
                                                   autocompletion=complete_ids, show_default=False)],
    fmt: ChartFormatOption = None, json_: JsonOption = False, fields: FieldsOption = None,
    derived: DerivedOption = False, unit: UnitOption = None,
    chart: Annotated[bool, typer.Option("--chart", help="Figures as a bar chart (see `linping chart`).")] = False,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Entries side by side; figures with one unit also get difference and ratio to the first.

    Figures whose units convert (亿元, 万元) are compared in one unit: --unit, else the first's.
    Example: linping compare cfmoto xiolift
    """
    session = Session.from_context(ctx)
    entries = [session.resolve(key) for key in entry_ids]
    if chart:
        if any(entry.type != "figure" for entry in entries):
            raise UserError("compare --chart draws figures: give figure ids")
        return session.emit_chart(entries, unit, fmt, json_, derived=derived, title=None, key_figures=False,
                                  keep_order=True)
    if fmt == "svg":
        raise UserError("--format svg draws a chart: add --chart")
    output = session.output(fmt, json_, fields, sorted({entry.type for entry in entries}),
                            headers=not no_headers, bom=bom)
    return session.emit_comparison(entries, output, derived=derived, unit=unit)


@COMMANDS.command()
def chart(
    ctx: typer.Context,
    entry_ids: Annotated[list[str] | None, typer.Argument(
        metavar="[ID...]", help="Figures to chart (another entry: its key figures).", autocompletion=complete_ids,
        show_default=False)] = None,
    unit: UnitOption = None,
    category: Annotated[str | None, typer.Option("--category", help="Only figures in this category.")] = None,
    entry: Annotated[str | None, typer.Option("--entry", help="One entry's key figures.",
                                              autocompletion=complete_ids)] = None,
    title: Annotated[str | None, typer.Option("--title", help="The chart's title (Chinese).")] = None,
    title_en: Annotated[str | None, typer.Option("--title-en", help="The chart's title (English).")] = None,
    derived: DerivedOption = False, fmt: ChartFormatOption = None, json_: JsonOption = False,
) -> int:
    """A horizontal bar chart of figures that share a unit (or convert into one); -f svg for a page.

    Select by ids, --entry, --category and --unit (all given must hold).
    Example: linping chart --unit 亿元 --category trade -f svg > trade.svg
    """
    session = Session.from_context(ctx)
    if not (entry_ids or entry or category or unit):
        raise UserError("say what to chart: ids, --entry ID, --category or --unit")
    entries = [session.resolve(key) for key in entry_ids or []]
    if entry:
        entries.append(session.resolve(entry))
    if not entries:
        from linping_cli.model.records import Figure

        entries = [e for e in session.dataset.entries if isinstance(e, Figure) or not category]
    if category:
        entries = session.filter(entries, category)
    named = (title or title_en or "", title_en or title or "") if title or title_en else None
    return session.emit_chart(entries, unit, fmt, json_, derived=derived, title=named, key_figures=bool(entry),
                              keep_order=bool(entry_ids))


@COMMANDS.command()
def timeline(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only entries of this type (repeatable).", autocompletion=complete_types)] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only entries with this tag (repeatable).")] = None,
    fmt: FormatOption = None, json_: JsonOption = False,
) -> int:
    """Every dated item in order: events, plans and deadlines, launches, figures' years, foundings.

    Example: linping timeline --from 2024 --type event
    """
    from linping_cli.query.timeline import parse_bound
    from linping_cli.query.timeline import timeline as dated

    session = Session.from_context(ctx)
    output = session.output(fmt, json_, None, type_ or [])
    start = parse_bound(from_, "--from") if from_ else None
    end = parse_bound(to, "--to") if to else None
    items = dated(session.dataset.entries, start=start, end=end, types=type_ or [], tags=tag or [])
    return session.emit_timeline(items, output)


RelationOption = Annotated[list[str] | None, typer.Option(
    "--relation", help="Only links of this kind: location, industry, maker, part_of, subject, parent, issuer, "
    "organiser, organisation, related (repeatable).")]


@COMMANDS.command()
def related(
    ctx: typer.Context, entry_id: IdArgument,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, max=10, help="Follow links this far.")] = 1,
    type_: TypesOption = None, relation: RelationOption = None, fmt: GraphFormatOption = None,
    json_: JsonOption = False,
) -> int:
    """What an entry links to and what links to it, by relation: a tree, or a graph (-f dot, mermaid, json).

    Example: linping related hgt51f --depth 2
    """
    from linping_cli.query.graph import neighbourhood

    session = Session.from_context(ctx)
    entry = session.resolve(entry_id)
    types, relations = session.graph_filters(type_ or [], relation or [])
    graph = neighbourhood(session.dataset, entry, depth, types, relations).as_dict()
    return session.emit_graph(graph, fmt, json_, root=session.dataset.qualified_id(entry), depth=depth)


@COMMANDS.command()
def graph(ctx: typer.Context, type_: TypesOption = None, relation: RelationOption = None,
          fmt: GraphFormatOption = None, json_: JsonOption = False) -> int:
    """The whole web of connections: -f dot (Graphviz), mermaid (renders on GitHub), json, or a table of links.

    Example: linping graph --type company --type place -f dot | dot -Tsvg > links.svg
    """
    from linping_cli.query.graph import whole_graph

    session = Session.from_context(ctx)
    types, relations = session.graph_filters(type_ or [], relation or [])
    return session.emit_graph(whole_graph(session.dataset, types, relations).as_dict(), fmt, json_, root=None,
                              depth=0)


@COMMANDS.command()
def cite(ctx: typer.Context, entry_id: IdArgument, fmt: Annotated[str, typer.Option(
        "--format", "-f", help="text (default), markdown, bibtex or json.", show_default=False)] = "text",
         json_: JsonOption = False) -> int:
    """A citation for an entry's facts: the article's headline, authors, section and file.

    Only what the article files give: no outlet, date or address they do not state.
    Example: linping cite gdp-2024 --format bibtex
    """
    from linping_cli.output.cite import CITE_FORMATS

    if fmt not in CITE_FORMATS:
        raise UserError(f"--format takes {', '.join(CITE_FORMATS)}, not {fmt!r}")
    session = Session.from_context(ctx)
    return session.emit_citations(session.resolve(entry_id), "json" if json_ else fmt)


@COMMANDS.command()
def facts(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(
        metavar="[QUERY]", help="Only the facts of the entries this search finds.", show_default=False)] = None,
    entry: Annotated[list[str] | None, typer.Option(
        "--entry", "-e", help="Only this entry's facts: an id or a unique name (repeatable).",
        autocompletion=complete_ids)] = None,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only facts of entries of this type (repeatable).", autocompletion=complete_types)] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Only facts in this unit (亿元, firms, ...).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only facts about this year.")] = None,
    minimum: Annotated[float | None, typer.Option("--min", help="Only values of at least this.")] = None,
    maximum: Annotated[float | None, typer.Option("--max", help="Only values of at most this.")] = None,
    target: Annotated[bool | None, typer.Option(
        "--target/--no-target", help="Only targets, or only facts that are not targets.", show_default=False)] = None,
    sort: Annotated[str | None, typer.Option("--sort", help="Sort by this field (default: dataset order).")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the sort.")] = False,
    fmt: FormatOption = None, json_: JsonOption = False,
    fields: Annotated[str | None, typer.Option("--fields", help="Comma-separated fact fields to print, in this order.")]
    = None,
    derived: DerivedOption = False,
) -> int:
    """Every number in the dataset as one row: each figure and each key figure, with what it measures.

    Example: linping facts --unit 亿元 --sort value --reverse --format csv
    """
    filters = {"unit": unit, "year": year, "minimum": minimum, "maximum": maximum, "target": target}
    return Session.from_context(ctx).emit_facts(query, entry or [], type_ or [], filters, sort, reverse, fmt, json_,
                                                fields, derived=derived)


@COMMANDS.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="A question in Chinese or English.",
                                            show_default=False)],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many answers.")] = 3,
    fmt: FormatOption = None, json_: JsonOption = False,
) -> int:
    """Answer a question with the facts that answer it, best first, each with its source.

    Exit 1, with the nearest facts on stderr, when the dataset holds no answer.
    Example: linping ask '临平2024年GDP是多少'
    """
    return Session.from_context(ctx).emit_answers(question, limit, fmt, json_)


@COMMANDS.command()
def sources(ctx: typer.Context, fmt: FormatOption = None, json_: JsonOption = False,
            no_headers: NoHeadersOption = False, bom: BomOption = False) -> int:
    """The source articles, what they cover, and how many entries cite each.

    Example: linping sources
    """
    session = Session.from_context(ctx)
    return session.emit_sources(session.output(fmt, json_, None, [], headers=not no_headers, bom=bom))


@COMMANDS.command()
def stats(ctx: typer.Context, fmt: FormatOption = None, json_: JsonOption = False,
          no_headers: NoHeadersOption = False, bom: BomOption = False) -> int:
    """Counts: entries by type, figures by year, entries by source.

    Example: linping stats --json
    """
    session = Session.from_context(ctx)
    return session.emit_stats(session.output(fmt, json_, None, [], headers=not no_headers, bom=bom))


@COMMANDS.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        help="Dataset files or folders (default: what --data names, else the bundled data).",
        show_default=False)] = None,
    fmt: FormatOption = None, json_: JsonOption = False,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Check a dataset and list every problem as file:line: id: field: message.

    Exit 0 when clean, 3 when not.  Example: linping validate my-region/
    """
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, None, [], headers=not no_headers, bom=bom)
    return session.emit_problems([Path(p) for p in paths or []], output)


@COMMANDS.command()
def export(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="PATH.db", help="The SQLite file to write.", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite PATH.db if it exists.")] = False,
    fmt: FormatOption = None, json_: JsonOption = False,
    no_headers: NoHeadersOption = False, bom: BomOption = False,
) -> int:
    """Write the data to a new SQLite database: a table per type, facts, relations, full-text search.

    Prints each table's row count.  Example: linping export linping.db && datasette linping.db
    """
    if not path:
        raise UserError("export needs a file name, not an empty string")
    session = Session.from_context(ctx)
    output = session.output(fmt, json_, None, [], headers=not no_headers, bom=bom)
    return session.emit_export(Path(path), output, replace=replace)


@COMMANDS.command()
def values(
    ctx: typer.Context,
    kind: Annotated[ValueKind, typer.Argument(metavar="category|tag", help="Which values to list.",
                                              show_default=False)],
    type_: TypesOption = None,
    fmt: FormatOption = None, json_: JsonOption = False,
) -> int:
    """The categories or tags that entries carry, each with how many do; most used first.

    What list --category and --tag take.  Example: linping values category --type company
    """
    session = Session.from_context(ctx)
    return session.emit_values(kind, type_ or [], session.output(fmt, json_, None, type_ or []))


@COMMANDS.command("help")
def help_(ctx: typer.Context, command: Annotated[str | None, typer.Argument(
        metavar="[COMMAND]", help="The command to explain (default: linping itself).",
        autocompletion=complete_commands, show_default=False)] = None) -> int:
    """The help of linping, or of one command: the same as `linping COMMAND --help`.

    Example: linping help list
    """
    from linping_cli.cli.manual import help_text

    return Session.from_context(ctx).emit_text(help_text(ctx, command))


@COMMANDS.command()
def man(ctx: typer.Context) -> int:
    """The manual: every command's help, the environment and the exit codes, as plain text.

    Example: linping man > linping.txt
    """
    from linping_cli.cli.manual import manual_text

    return Session.from_context(ctx).emit_text(manual_text(ctx))


def _complete_outputs(incomplete: str) -> list[str]:
    from linping_cli.output.schema import output_names

    return [name for name in output_names() if name.startswith(incomplete)]


@COMMANDS.command()
def schema(
    ctx: typer.Context,
    output: Annotated[str | None, typer.Argument(
        metavar="[OUTPUT]", help="Only the schema of this output: a command (list, stats, ...) for its JSON, or "
        "COMMAND.jsonl for one line of its JSONL. Default: every output.", autocompletion=_complete_outputs,
        show_default=False)] = None,
    fields: FieldsOption = None,
    json_: Annotated[bool, typer.Option("--json", help="Accepted for symmetry: the schema is JSON already.")] = False,
) -> int:
    """Print the JSON Schema (draft 2020-12) of what each command prints with --json or -f jsonl.

    Example: linping schema list --fields id,value > list.schema.json
    """
    return Session.from_context(ctx).emit_schema(output, fields)
