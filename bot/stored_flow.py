"""A conversation's report in progress, as just read: plain values, its progress opened.

Surfaces hold one of these between reading where a report stands and applying the next input
(`reporting.respond(..., stored=...)`), so the flow is read once per step; every write checks
`version`, so a flow changed meanwhile is never overwritten."""

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.flow.progress import FlowProgress
from bot.records import open_flow_state
from bot.runtime import Runtime
from storage.models import FlowSession
from storage.repositories import flow_sessions


@dataclass(frozen=True)
class StoredFlow:
    id: int
    version: int
    platform: str
    conversation_id: str
    flow_id: str
    state: dict[str, Any] = field(repr=False)
    """The progress as opened (answers included: never logged)."""

    @property
    def progress(self) -> FlowProgress:
        """A fresh copy each time: the core changes its copy before saving it."""
        return FlowProgress.from_json(copy.deepcopy(self.state))


async def current(runtime: Runtime, conversation_id: str, platform: str) -> StoredFlow | None:
    """This conversation's report in progress, or None."""
    row = await _row(runtime, conversation_id, platform)
    if row is None:
        return None
    state = open_flow_state(runtime.keys, row.platform, row.conversation_id, row.state_sealed)
    return StoredFlow(row.id, row.version, row.platform, row.conversation_id, row.flow_id, state)


async def _row(runtime: Runtime, conversation_id: str, platform: str) -> FlowSession | None:
    if runtime.database.flow_reads is not None:  # SQLite: one plain SELECT
        return await runtime.database.flow_reads.find(platform, conversation_id)
    async with runtime.database.readers() as session:
        return await flow_sessions.find(session, platform, conversation_id)
