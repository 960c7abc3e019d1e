"""Running `safeguard-bot console` as a subprocess with piped input, as a person's script."""

import hashlib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.crypto import new_key_entry

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CONFIG = ROOT / "examples" / "organisation.toml"


def any_hour_config() -> Path:
    """The example config with `[working_hours] routine_waits = false`, written once per run:
    the console runs on the real clock, so a journey that expects a reminder or a check-in
    must not depend on the hour it runs at. (Working hours have their own journeys.)"""
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    assert "\n[working_hours]\n" in text, "the example config has no [working_hours] table"
    changed = text.replace("\n[working_hours]\n", "\n[working_hours]\nroutine_waits = false\n")
    digest = hashlib.sha256(changed.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"safeguard-any-hour-{digest}.toml"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(changed, encoding="utf-8")
        partial.replace(path)
    return path


ANY_HOUR_CONFIG = any_hour_config()
TIMEOUT_SECONDS = 60
POSTGRES_KEYS = new_key_entry("j1")
"""PostgreSQL needs its key from the environment; SQLite runs create a key file themselves."""


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def deliveries(self) -> list[str]:
        """Every notification line printed, as each recipient would receive it."""
        return [line for line in self.stdout.splitlines() if line.lstrip().startswith("-->")]

    def to(self, recipient: str) -> list[str]:
        return [line for line in self.deliveries() if recipient in line]


def run_console(
    lines: list[str], database_url: str, config: Path = ANY_HOUR_CONFIG,
    extra_env: dict[str, str] | None = None,
) -> Run:
    env = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    env.pop("SAFEGUARD_CONFIG", None)
    if database_url.startswith("postgresql"):
        env.setdefault("SAFEGUARD_KEYS", POSTGRES_KEYS)
    elif "SAFEGUARD_KEYS" not in (extra_env or {}):
        env.pop("SAFEGUARD_KEYS", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--config", str(config)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=TIMEOUT_SECONDS,
    )
    return Run(result.returncode, result.stdout, result.stderr)
