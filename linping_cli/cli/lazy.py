"""Subcommands turned into Click commands only when a run uses them.

Typer builds a Click command from each function's signature; building every command costs
about a tenth of a warm query, and a run needs one. Only public API: each function gets a
Typer app of its own, which `typer.main.get_command` turns into that one command, and the
group's `commands` (Click's mapping of name to command) builds each on first lookup.

The root's options (--data, --color, ...) are defined once, on the root callback; each
subcommand takes the same option objects too, so that they may follow the command, and
hands what it was given back to the root, whose callback then runs again with both.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, TypeVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

Function = TypeVar("Function", bound=Callable[..., Any])


def help_markup() -> Literal["rich"] | None:
    """Rich help with boxes on a terminal; Click's plain help, without importing Rich, anywhere else."""
    return "rich" if sys.stdout is not None and sys.stdout.isatty() else None


class InheritingCommand(TyperCommand):
    """A subcommand that also takes the root's options and hands their values back to the root."""

    def invoke(self, ctx: Any) -> Any:
        given = {name: ctx.params.pop(name) for name in COMMANDS.inherited_names if name in ctx.params}
        root = ctx.find_root()
        if isinstance(root.command, LazyGroup):
            root.command.adopt(ctx, given)
        return super().invoke(ctx)


class LazyCommands(Mapping[str, Any]):
    """The subcommands' functions by name: as a mapping, the Click command of each, built when looked up."""

    def __init__(self) -> None:
        self._functions: dict[str, Callable[..., Any]] = {}
        self._built: dict[str, Any] = {}
        self.inherited: list[Any] = []  # the root's options, which every subcommand also takes
        self.inherited_names: set[str] = set()

    def command(self, name: str | None = None) -> Callable[[Function], Function]:
        def register(function: Function) -> Function:
            self._functions[name or function.__name__.replace("_", "-")] = function
            return function
        return register

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self.build(name, help_markup())
        return self._built[name]

    def build(self, name: str, markup: Literal["rich"] | None, *, inherit: bool = True) -> Any:
        """The Click command `name`, with help in this markup mode (None: plain text), taking the root's options."""
        single = typer.Typer(rich_markup_mode=markup)
        single.command(name, cls=InheritingCommand)(self._functions[name])
        command = typer.main.get_command(single)
        if inherit:
            command.params.extend(self.inherited)
        return command

    def __iter__(self) -> Iterator[str]:
        return iter(self._functions)

    def __len__(self) -> int:
        return len(self._functions)


COMMANDS = LazyCommands()


class LazyGroup(TyperGroup):
    """A group whose subcommands are those of COMMANDS."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = COMMANDS  # type: ignore[assignment]
        COMMANDS.inherited = [param for param in self.params if param.expose_value]
        COMMANDS.inherited_names = {param.name for param in COMMANDS.inherited}

    def adopt(self, ctx: typer.Context, given: dict[str, Any]) -> None:
        """Run the root callback again with the root options a subcommand was given added to the root's."""
        root = ctx.find_root()
        changed = {name: value for name, value in given.items() if value not in (None, False, (), [])}
        if not changed or self.callback is None:
            return
        for name, value in changed.items():
            many = isinstance(value, (list, tuple))
            root.params[name] = [*(root.params.get(name) or ()), *value] if many else value
        ctx.invoke(self.callback, **root.params)
