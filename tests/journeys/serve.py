"""Running `safeguard-bot serve` as real subprocesses: start, wait to listen, kill, always reap."""

import asyncio
import contextlib
import itertools
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, select, update

from storage.engine import Database, open_database
from storage.models import OutboxMessage, Report, Timer
from tests.adapters.slack.driver import SECRET
from tests.adapters.slack.fake_slack import TOKEN
from tests.journeys.console import EXAMPLE_CONFIG, POSTGRES_KEYS, ROOT

START_SECONDS = 30.0
STOP_SECONDS = 10.0
LISTENING = "listening on "


class ServeFailed(AssertionError):
    pass


@dataclass
class Server:
    process: asyncio.subprocess.Process
    url: str
    log: Path
    drain: "asyncio.Task[None] | None" = None
    """Reads stdout after the listening line, so the pipe can never fill and block it."""

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    async def kill(self) -> None:
        """SIGKILL: no cleanup runs, exactly like a crash or an OOM kill."""
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        if self.drain is not None:
            self.drain.cancel()

    async def stop(self) -> None:
        """SIGTERM, then SIGKILL if it has not gone within STOP_SECONDS."""
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), STOP_SECONDS)
        await self.kill()


def serve_env(database_url: str, api_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_BOT_TOKEN": TOKEN, "SLACK_API_URL": api_url,
           "SAFEGUARD_CONFIG": str(EXAMPLE_CONFIG), "PYTHONUNBUFFERED": "1"}
    for name in ("MICROSOFT_APP_ID", "SAFEGUARD_TEAMS_NO_AUTH"):
        env.pop(name, None)
    if database_url.startswith("postgresql"):
        env.setdefault("SAFEGUARD_KEYS", POSTGRES_KEYS)
    else:
        env.pop("SAFEGUARD_KEYS", None)  # SQLite: the key file beside the database
    return env


@dataclass
class Servers:
    """Every serve process a test starts; all are killed at teardown, whatever happened."""

    logs: Path
    started: list[Server] = field(default_factory=list)
    _numbers: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def start(self, database_url: str, api_url: str,
                    extra_env: dict[str, str] | None = None) -> Server:
        log = self.logs / f"serve-{next(self._numbers)}.log"
        with log.open("wb") as sink:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "serve", "--port", "0", "--host", "127.0.0.1",
                cwd=ROOT, env={**serve_env(database_url, api_url), **(extra_env or {})},
                stdout=asyncio.subprocess.PIPE, stderr=sink)
        server = Server(process, "", log)
        self.started.append(server)
        try:
            server.url = await asyncio.wait_for(_listening_url(process), START_SECONDS)
        except (TimeoutError, ServeFailed) as error:
            await server.kill()
            raise ServeFailed(f"serve did not start ({error!r}):\n{server.log_tail()}") from None
        server.drain = asyncio.create_task(_discard(process.stdout))
        return server

    async def close(self) -> None:
        for server in self.started:
            await server.kill()


async def _listening_url(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    while line := (await process.stdout.readline()).decode():
        if line.startswith(LISTENING):
            return line[len(LISTENING):].strip()
    raise ServeFailed(f"exited with {await process.wait()} before listening")


async def _discard(stream: asyncio.StreamReader | None) -> None:
    while stream is not None and await stream.read(65536):
        pass


@contextlib.asynccontextmanager
async def serve_processes(logs: Path) -> AsyncIterator[Servers]:
    servers = Servers(logs)
    try:
        yield servers
    finally:
        await servers.close()


async def expire_dead_leases(database_url: str, now: datetime | None = None) -> int:
    """Let the leases of killed processes run out now instead of in 60 s of real time.

    Only call this while no serve process is running: every lease then belongs to a dead one.
    The lease_until stays set, so the next claim still sees each such row as in doubt."""
    when = (now or datetime.now(UTC)) - timedelta(seconds=1)
    database = open_database(database_url)
    try:
        async with database.transaction() as session:
            expired = 0
            for model in (OutboxMessage, Timer):
                result = await session.execute(
                    update(model).where(model.status == "pending",
                                        model.lease_until.is_not(None), model.lease_until > when)
                    .values(lease_until=when).execution_options(synchronize_session=False))
                expired += int(result.rowcount)  # type: ignore[attr-defined]
    finally:
        await database.dispose()
    return expired


async def metric(session: aiohttp.ClientSession, base: str, sample: str) -> float:
    """One sample from GET /metrics, e.g. 'safeguard_outbox_messages{status="pending"}'."""
    async with session.get(base + "/metrics", timeout=aiohttp.ClientTimeout(total=10)) as reply:
        text = await reply.text()
    for line in text.splitlines():
        name, _, value = line.rpartition(" ")
        if name == sample:
            return float(value)
    raise AssertionError(f"{sample} is not in /metrics:\n{text}")


NOTIFICATIONS = ("alert", "receipt")
"""What these journeys count; other notifications (check-ins, ...) are not their business."""


async def undelivered(database: Database, events: tuple[str, ...] = NOTIFICATIONS) -> int:
    """Outbox rows of these events still pending (leased ones included)."""
    async with database.sessions() as session:
        return int((await session.execute(
            select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.status == "pending", OutboxMessage.event.in_(events)))
        ).scalar_one())


async def drained(database_url: str, seconds: float) -> bool:
    """Wait until no alert or receipt is left pending, or `seconds` pass."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    database = open_database(database_url)
    try:
        while await undelivered(database):
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(0.25)
        return True
    finally:
        await database.dispose()


async def healthz(session: aiohttp.ClientSession, base: str) -> tuple[int, dict[str, Any]]:
    async with session.get(base + "/healthz", timeout=aiohttp.ClientTimeout(total=10)) as reply:
        return reply.status, await reply.json()


async def stored_reports(database_url: str) -> dict[str, str]:
    """Every stored report: reference -> the Slack user who filed it."""
    database = open_database(database_url)
    try:
        async with database.sessions() as session:
            rows = (await session.execute(
                select(Report.reference, Report.reporter_user_id))).all()
    finally:
        await database.dispose()
    return {reference: user for reference, user in rows}
