"""Subcommands turned into Click commands only when a run uses them.

Typer builds a Click command from each function's signature; building every command costs
about a tenth of a warm query, and a run needs one. Only public API: each function gets a
Typer app of its own, which `typer.main.get_command` turns into that one command, and the
group's `commands` (Click's mapping of name to command) builds each on first lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import typer
import typer.main
from typer.core import TyperGroup

Function = TypeVar("Function", bound=Callable[..., Any])


class LazyCommands(Mapping[str, Any]):
    """The subcommands' functions by name: as a mapping, the Click command of each, built when looked up."""

    def __init__(self) -> None:
        self._functions: dict[str, Callable[..., Any]] = {}
        self._built: dict[str, Any] = {}

    def command(self, name: str | None = None) -> Callable[[Function], Function]:
        def register(function: Function) -> Function:
            self._functions[name or function.__name__.replace("_", "-")] = function
            return function
        return register

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            single = typer.Typer()
            single.command(name)(self._functions[name])
            self._built[name] = typer.main.get_command(single)
        return self._built[name]

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
