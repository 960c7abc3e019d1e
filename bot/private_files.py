"""Writing a record to a file: readable by its owner only (0600), never over an existing file,
and, when no name is given, into a private folder outside any working tree.

The folder is `$XDG_DATA_HOME/safeguard-bot/exports` (by default
`~/.local/share/safeguard-bot/exports`), mode 0700. A name the person chose is never
overwritten (they are told, and nothing is written); a name the bot chose (no name, or a folder)
moves on to `NAME-2.pdf`, `NAME-3.pdf`… instead.
"""

import os
from collections.abc import Mapping
from pathlib import Path

APP_FOLDER = "safeguard-bot"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
MAX_TRIES = 1000


class FileProblem(ValueError):
    """The file cannot be written as asked; the message says why, in one line."""


def exports_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """The private folder for files written without a name (made 0700 when missing)."""
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    folder = Path(base) / APP_FOLDER / "exports"
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(FOLDER_MODE)
    except OSError as error:
        raise FileProblem(f"Cannot use the folder {folder} for exports: "
                          f"{error.strerror or error}. Give a file name instead.") from None
    return folder


def _numbered(path: Path, number: int) -> Path:
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def _create(path: Path, data: bytes) -> None:
    """Write a new file, owner-only; FileExistsError if something is already there."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def _problem(path: Path, error: OSError) -> FileProblem:
    if isinstance(error, FileNotFoundError):
        return FileProblem(f"There is no folder {path.parent}: nothing was written.")
    if isinstance(error, PermissionError):
        return FileProblem(f"Cannot write {path}: permission denied. Nothing was written.")
    return FileProblem(f"Cannot write {path}: {error.strerror or error}. Nothing was written.")


def target(given: str | None, filename: str, environ: Mapping[str, str] = os.environ
           ) -> tuple[Path, bool]:
    """Where to write: (path, whether another name may be picked if it is taken). Checks a
    chosen name before any work is done, so nothing is made only to be refused."""
    if given is None or not given.strip():
        return exports_folder(environ) / filename, True
    if "\0" in given:
        raise FileProblem("That is not a file name: nothing was written.")
    chosen = Path(given).expanduser()
    if chosen.is_dir():
        return chosen / filename, True
    if chosen.exists() or chosen.is_symlink():
        raise FileProblem(f"{chosen} already exists and is never overwritten: give a new "
                          "file name (or move that file away first). Nothing was written.")
    if not chosen.parent.is_dir():
        raise FileProblem(f"There is no folder {chosen.parent}: nothing was written.")
    return chosen, False


def write_private(data: bytes, path: Path, may_rename: bool) -> Path:
    """Write `data` to a new owner-only file at `path` (or the next free numbered name)."""
    for number in range(1, MAX_TRIES + 1 if may_rename else 2):
        candidate = _numbered(path, number)
        try:
            _create(candidate, data)
        except FileExistsError:
            continue
        except OSError as error:
            raise _problem(candidate, error) from None
        return candidate
    raise FileProblem(f"{path} already exists and is never overwritten: give a new file name "
                      "(or move that file away first). Nothing was written.")


def save(data: bytes, given: str | None, filename: str,
         environ: Mapping[str, str] = os.environ) -> Path:
    """`target` then `write_private`: the path written."""
    path, may_rename = target(given, filename, environ)
    return write_private(data, path, may_rename)
