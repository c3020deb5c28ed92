"""Which files make a dataset: the bundled one, or the .toml files a path names."""

from __future__ import annotations

from pathlib import Path

from linping_cli.model.errors import DataError, Problem


def bundled_data_path() -> Path:
    """The dataset shipped with the package: inside it when installed, beside it in a checkout."""
    from importlib.resources import files

    packaged = files("linping_cli").joinpath("data")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent.parent / "data"


def dataset_files(path: Path) -> list[Path]:
    """The .toml files of a dataset: the file itself, or a folder's, sorted by name."""
    def fail(message: str) -> DataError:
        return DataError([Problem(repr(str(path)) if "\x00" in str(path) else str(path), None, None, None, message)])

    if "\x00" in str(path):
        raise fail("not a valid path")
    try:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".toml" and p.is_file())
            if not found:
                raise fail("folder holds no .toml files")
            return found
        if path.is_file():
            return [path]
        if path.exists():
            raise fail("not a regular file or folder")
    except OSError as error:
        raise fail(f"cannot read: {error.strerror or error}") from None
    raise fail("no such file or folder")


def skipped_files(path: Path) -> list[Problem]:
    """A problem for each `.toml` name in a folder that is not a file, which `dataset_files` passes over."""
    problems = []
    try:
        names = sorted(path.iterdir()) if path.is_dir() else []
    except OSError:
        return []  # dataset_files says why
    for name in names:
        if name.suffix != ".toml" or name.is_file():
            continue
        why = ("a link to nothing" if name.is_symlink() and not name.exists() else
               "a folder" if name.is_dir() else "not a regular file")
        problems.append(Problem(str(name), None, None, None, f"skipped: {why}"))
    return problems
