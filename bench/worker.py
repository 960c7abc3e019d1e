"""One worker replica: `python -m bench.worker URL OUT SECONDS`. It runs the server's loop
(bot.workers.run_due_timers, then bot.delivery.deliver_due; sleep bot.server.POLL_SECONDS when
idle; with --wake-at-due, until the next row falls due, as proposed for the core) with the
real handlers, records when each timer ran and every delivery, and stops when
nothing due is left (or at the deadline). Timers of kind `bench` only record."""

import asyncio
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.context import CONFIG
from bot.app import open_runtime
from bot.clock import SystemClock
from bot.delivery import Outgoing, deliver_due
from bot.runtime import Runtime
from bot.server import POLL_SECONDS
from bot.workers import TimerHandler, default_handlers, run_due_timers
from storage.models import OutboxMessage, Timer

fired: list[tuple[int, float, float]] = []
sent: list[str] = []


def recording(handler: TimerHandler | None) -> TimerHandler:
    async def run(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
        fired.append((timer.id, timer.due_at.timestamp(), time.time()))
        if handler is not None:
            await handler(runtime, timer, session, now)

    return run


class Recorder:
    async def send(self, item: Outgoing) -> str | None:
        sent.append(item.idempotency_key)
        return f"C:{len(sent)}"


async def left(runtime: Runtime) -> int:
    now = runtime.clock.now()
    async with runtime.database.sessions() as session:
        timers = await session.scalar(select(func.count()).select_from(Timer).where(
            Timer.status == "pending", Timer.due_at <= now))
        outbox = await session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status == "pending"))
    return int(timers or 0) + int(outbox or 0)


async def next_due_in(runtime: Runtime) -> float:
    """Seconds until the next timer or outbox row falls due (at most POLL_SECONDS)."""
    async with runtime.database.sessions() as session:
        timer = await session.scalar(select(func.min(Timer.due_at)).where(
            Timer.status == "pending"))
        outbox = await session.scalar(select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == "pending"))
    due = [d for d in (timer, outbox) if d is not None]
    if not due:
        return POLL_SECONDS
    return min(POLL_SECONDS, max(0.0, (min(due) - runtime.clock.now()).total_seconds()))


async def main(url: str, out: Path, seconds: float, quiet_after: float, wake: bool) -> None:
    runtime = await open_runtime(Path(CONFIG), SystemClock(), ("slack",), url=url)
    handlers = {kind: recording(h) for kind, h in default_handlers().items()}
    handlers["bench"] = recording(None)
    transports = {"slack": Recorder(), "teams": Recorder()}
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            busy = await run_due_timers(runtime, handlers)
            busy += await deliver_due(runtime, transports)  # type: ignore[arg-type]
            if not busy:
                if time.time() > quiet_after and await left(runtime) == 0:
                    break
                await asyncio.sleep(await next_due_in(runtime) if wake else POLL_SECONDS)
    finally:
        await runtime.database.dispose()
        out.write_text(json.dumps({"fired": fired, "sent": sent}))  # noqa: ASYNC240


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]),
                     sys.argv[5:] == ["--wake-at-due"]))
