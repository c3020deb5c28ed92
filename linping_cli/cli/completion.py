"""Completion scripts for a shell named on the command line, written where that shell reads them.

The script is what the completion protocol prints (`_LINPING_COMPLETE=source_zsh linping`), and
it goes where Typer's own installer puts it, so both ways give the same result.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from linping_cli.model.errors import UserError

# shell: (the script's file under $HOME, the start-up file that must load it, the line that loads it)
PLACES = {
    "bash": (".bash_completions/linping.sh", ".bashrc", "source ~/.bash_completions/linping.sh"),
    "zsh": (".zfunc/_linping", ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
    "fish": (".config/fish/completions/linping.fish", None, None),
}


def for_named_shell(args: Sequence[str]) -> bool:
    """`linping --install-completion zsh` (or --show-completion): for the shell named, not the one running.

    Typer's own options are flags that serve the shell they detect and leave the name unread. A shell this
    module has no place for is a usage error, never another shell's script.
    """
    if len(args) != 2 or args[0] not in ("--install-completion", "--show-completion"):
        return False
    if args[1] not in PLACES:
        raise UserError(f"{args[0]} takes {', '.join(PLACES)}, not {args[1]!r}")
    if args[0] == "--show-completion":
        print(script(args[1]), end="")
    else:
        print(f"{args[1]} completion installed in {install(args[1])}; it takes effect in a new shell")
    return True


def script(shell: str) -> str:
    env = {**os.environ, "_LINPING_COMPLETE": f"source_{shell}"}
    done = subprocess.run([sys.executable, "-m", "linping_cli"], env=env, capture_output=True, text=True, check=True)
    return done.stdout.lstrip()  # zsh reads `#compdef` only on the first line


def install(shell: str) -> Path:
    """Write the script for `shell` and make its start-up file load it (once); where the script went."""
    home = Path.home()
    file, startup, line = PLACES[shell]
    target = home / file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script(shell), encoding="utf-8")
    if startup and line:
        rc = home / startup
        existing = rc.read_text(encoding="utf-8") if rc.exists() else ""
        if line not in existing:
            with rc.open("a", encoding="utf-8") as out:
                out.write(f"\n{line}\n")
    return target
