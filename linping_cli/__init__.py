"""linping: facts about Linping District, Hangzhou, from the command line."""

import gc
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

__version__ = "0.1.0"


def main() -> None:
    """The `linping` script and `python -m linping_cli`: run the cli with the cyclic collector off.

    One run is short and builds many objects but no reference cycles, so the collector would
    only spend time; switched off before the cli and Typer are imported, it also skips the
    collections their imports would set off. What would break this: code that makes reference
    cycles in proportion to the data (records pointing back at their dataset, say), whose memory
    would then never be freed within a run, or a long-lived process calling `main` in a loop.
    Importing linping_cli as a library leaves the collector alone.
    """
    gc.disable()
    try:
        try:
            # A termination or hang-up unwinds like Ctrl-C does, so a cache being written removes its temporary.
            for name in ("SIGTERM", "SIGHUP"):
                if hasattr(signal, name):
                    signal.signal(getattr(signal, name), _exit_on_signal)
            app = _import_app()
            app()
        except KeyboardInterrupt:
            sys.exit(130)  # ExitStatus.INTERRUPTED, not imported: the interrupt may come before the cli is
    except KeyboardInterrupt:  # while leaving with a code already chosen
        sys.exit(130)
    finally:
        # The work is over: a Ctrl-C now would only turn the exit into a kill by SIGINT.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The interpreter's last act is a collection over every object still alive: frozen,
        # they are skipped.
        gc.freeze()


def _import_app() -> "typer.Typer":
    """The app, imported with Ctrl-C held back: an interrupt raised inside the import machinery's own
    callbacks is printed by Python as an ignored exception with its traceback, out of any handler's reach.
    One that came meanwhile is acted on once the import is done."""
    interrupted: list[int] = []
    held = signal.signal(signal.SIGINT, lambda number, frame: interrupted.append(number))
    try:
        from linping_cli.cli.app import app
    finally:
        signal.signal(signal.SIGINT, held)
    if interrupted:
        raise KeyboardInterrupt
    return app


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)
