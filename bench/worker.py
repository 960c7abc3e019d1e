"""One worker replica: `python -m bench.worker URL OUT SECONDS QUIET_AFTER`. It runs the
server's own worker loops (bot.workers.run: the timer sweeper, and the delivery worker woken by
commits or the next due time) with the real handlers, records when each timer ran and every
delivery, and stops when nothing due is left after QUIET_AFTER (or at the deadline). Timers of
kind `bench` only record. The recording transports stand in for the platforms, so they are
not paced (bot.pacing paces real Slack and Teams)."""

import asyncio
import contextlib
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.context import CONFIG
from bot import workers
from bot.app import open_runtime
from bot.clock import SystemClock
from bot.delivery import DeliverySettings, Outgoing, Transport
from bot.runtime import Runtime
from bot.workers import TimerHandler, default_handlers
from storage.models import OutboxMessage, Timer

CHECK_EVERY = 0.5
"""Seconds between looks at whether anything is left (the loops run meanwhile)."""
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


async def main(url: str, out: Path, seconds: float, quiet_after: float) -> None:
    runtime = await open_runtime(Path(CONFIG), SystemClock(), ("slack",), url=url)
    handlers = {kind: recording(h) for kind, h in default_handlers().items()}
    handlers["bench"] = recording(None)
    transports: dict[str, Transport] = {"slack": Recorder(), "teams": Recorder()}
    loops = asyncio.create_task(workers.run(runtime, transports, DeliverySettings(paces={}),
                                            handlers))
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not loops.done():
            await asyncio.sleep(CHECK_EVERY)
            if time.time() > quiet_after and await left(runtime) == 0:
                break
    finally:
        loops.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loops
        await runtime.database.dispose()
        out.write_text(json.dumps({"fired": fired, "sent": sent}))  # noqa: ASYNC240


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])))
