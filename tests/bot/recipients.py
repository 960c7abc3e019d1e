"""Who is sent what, compactly: the outbox as sorted (event, destination) pairs.

On the console platform a person's destination is their config id and the alert channel is
"alerts", so `[("alert", "alerts"), ("alert", "lead"), ("receipt", "alex")]` reads as: the
channel and the lead were alerted, the reporter got a receipt. Duplicates stay in the list.
"""

from sqlalchemy import select

from bot.config import OrgConfig
from bot.routing import LEAD_ROLES
from bot.runtime import Runtime
from storage.models import OutboxMessage

Pairs = list[tuple[str, str]]


class Sent:
    """Reads the outbox; `new()` gives what was queued since the last call."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.seen = 0

    async def rows(self) -> list[OutboxMessage]:
        async with self.runtime.database.sessions() as session:
            found = await session.execute(
                select(OutboxMessage).where(OutboxMessage.id > self.seen)
                .order_by(OutboxMessage.id))
            return list(found.scalars())

    async def new(self) -> Pairs:
        rows = await self.rows()
        if rows:
            self.seen = rows[-1].id
        return sorted((row.event, row.destination) for row in rows)

    async def all(self) -> Pairs:
        """Everything in the outbox, whatever was read before."""
        async with self.runtime.database.sessions() as session:
            found = await session.execute(select(OutboxMessage.event, OutboxMessage.destination))
            return sorted((event, destination) for event, destination in found.all())


def safeguarding_people(config: OrgConfig, *, besides: set[str] | None = None) -> set[str]:
    """Ids of everyone holding a safeguarding role (leads, deputies, the fallback role), less
    `besides` (e.g. someone's own manager, who may hold one too)."""
    roles = LEAD_ROLES | {config.escalation.fallback_role}
    return {p.id for p in config.people if p.has_any_role(roles)} - (besides or set())
