"""Long output on a terminal goes through a pager, as git and gh do: $LINPING_PAGER, $PAGER, else `less -FRX`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO


def pager_command(env: Mapping[str, str]) -> list[str] | None:
    """The pager to run, split into words; None when the user asked for none (an empty value, or `cat`)."""
    chosen = env.get("LINPING_PAGER", env.get("PAGER"))
    if chosen is None:
        return ["less", "-FRX"]
    import shlex

    words = shlex.split(chosen)
    return words if words and words != ["cat"] else None


def page(text: str, command: list[str], env: Mapping[str, str], stdout: IO[str] | None) -> bool:
    """Show `text` through `command`; False, having shown nothing, when the pager cannot be started."""
    import subprocess

    # less without -R would show colour codes as text; as git does, give it FRX unless the user set LESS.
    env = {**env, "LESS": env.get("LESS", "FRX"), "LV": env.get("LV", "-c")}
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    encoding = getattr(stdout, "encoding", None) or "utf-8"
    try:
        process.stdin.write(text.encode(encoding, errors="backslashreplace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit before the end
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue
