"""One module per command: its options, its run function, and nothing of the others (see `cli/registry`)."""
