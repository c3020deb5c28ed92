"""linping: facts about Linping District, Hangzhou, from the command line."""

__version__ = "0.1.0"
