"""Exit codes, and the one place that turns every failure into one line on stderr and one of them."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from enum import IntEnum

import typer

from linping_cli.cli.registry import COMMANDS, field_choices
from linping_cli.model.errors import DataError, UserError
from linping_cli.store import cache


class ExitStatus(IntEnum):
    OK = 0
    NO_MATCH = 1
    USAGE = 2
    BAD_DATA = 3
    SOFTWARE = 70
    IO_ERROR = 74  # stdout cannot be written: closed, or the disk is full (EX_IOERR)
    TEMPORARY = 75  # the dataset changed while it was read: running again will do (EX_TEMPFAIL)
    HANGUP = 129
    INTERRUPTED = 130
    TERMINATED = 143


# What each code means, for the manual and the README: one line each.
MEANINGS = {
    ExitStatus.OK: "results printed (validate: no problems)",
    ExitStatus.NO_MATCH: "nothing matched (search, list, facts, timeline, values), or ask found no answer: a note "
                         "on stderr, and the empty result on stdout (JSON [], a CSV header)",
    ExitStatus.USAGE: "usage error: a bad option, an unknown command, type, field or id, an empty query",
    ExitStatus.BAD_DATA: "bad data: a dataset that is missing, unreadable, not UTF-8, not TOML, or breaks the schema",
    ExitStatus.SOFTWARE: "a bug in linping: one line on stderr; please report it",
    ExitStatus.IO_ERROR: "the results cannot be written: stdout is closed or the disk is full; or a damaged cache "
                         "could not be read again from the dataset's files",
    ExitStatus.TEMPORARY: "the dataset changed while it was being read: run the command again",
    ExitStatus.HANGUP: "hung up (SIGHUP), after removing any half-written cache file",
    ExitStatus.INTERRUPTED: "interrupted (Ctrl-C), at any moment",
    ExitStatus.TERMINATED: "terminated (SIGTERM), after removing any half-written cache file",
}


class NoMatch(Exception):
    """Nothing matched: the empty result is written already; the message goes to stderr, and the exit is 1."""


class OutputFailed(Exception):
    """The results cannot be written to stdout."""


# What writing to a file can fail with that is the place's fault, not linping's.
WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF}


def exit_status(error: BaseException, command: str | None = None) -> ExitStatus:
    """Say what went wrong, in one line on stderr, and the exit status it means (`command`: the one being run)."""
    if isinstance(error, NoMatch):
        return fail(str(error), ExitStatus.NO_MATCH)
    if isinstance(error, UserError):
        return fail(str(error), ExitStatus.USAGE)
    if isinstance(error, BrokenPipeError):  # the reader has gone (`| head`): what it wanted, it has
        silence_stdout()
        return ExitStatus.OK
    if isinstance(error, OutputFailed):
        return fail(str(error), ExitStatus.IO_ERROR)
    if isinstance(error, OSError) and error.errno in WRITE_ERRORS:  # Click writing help or a version
        silence_stdout()
        return fail(f"cannot write the results: {error.strerror}", ExitStatus.IO_ERROR)
    if isinstance(error, DataError):
        return fail(f"bad data: {error}", ExitStatus.BAD_DATA)
    if isinstance(error, cache.Changed):
        return fail(str(error), ExitStatus.TEMPORARY)
    if isinstance(error, cache.Damaged):
        return fail(str(error), ExitStatus.IO_ERROR)
    if isinstance(error, typer.TyperException):  # Click's usage errors, vendored by Typer
        return _usage_error(error, command)
    if isinstance(error, KeyboardInterrupt):
        return ExitStatus.INTERRUPTED
    if isinstance(error, typer.Abort):
        if isinstance(error.__cause__ or error.__context__, KeyboardInterrupt):
            return ExitStatus.INTERRUPTED
        return fail(f"internal error: aborted ({error.__context__!r})", ExitStatus.SOFTWARE)
    # A bug: still one line, never a traceback.
    return fail(f"internal error: {type(error).__name__}: {error} (please report this)", ExitStatus.SOFTWARE)


def fail(message: str, code: ExitStatus) -> ExitStatus:
    note(message)
    return code


def note(message: str) -> None:
    """One line on stderr, whatever the message holds: dataset text and arguments are shown, never obeyed."""
    from linping_cli.output.safe import visible

    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr closed too: nowhere left to say it
        print(f"linping: {visible(message)}", file=sys.stderr)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit stays quiet too."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _usage_error(error: typer.TyperException, command: str | None) -> ExitStatus:
    text = str(getattr(error, "format_message", lambda: error)())
    message = " ".join(text.split())
    ctx = getattr(error, "ctx", None)
    if ctx is not None and text and text == ctx.get_help():  # no arguments: the plain help, as it is
        print(text)
        return ExitStatus.USAGE
    if not message:  # no arguments: Rich's help has printed itself already
        return ExitStatus.USAGE
    where = ctx.command_path if ctx is not None else f"linping {command}" if command else "linping"
    command = ctx.info_name if ctx is not None and ctx.parent is not None else command
    if getattr(error, "option_name", None) == "--fields" and command in COMMANDS and COMMANDS[command].fields:
        message += f" (valid fields: {','.join(field_choices(command))})"
    return fail(f"{message} (see '{where} --help')", ExitStatus.USAGE)
