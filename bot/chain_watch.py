"""The chains' heads, told outside the database: a log line at start and every hour, and
gauges in /metrics, so a monitor (or a person with an old log) sees a head going backwards.

The line ends with the `audit verify` command that checks the chains still hold what the line
recorded; keep those lines where the database's administrators cannot rewrite them.
"""

import asyncio
import logging
from datetime import timedelta

from bot.audit_chain import NAMES, current_heads, exported
from bot.runtime import Runtime
from storage.repositories.chain import AUDIT, CASE_ENTRIES, Head

LOGGER = "bot.chain_heads"
"""Logged at INFO even when everything else is held at WARNING (bot.cli.configure_logging)."""
log = logging.getLogger(LOGGER)
EVERY = timedelta(hours=1)


def head_line(heads: dict[str, Head]) -> str:
    shown = ", ".join(f"{NAMES[name]} {exported(head)}" for name, head in heads.items())
    return (f"chain heads: {shown} (check later with: safeguard-bot audit verify --head "
            f"{exported(heads[AUDIT])} --case-head {exported(heads[CASE_ENTRIES])})")


async def log_heads(runtime: Runtime) -> dict[str, Head]:
    """Log the heads now and set the gauges."""
    heads = await current_heads(runtime.database)
    runtime.metrics.set_chain_heads({name: head.count for name, head in heads.items()})
    log.info("%s", head_line(heads))
    return heads


async def watch_chain_heads(runtime: Runtime, every: timedelta = EVERY) -> None:
    """Log the heads at start and then every `every`, until cancelled."""
    while True:
        try:
            await log_heads(runtime)
        except Exception as error:  # a database blip: say so, try again next time
            log.warning("the chain heads could not be read: %s", type(error).__name__)
        await asyncio.sleep(every.total_seconds())
