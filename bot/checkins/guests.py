"""Guests in check-ins: platform users who are not in the organisation's config (Slack single-
or multi-channel guests, Teams guest users, volunteers).

A guest gets a stable person id for check-ins, `guest-` and a short hash of their platform and
user id, so offers, check-ins and their answers are theirs alone (another guest's id differs).
They hold no roles and have no manager, so the wellbeing role hears about their check-ins.
Where to reach them is stored (`checkin_guests`) when they say yes to an offer or arrange one
for themselves, and read when something is sent to them.
"""

import hashlib
import re
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Person
from bot.runtime import Runtime
from storage.repositories import checkins

PREFIX = "guest-"
MAX_USER_ID = 200
"""Longer platform ids cannot be addressed by the outbox: such a user is not offered check-ins."""
_ID = re.compile(r"guest-[0-9a-f]{16}")


class GuestPerson(Person):
    """A guest as check-ins see them: no roles, no manager, named "Guest" and a short code."""

    @property
    def initials(self) -> str:
        return f"Guest {self.id.removeprefix(PREFIX)[:4].upper()}"


def guest_id(platform: str, user_id: str) -> str:
    digest = hashlib.sha256(f"{platform}\n{user_id}".encode()).hexdigest()
    return PREFIX + digest[:16]


def is_guest_id(text: str) -> bool:
    return _ID.fullmatch(text) is not None


def guest_by_id(person_id: str) -> GuestPerson | None:
    """The guest with this id (None when it is not a guest id)."""
    if not is_guest_id(person_id):
        return None
    return GuestPerson(id=person_id, name="Guest", roles=[])


def guest_for(platform: str, user_id: str) -> GuestPerson | None:
    """The guest a platform user is (None without a usable user id)."""
    if not user_id or len(user_id) > MAX_USER_ID:
        return None
    return guest_by_id(guest_id(platform, user_id))


def is_guest(person: Person | None) -> bool:
    return isinstance(person, GuestPerson)


async def remember(session: AsyncSession, platform: str, user_id: str, now: datetime) -> None:
    """Store where this guest is reached (the caller's transaction)."""
    await checkins.remember_guest(session, guest_id(platform, user_id), platform, user_id, now)


async def reachable(session: AsyncSession, person: GuestPerson) -> tuple[str, str] | None:
    """(platform, user id) where the guest is reached, if they ever took up a check-in."""
    found = await checkins.guest(session, person.id)
    return (found.platform, found.user_id) if found is not None else None


async def reached_at(runtime: Runtime, person: GuestPerson) -> tuple[str, str] | None:
    """reachable(), read on its own."""
    async with runtime.database.readers() as session:
        return await reachable(session, person)
