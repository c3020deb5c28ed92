"""linping: facts about Linping District, Hangzhou, from the command line."""

import gc

__version__ = "0.1.0"


def main() -> None:
    """The `linping` script: the cli's main, with the cyclic collector off from the start."""
    # cli.main switches it off for the run; switching it off before the cli and Typer are
    # imported also spares the collections their imports would set off (a few ms a run).
    gc.disable()
    from linping_cli.cli import main as run_cli

    run_cli()
