"""linping: facts about Linping District, Hangzhou, from the command line."""

import gc

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
    from linping_cli.cli.app import app

    try:
        app()
    finally:
        # The interpreter's last act is a collection over every object still alive: frozen,
        # they are skipped.
        gc.freeze()
