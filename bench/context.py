"""What one harness run shares: a folder, keys, the fakes, the load tool, a deadline, results."""

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import Loader
from bench.servers import SECRET
from bench.tools import LOAD_CPUS, SERVER_CPU, Proc, free_port, module
from bot.crypto import new_key_entry
from tests.adapters.slack.fake_slack import TOKEN

CONFIG = "examples/organisation.toml"


@dataclass
class Run:
    folder: Path
    loader: Loader
    quick: bool
    postgres_admin: str | None
    started: float = field(default_factory=time.monotonic)
    keys: str = field(default_factory=lambda: new_key_entry("b1"))
    results: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    fake_slack_port: int = 0
    fake_connector_port: int = 0
    children: list[Proc] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """How long one measurement runs."""
        return 2.0 if self.quick else 4.0

    @property
    def slack_api(self) -> str:
        return f"http://127.0.0.1:{self.fake_slack_port}/api/"

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def start_fakes(self) -> None:
        self.fake_slack_port, self.fake_connector_port = free_port(), free_port()
        self.children.append(Proc(module("bench.servers", "fake-slack",
                                         str(self.fake_slack_port)), cpus=LOAD_CPUS,
                                  port=self.fake_slack_port, log=self.log("fake-slack"),
                                  priority=True))
        self.children.append(Proc(module("bench.servers", "fake-connector",
                                         str(self.fake_connector_port)), cpus=LOAD_CPUS,
                                  port=self.fake_connector_port, log=self.log("fake-connector")))

    def log(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def sqlite_url(self, name: str) -> str:
        return f"sqlite+aiosqlite:///{self.folder / name}.db"

    def bot_env(self, database_url: str, teams: bool) -> dict[str, str]:
        """Slack always; Teams (without authentication, on loopback) only when asked: a
        Teams that is not installed anywhere would fail every Teams alert, and a failed alert
        escalates at once, which is not what a Slack-only deployment does."""
        env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN,
               "SLACK_API_URL": self.slack_api, "DATABASE_URL": database_url,
               "SAFEGUARD_KEYS": self.keys, "SAFEGUARD_CONFIG": CONFIG,
               "SAFEGUARD_TEAMS_NO_AUTH": "1" if teams else ""}
        return env

    def serve_bot(self, database_url: str, name: str, teams: bool = False,
                  env: dict[str, str] | None = None, unpaced: bool = False) -> Proc:
        """The real server, as a user runs it: `python -m bot serve`, pinned to core 0
        (with `unpaced`, with the per-destination pace lifted, bench/unpaced.py)."""
        port = free_port()
        entry = "bench.unpaced" if unpaced else "bot"
        return Proc(module(entry, "serve", "--host", "127.0.0.1", "--port", str(port)),
                    cpus=SERVER_CPU, env={**self.bot_env(database_url, teams), **(env or {})},
                    port=port,
                    log=self.log(name))

    def serve_floor(self, role: str, *args: str) -> Proc:
        port = free_port()
        return Proc(module("bench.servers", role, str(port), *args), cpus=SERVER_CPU,
                    port=port, log=self.log(f"floor-{role}"))

    def stop(self) -> None:
        for child in reversed(self.children):
            child.stop()


def tag() -> str:
    return uuid.uuid4().hex[:4].upper()
