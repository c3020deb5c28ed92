"""Exit codes, and the one place that turns every failure into one line on stderr and one of them."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, NoReturn

import typer

from linping_cli.cli.lazy import LazyGroup
from linping_cli.model.errors import DataError, UserError
from linping_cli.store import cache


class ExitStatus(IntEnum):
    OK = 0
    NO_MATCH = 1
    USAGE = 2
    BAD_DATA = 3
    SOFTWARE = 70
    IO_ERROR = 74  # stdout cannot be written: closed, or the disk is full (EX_IOERR)
    INTERRUPTED = 130


class OutputFailed(Exception):
    """The results cannot be written to stdout."""


# What writing to a file can fail with that is the place's fault, not linping's.
_WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF}


def write_stdout(write: Callable[[], object]) -> int:
    """Run `write`; if the reader has gone (`| head`), end quietly with success; OutputFailed if it cannot write."""
    if sys.stdout is None:
        raise OutputFailed("stdout is closed: nowhere to print the results")
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        _silence_stdout()
        raise OutputFailed(f"cannot write the results: {error.strerror or error}") from None
    return ExitStatus.OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit stays quiet too."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _is_devnull(stream: object) -> bool:
    try:
        found, devnull = os.fstat(stream.fileno()), os.stat(os.devnull)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return (found.st_ino, found.st_dev) == (devnull.st_ino, devnull.st_dev)


class Group(LazyGroup):
    """Runs the app and maps every failure to one line on stderr and an exit code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> NoReturn:
        extra["windows_expand_args"] = windows_expand_args
        from linping_cli.cli.options import completion_for_named_shell

        stdout, quiet_before = sys.stdout, _is_devnull(sys.stdout)
        try:
            if stdout is None:  # started with stdout closed (`>&-`): say so, rather than print nowhere
                raise OutputFailed("stdout is closed: nowhere to print the results")
            if completion_for_named_shell(sys.argv[1:] if args is None else args):
                sys.exit(ExitStatus.OK)
            try:
                result = super().main(args, prog_name or "linping", complete_var, standalone_mode=False, **extra)
            except cache.Damaged as damaged:
                # Found before anything is printed (results are printed whole, once worked out): the
                # cache is built again and the command run once more, which a rebuilt cache satisfies.
                cache.discard(damaged.roots)
                result = super().main(args, prog_name or "linping", complete_var, standalone_mode=False, **extra)
            code = int(result) if isinstance(result, int) else ExitStatus.OK
        except SystemExit as exiting:
            # Click and Rich end a help text cut off by a closed pipe with exit 1, having swapped stdout for
            # a quiet wrapper (Click) or pointed it at /dev/null (Rich): for linping that is success.
            cut_off = sys.stdout is not stdout or (not quiet_before and _is_devnull(sys.stdout))
            code = ExitStatus.OK if cut_off else exiting.code  # type: ignore[assignment]
        except (Exception, KeyboardInterrupt) as error:
            try:
                code = _exit_status(error)
            except Exception as second:  # a bug while reporting one: still one line
                code = fail(f"internal error: {type(second).__name__}: {second} (please report this)",
                            ExitStatus.SOFTWARE)
        sys.exit(code)


def _exit_status(error: BaseException) -> ExitStatus:
    """Say what went wrong, in one line on stderr, and the exit status it means."""
    if isinstance(error, UserError):
        return fail(str(error), ExitStatus.USAGE)
    if isinstance(error, OutputFailed):
        return fail(str(error), ExitStatus.IO_ERROR)
    if isinstance(error, OSError) and error.errno in _WRITE_ERRORS:  # Click writing help or a version
        _silence_stdout()
        return fail(f"cannot write the results: {error.strerror}", ExitStatus.IO_ERROR)
    if isinstance(error, DataError):
        return fail(f"bad data: {error}", ExitStatus.BAD_DATA)
    if isinstance(error, typer.TyperException):  # Click's usage errors, vendored by Typer
        return _usage_error(error)
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

    print(f"linping: {visible(message)}", file=sys.stderr)


def _usage_error(error: typer.TyperException) -> ExitStatus:
    text = str(getattr(error, "format_message", lambda: error)())
    message = " ".join(text.split())
    ctx = getattr(error, "ctx", None)
    if ctx is not None and text and text == ctx.get_help():  # no arguments: the plain help, as it is
        print(text)
        return ExitStatus.USAGE
    if not message:  # no arguments: Rich's help has printed itself already
        return ExitStatus.USAGE
    if getattr(error, "option_name", None) == "--fields" and (ctx is None or any(
            param.name == "fields" for param in ctx.command.params)):  # not for a command without --fields
        from linping_cli.query.select import valid_fields

        message += f" (valid fields: {','.join(valid_fields([]))})"
    return fail(f"{message} (see '{ctx.command_path if ctx else 'linping'} --help')", ExitStatus.USAGE)
