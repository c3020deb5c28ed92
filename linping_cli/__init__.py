"""linping: facts about Linping District, Hangzhou, from the command line."""

import gc

__version__ = "0.1.0"


def main() -> None:
    """The `linping` script and `python -m linping_cli`: run the cli with the cyclic collector off."""
    # One short run that builds many objects and no reference cycles: the collector would only
    # spend time (a third of a 100,000-entry listing), and switched off before the cli and Typer
    # are imported, it also skips the collections their imports would set off.
    gc.disable()
    from linping_cli.cli.app import app

    try:
        app()
    finally:
        # The interpreter's last act is a collection over every object still alive: frozen,
        # they are skipped, which saves a tenth of a warm query's instructions.
        gc.freeze()
