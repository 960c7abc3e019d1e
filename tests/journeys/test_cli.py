"""The command line's contracts: check-config, bad config, migrate, and no tracebacks."""

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.journeys.console import EXAMPLE_CONFIG, ROOT, run_console


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=60)


def test_check_config_accepts_the_example() -> None:
    result = _cli("check-config", str(EXAMPLE_CONFIG))
    assert result.returncode == 0
    assert "OK" in result.stdout and "7 people" in result.stdout


def test_a_bad_config_file_gives_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "org.toml"
    bad.write_text(EXAMPLE_CONFIG.read_text().replace('"30m"', '"half an hour"'))
    for args in (("check-config", str(bad)), ("console", "--config", str(bad))):
        result = _cli(*args, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "escalation.acknowledge_within" in lines[0] and "Traceback" not in lines[0]


def test_a_missing_config_file_is_one_line_too(tmp_path: Path) -> None:
    run = run_console([], f"sqlite:///{tmp_path / 'x.db'}", config=tmp_path / "nope.toml")
    assert run.returncode == 2
    assert run.stderr.strip() == f"error: {tmp_path / 'nope.toml'}: no such config file"


def test_an_unusable_database_url_is_one_line(tmp_path: Path) -> None:
    result = _cli("console", "--config", str(EXAMPLE_CONFIG),
                  env={"DATABASE_URL": "mysql://nobody@localhost/x"})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "not supported" in result.stderr


def test_migrate_brings_an_empty_database_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    first = _cli("migrate", env={"DATABASE_URL": url})
    again = _cli("migrate", env={"DATABASE_URL": url})
    assert first.returncode == again.returncode == 0
    assert "up to date" in again.stdout


def _free_loopback_port() -> int:
    """A loopback port nobody listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_migrate_on_a_sqlite_file_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "m.db"
    keys = _cli("new-key").stdout.strip()
    line = _one_line_error(_cli("migrate", env={"DATABASE_URL": f"sqlite:///{missing}",
                                                "SAFEGUARD_KEYS": keys}))
    assert line.startswith("error: cannot use the database at ") and str(missing) in line
    assert "unable to open database file" in line
    # Without keys the database is opened first too (its keys are checked before a key file
    # is ever made), so the line names the database, and neither folder nor key is created.
    without_keys = _one_line_error(_cli("migrate", env={"DATABASE_URL": f"sqlite:///{missing}",
                                                        "SAFEGUARD_KEYS": ""}))
    assert without_keys == line
    assert not missing.parent.exists()


def test_migrate_on_an_unreachable_postgres_is_one_line_and_hides_the_password() -> None:
    port = _free_loopback_port()
    keys = _cli("new-key").stdout.strip()
    url = f"postgresql://bot:Secret-Pass-77@127.0.0.1:{port}/safeguard"
    line = _one_line_error(_cli("migrate", env={"DATABASE_URL": url, "SAFEGUARD_KEYS": keys}))
    assert line.startswith(f"error: cannot use the database at postgresql+asyncpg://bot:***@"
                           f"127.0.0.1:{port}/safeguard: ")
    assert "Secret-Pass-77" not in line and "Connect call failed" in line
