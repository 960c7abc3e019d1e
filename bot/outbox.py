"""Writing a batch of notifications to the outbox inside the caller's transaction."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.notifications import Address, Batch, Message, to_payload
from storage.repositories import outbox


def dedupe_key(report_id: int, event: str, step: int, address: Address) -> str:
    return f"r{report_id}:{event}:{step}:{address.key}"


async def write(session: AsyncSession, batch: Batch, report_id: int, now: datetime) -> None:
    for event, address, message, replaces in batch.items:
        await outbox.enqueue(
            session,
            now,
            dedupe_key=dedupe_key(report_id, event, _step(message), address),
            report_id=report_id,
            event=event,
            platform=address.platform,
            destination_kind=address.kind,
            destination=address.destination,
            recipient_person_id=address.person_id,
            payload=to_payload(message),
            replaces_key=replaces,
        )


def _step(message: Message) -> int:
    return getattr(message, "step", 0)
