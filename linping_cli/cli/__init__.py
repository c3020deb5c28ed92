"""The `linping` command: the Typer app, its options, one run's session, and the mapping of errors to exit codes."""
