"""Records written to files: owner-only, never over an existing file, and with no name into a
private folder outside any working tree."""

import os
import stat
from pathlib import Path

import pytest

from bot.private_files import FileProblem, exports_folder, save, target


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    return {"XDG_DATA_HOME": str(tmp_path / "data")}


def test_with_no_name_files_go_to_a_private_folder_under_the_data_home(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    first = save(b"one", None, "SG-2026-0001.pdf", environ)
    second = save(b"two", None, "SG-2026-0001.pdf", environ)
    folder = tmp_path / "data" / "safeguard-bot" / "exports"
    assert (first, second) == (folder / "SG-2026-0001.pdf", folder / "SG-2026-0001-2.pdf")
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two"
    assert _mode(folder) == 0o700 and _mode(first) == _mode(second) == 0o600


def test_the_folder_defaults_to_local_share_and_is_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / ".local" / "share" / "safeguard-bot" / "exports"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    assert exports_folder({}) == folder and _mode(folder) == 0o700


def test_a_chosen_name_is_never_overwritten(tmp_path: Path, environ: dict[str, str]) -> None:
    chosen = tmp_path / "case.pdf"
    assert save(b"first", str(chosen), "SG-2026-0001.pdf", environ) == chosen
    with pytest.raises(FileProblem, match="already exists and is never overwritten"):
        save(b"second", str(chosen), "SG-2026-0001.pdf", environ)
    assert chosen.read_bytes() == b"first" and _mode(chosen) == 0o600


def test_a_folder_gets_the_file_under_a_free_name(tmp_path: Path,
                                                 environ: dict[str, str]) -> None:
    (tmp_path / "SG-2026-0001.pdf").write_bytes(b"someone else's")
    written = save(b"new", str(tmp_path), "SG-2026-0001.pdf", environ)
    assert written == tmp_path / "SG-2026-0001-2.pdf"
    assert (tmp_path / "SG-2026-0001.pdf").read_bytes() == b"someone else's"


@pytest.mark.parametrize(("given", "message"), [
    ("no/such/folder/case.pdf", "There is no folder"),
    ("bad\0name.pdf", "not a file name"),
])
def test_bad_paths_are_one_line_and_write_nothing(tmp_path: Path, environ: dict[str, str],
                                                  given: str, message: str) -> None:
    with pytest.raises(FileProblem, match=message) as problem:
        target(str(tmp_path / given), "x.pdf", environ)
    assert "\n" not in str(problem.value)


def test_a_folder_that_cannot_be_written_is_one_line(
    tmp_path: Path, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("bot.private_files.os.open", refuse)
    with pytest.raises(FileProblem, match="permission denied") as problem:
        save(b"x", str(tmp_path / "case.pdf"), "x.pdf", environ)
    assert "\n" not in str(problem.value) and not (tmp_path / "case.pdf").exists()
