"""Shell completion: the callbacks directly, and a real bash round."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import FIXTURE

from linping_cli.cli.app import app
from linping_cli.cli.options import complete_fields, complete_ids, complete_types
from linping_cli.cli.session import Session

SCRIPT = Path(sys.executable).parent / "linping"


def context_with_data(path: Path) -> typer.Context:
    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    ctx.obj = Session.create([str(path)], no_cache=True, quiet=True)
    return ctx


def test_types_complete() -> None:
    assert complete_types("fi") == ["figure"]
    assert complete_types("p") == ["place", "plan", "product", "project"]


def test_ids_complete_with_names_as_descriptions() -> None:
    assert complete_ids(context_with_data(FIXTURE), "acme") == [("acme-lift", "测试升降机有限公司")]
    assert [value for value, _ in complete_ids(context_with_data(FIXTURE), "")][:3] == [
        "testville", "north-park", "acme-lift"]


def test_ids_complete_to_nothing_on_bad_data(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("not toml = = =", encoding="utf-8")
    assert complete_ids(context_with_data(broken), "a") == []


def test_fields_complete_after_a_comma() -> None:
    ctx = context_with_data(FIXTURE)
    assert complete_fields(ctx, "id,na") == ["id,name", "id,name_en"]
    assert "value" in complete_fields(ctx, "")


def completion_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path),
            "LINPING_DATA": str(FIXTURE), "LINPING_CACHE_DIR": str(tmp_path / "cache")}


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_a_real_bash_completion_round(tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip("the console script is not installed next to this interpreter")
    script = (
        'source <(linping --show-completion bash)\n'
        'COMP_WORDS=(linping show acme); COMP_CWORD=2; _linping_completion linping\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(linping li); COMP_CWORD=1; _linping_completion linping\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(linping list pr); COMP_CWORD=2; _linping_completion linping\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True,
                            env=completion_env(tmp_path))
    assert result.stdout == "acme-lift\nlist\nproduct\nproject\n", result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_completion_writes_the_shell_script(tmp_path: Path, shell: str) -> None:
    if not SCRIPT.exists():
        pytest.skip("the console script is not installed next to this interpreter")
    result = subprocess.run([str(SCRIPT), "--install-completion", shell], capture_output=True, text=True,
                            env=completion_env(tmp_path))
    assert result.returncode == 0, result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "linping" in p.read_text(errors="ignore")]
    assert written, "no completion script was written"
