"""Running `safeguard-bot console` as a subprocess with piped input, as a person's script."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.crypto import new_key_entry

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CONFIG = ROOT / "examples" / "organisation.toml"
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
    lines: list[str], database_url: str, config: Path = EXAMPLE_CONFIG,
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
