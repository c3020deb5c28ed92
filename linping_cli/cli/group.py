"""The root command: its subcommands loaded only when a run uses them, global options anywhere on the line, and
every failure mapped to one line on stderr and an exit code.

Lazy loading is Click's documented pattern: a group whose `list_commands` and `get_command` look commands up
(here in `registry`) instead of holding them; each module under `cli/commands/` is imported, and its one-command
Typer app turned into a Click command by `typer.main.get_command`, when a run names it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
import typer.main
from typer.core import TyperGroup

from linping_cli.cli.exit import ExitStatus, OutputFailed, exit_status, fail
from linping_cli.cli.registry import COMMANDS
from linping_cli.model.errors import UserError, did_you_mean


def command(name: str) -> Any:
    """The Click command of one of COMMANDS, built from its module."""
    module = importlib.import_module(f"linping_cli.cli.commands.{COMMANDS[name].module}")
    return typer.main.get_command(module.app)


class LazyGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        return command(name) if name in COMMANDS else None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:  # not while completing
            raise UserError(f"no command {name!r}{did_you_mean(name, COMMANDS)} (commands: {', '.join(COMMANDS)})")
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> NoReturn:
        stdout, running = sys.stdout, None
        try:
            if stdout is None:  # started with stdout closed (`>&-`): say so, rather than print nowhere
                raise OutputFailed("stdout is closed: nowhere to print the results")
            given = list(sys.argv[1:] if args is None else args)
            if given[:1] in (["--install-completion"], ["--show-completion"]):
                from linping_cli.cli.completion import for_named_shell

                if for_named_shell(given):
                    sys.exit(ExitStatus.OK)
            # The root's options may also follow the command (as in gh): each name, and whether it takes a value.
            options = {name: not param.is_flag for param in self.params if hasattr(param, "is_flag")
                       for name in param.opts}
            given = global_options_first(given, options)
            at = command_at(given, options)
            running = given[at] if at is not None else None
            result = super().main(given, prog_name or "linping", complete_var,
                                  standalone_mode=False, windows_expand_args=windows_expand_args, **extra)
            code: int = result if isinstance(result, int) else ExitStatus.OK  # typer.Exit's code, as Click returns it
        except SystemExit as exiting:
            # Click ends a help text cut off by a closed pipe with exit 1, having swapped stdout for a quiet
            # wrapper: for linping that is success.
            code = ExitStatus.OK if sys.stdout is not stdout else exiting.code  # type: ignore[assignment]
        except (Exception, KeyboardInterrupt) as error:
            try:
                code = exit_status(error, running)
            except Exception as second:  # a bug while reporting one: still one line
                code = fail(f"internal error: {type(second).__name__}: {second} (please report this)",
                            ExitStatus.SOFTWARE)
        sys.exit(code)


def command_at(args: Sequence[str], options: dict[str, bool]) -> int | None:
    """Where the command's name is in a command line: after the root's `options` (name: takes a value) and values."""
    at = 0
    while at < len(args) and args[at].startswith("-") and args[at] != "--":
        at += 2 if options.get(args[at]) else 1
    return at if at < len(args) and args[at] != "--" else None


def global_options_first(args: Sequence[str], options: dict[str, bool]) -> list[str]:
    """The command line with the root's `options` that follow the command moved before it, where the root reads
    them. What follows `--` is left alone; an option that takes a value and has none is a usage error.
    """
    rest = list(args)
    command = command_at(rest, options)
    if command is None:
        return rest
    moved: list[str] = []
    at = command + 1
    while at < len(rest) and rest[at] != "--":
        word = rest[at]
        name = word.split("=", 1)[0]
        if name not in options:
            at += 1
            continue
        takes = options[name] and "=" not in word
        if takes and at + 1 >= len(rest):
            raise UserError(f"{name} needs a value")
        moved += rest[at:at + 2] if takes else [word]
        del rest[at:at + 2 if takes else at + 1]
    return [*rest[:command], *moved, *rest[command:]]
