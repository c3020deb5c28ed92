"""Completion scripts for a shell named on the command line, written where that shell reads them.

The script is what the completion protocol prints (`_LINPING_COMPLETE=source_zsh linping`), and
it goes where Typer's own installer puts it, so both ways give the same result.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# shell: (the script's file under $HOME, the start-up file that must load it, the line that loads it)
PLACES = {
    "bash": (".bash_completions/linping.sh", ".bashrc", "source ~/.bash_completions/linping.sh"),
    "zsh": (".zfunc/_linping", ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
    "fish": (".config/fish/completions/linping.fish", None, None),
}


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
