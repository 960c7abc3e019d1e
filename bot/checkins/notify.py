"""Check-in notifications into the outbox, in the caller's transaction (never report-linked).

Dedupe keys start `c<check-in id>:` (or `o<offer id>:`), so retention can find and remove
them, and a retried step never sends twice. A guest is reached where they took up check-ins.
"""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.checkins import guests
from bot.checkins.messages import CheckinMessage
from bot.config import Person
from bot.notifications import Address, person_addresses, to_payload
from bot.runtime import Runtime
from storage.repositories import outbox


def key_prefix(checkin_id: int, event: str, step: int = 0) -> str:
    return f"c{checkin_id}:{event}:{step}:"


async def send(session: AsyncSession, now: datetime, prefix: str, addresses: list[Address],
               message: CheckinMessage) -> int:
    """Queue one message to each address; returns how many addresses there were."""
    for address in addresses:
        await outbox.enqueue(
            session, now,
            dedupe_key=f"{prefix}{address.key}"[:200],
            report_id=None,
            event=message.type,
            platform=address.platform,
            destination_kind=address.kind,
            destination=address.destination,
            recipient_person_id=address.person_id,
            payload=to_payload(message),
            replaces_key=None,
        )
    return len(addresses)


async def addresses_for(session: AsyncSession, runtime: Runtime, person: Person
                        ) -> list[Address]:
    """Where the person is reached directly: from the config, or where a guest was seen."""
    if not isinstance(person, guests.GuestPerson):
        return person_addresses(person, runtime.platforms)
    found = await guests.reachable(session, person)
    if found is None or found[0] not in runtime.platforms:
        return []
    return [Address(found[0], "person", found[1], person.id)]


async def to_people(session: AsyncSession, runtime: Runtime, now: datetime, prefix: str,
                    people: list[Person], message: CheckinMessage) -> int:
    addresses = [address for person in people
                 for address in await addresses_for(session, runtime, person)]
    return await send(session, now, prefix, addresses, message)
