"""Shell completion: the callbacks directly, and a real bash round."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import typer
from conftest import FIXTURE, SCRIPT, SECOND_REGION, needs

from linping_cli.cli.app import app
from linping_cli.cli.options import complete_fields, complete_ids, complete_types
from linping_cli.cli.session import Session


def context_with_data(path: Path) -> typer.Context:
    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    ctx.obj = Session.create([str(path)], no_cache=True, quiet=True)
    return ctx


def test_types_complete() -> None:
    assert complete_types("fi") == ["figure"]
    assert complete_types("p") == ["place", "plan", "product", "project", "person"]


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
    assert complete_fields(ctx, "id,na") == ["id,name", "id,name_en", "id,name_en_origin"]
    assert "value" in complete_fields(ctx, "")


def completion_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path),
            "LINPING_DATA": str(FIXTURE), "LINPING_CACHE_DIR": str(tmp_path / "cache")}


@pytest.mark.tool("bash")
def test_a_real_bash_completion_round(tmp_path: Path) -> None:
    needs("linping")
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
    needs("linping")
    result = subprocess.run([str(SCRIPT), "--install-completion", shell], capture_output=True, text=True,
                            env=completion_env(tmp_path))
    assert result.returncode == 0, result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "linping" in p.read_text(errors="ignore")]
    assert written, "no completion script was written"


def bash_completions(tmp_path: Path, *words: str, data: list[Path] = [FIXTURE]) -> list[str]:  # noqa: B006
    """What bash offers after `linping WORDS...` (the last word being completed)."""
    line = " ".join(f"'{w}'" for w in ("linping", *words))
    script = (f'source <(linping --show-completion bash)\nCOMP_WORDS=({line}); COMP_CWORD={len(words)}\n'
              '_linping_completion linping\nprintf "%s\\n" "${COMPREPLY[@]}"\n')
    env = {**completion_env(tmp_path), "LINPING_DATA": os.pathsep.join(str(p) for p in data)}
    result = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=env)
    return result.stdout.split()


@pytest.mark.tool("bash")
def test_bash_completes_what_the_command_line_has_chosen(tmp_path: Path) -> None:
    needs("linping")
    assert bash_completions(tmp_path, "list", "figure", "--fields", "val") == ["value", "value_max"]
    assert bash_completions(tmp_path, "list", "company", "--sort", "lo") == ["location"]
    assert "value" not in bash_completions(tmp_path, "list", "company", "--fields", "")
    assert bash_completions(tmp_path, "list", "--category", "tr") == ["trade"]
    both = [FIXTURE, SECOND_REGION]
    assert bash_completions(tmp_path, "show", "example-town:g", data=both) == ["example-town:gdp-2024"]
    qualified = bash_completions(tmp_path, "show", "testville:", data=both)
    assert qualified[:2] == ["testville:testville", "testville:north-park"]
    assert bash_completions(tmp_path, "show", "gdp", data=both) == ["gdp-2024"]  # then `show` says which regions


def test_tags_complete_real_values() -> None:
    ctx = context_with_data(FIXTURE)
    from linping_cli.cli.options import complete_tags

    tags = complete_tags(ctx, "")
    assert tags and all(isinstance(tag, str) for tag in tags)
    assert complete_tags(ctx, "zzz-no-such-tag") == []


@pytest.mark.tool("bash")
def test_install_completion_for_zsh_from_bash_installs_zsh(tmp_path: Path) -> None:
    needs("linping")
    result = subprocess.run(["bash", "--norc", "-c", "linping --install-completion zsh"], capture_output=True,
                            text=True, env={**completion_env(tmp_path), "SHELL": "/bin/bash"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("zsh completion installed in")
    assert (tmp_path / ".zfunc" / "_linping").read_text(encoding="utf-8").startswith("#compdef linping")
    assert "fpath+=~/.zfunc" in (tmp_path / ".zshrc").read_text(encoding="utf-8")
    assert not (tmp_path / ".bashrc").exists()


@pytest.mark.tool("zsh")
def test_zsh_loads_the_installed_completion(tmp_path: Path) -> None:
    needs("linping")
    env = completion_env(tmp_path)
    subprocess.run([str(SCRIPT), "--install-completion", "zsh"], capture_output=True, env=env, check=True)
    result = subprocess.run(["zsh", "-c", "source ~/.zshrc; print -r -- $_comps[linping]"], capture_output=True,
                            text=True, env=env)
    assert result.stdout.strip() == "_linping", result.stderr
