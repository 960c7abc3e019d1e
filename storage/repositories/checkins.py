"""Check-ins, their offers, their timers and their outbox rows: every query the feature makes."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, cast, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage, Timer
from storage.repositories import rows
from storage.wellbeing_models import Checkin, CheckinGuest, CheckinOffer

ENDED = ("completed", "declined", "no_response", "undeliverable", "cancelled")
UPCOMING = ("scheduled",)
ANSWERABLE = ("delivered", "no_response")


async def add(session: AsyncSession, checkin: Checkin) -> Checkin:
    session.add(checkin)
    await session.flush()
    return checkin


async def get(session: AsyncSession, checkin_id: int, lock: bool = False) -> Checkin | None:
    query = select(Checkin).where(Checkin.id == checkin_id)
    if lock:
        query = query.with_for_update()
    return (await session.execute(query)).scalars().first()


async def scheduled_by_or_watched(session: AsyncSession, person_id: str, since: datetime
                                  ) -> list[Checkin]:
    """Check-ins this person arranged or watches: every upcoming one, and those ended since."""
    watched = cast(Checkin.watchers, String).contains(f'"{person_id}"', autoescape=True)
    query = (
        select(Checkin)
        .where(or_(Checkin.scheduled_by == person_id, watched))
        .where(or_(Checkin.ended_at.is_(None), Checkin.ended_at >= since))
        .order_by(Checkin.due_at, Checkin.id)
    )
    found = (await session.execute(query)).scalars()
    return [c for c in found if c.scheduled_by == person_id or person_id in c.watchers]


async def for_person(session: AsyncSession, person_id: str, states: Sequence[str]
                     ) -> list[Checkin]:
    query = (select(Checkin).where(Checkin.person_id == person_id, Checkin.state.in_(states))
             .order_by(Checkin.due_at, Checkin.id))
    return list((await session.execute(query)).scalars())


async def save(session: AsyncSession, checkin_id: int, version: int, now: datetime,
               **values: Any) -> bool:
    """Change a check-in only if nobody else has since (its version still matches)."""
    result = await session.execute(
        update(Checkin)
        .where(Checkin.id == checkin_id, Checkin.version == version)
        .values(version=version + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


# -- timers: one pending timer per check-in, named by its id on the check-in ---------------


async def add_timer(session: AsyncSession, kind: str, checkin_id: int, due_at: datetime,
                    now: datetime) -> int:
    timer = Timer(kind=kind, report_id=None, step=1, due_at=due_at, status="pending",
                  payload={"checkin_id": checkin_id}, created_at=now)
    session.add(timer)
    await session.flush()
    return timer.id


async def cancel_timer(session: AsyncSession, timer_id: int | None) -> None:
    if timer_id is None:
        return
    await session.execute(
        update(Timer)
        .where(Timer.id == timer_id, Timer.status == "pending")
        .values(status="cancelled", lease_token=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )


# -- the outbox rows a check-in wrote ----------------------------------------------------------


async def delivery_statuses(session: AsyncSession, key_prefix: str) -> list[str]:
    """The status of every outbox row whose dedupe key starts with this prefix."""
    result = await session.execute(
        select(OutboxMessage.status).where(OutboxMessage.dedupe_key.startswith(key_prefix,
                                                                                autoescape=True))
    )
    return list(result.scalars())


# -- offers ----------------------------------------------------------------------------------


async def add_offer(session: AsyncSession, token: str, person_id: str, now: datetime
                    ) -> CheckinOffer:
    offer = CheckinOffer(token=token, person_id=person_id, created_at=now)
    await rows.add(session, offer)  # a prebuilt plain INSERT, not a flush
    return offer


async def offer_by_token(session: AsyncSession, token: str) -> CheckinOffer | None:
    result = await session.execute(select(CheckinOffer).where(CheckinOffer.token == token))
    return result.scalars().first()


async def latest_offer(session: AsyncSession, person_id: str) -> CheckinOffer | None:
    result = await session.execute(
        select(CheckinOffer).where(CheckinOffer.person_id == person_id)
        .order_by(CheckinOffer.created_at.desc(), CheckinOffer.id.desc()).limit(1)
    )
    return result.scalars().first()


async def offer_counts(session: AsyncSession, start: datetime, end: datetime
                       ) -> tuple[int, int]:
    """Offers made in [start, end), and how many of them were answered yes."""
    yes = func.sum(func.coalesce(cast(CheckinOffer.answer == "yes", Integer), 0))
    result = await session.execute(
        select(func.count(CheckinOffer.id), yes)
        .where(CheckinOffer.created_at >= start, CheckinOffer.created_at < end))
    offered, taken_up = result.one()
    return int(offered or 0), int(taken_up or 0)


async def answer_offer(session: AsyncSession, offer_id: int, answer: str, now: datetime
                       ) -> bool:
    """Record the answer once: False if it was already answered (a double click, a retry)."""
    result = await session.execute(
        update(CheckinOffer)
        .where(CheckinOffer.id == offer_id, CheckinOffer.answer.is_(None))
        .values(answer=answer, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


# -- guests: where to reach people outside the config -----------------------------------------


async def remember_guest(session: AsyncSession, guest_id: str, platform: str, user_id: str,
                         now: datetime) -> None:
    """Store where a guest is reached (once; later calls only note when they were seen)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(CheckinGuest).values(id=guest_id, platform=platform, user_id=user_id,
                                            created_at=now, seen_at=now)
    await session.execute(statement.on_conflict_do_update(index_elements=[CheckinGuest.id],
                                                          set_={"seen_at": now}))


async def guest(session: AsyncSession, guest_id: str) -> CheckinGuest | None:
    return await session.get(CheckinGuest, guest_id)


async def remove_unused_guests(session: AsyncSession) -> int:
    """Forget guests none of whose check-ins or offers remain."""
    result = await session.execute(
        delete(CheckinGuest)
        .where(CheckinGuest.id.not_in(select(Checkin.person_id)),
               CheckinGuest.id.not_in(select(CheckinOffer.person_id)))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# -- retention ----------------------------------------------------------------------------------


async def ended_before(session: AsyncSession, cutoff: datetime, limit: int) -> list[int]:
    result = await session.execute(
        select(Checkin.id).where(Checkin.state.in_(ENDED), Checkin.ended_at < cutoff)
        .order_by(Checkin.id).limit(limit)
    )
    return list(result.scalars())


async def remove(session: AsyncSession, checkin_ids: list[int]) -> None:
    """Delete check-ins with their finished outbox rows (their payloads carry flags)."""
    for checkin_id in checkin_ids:
        await session.execute(
            delete(OutboxMessage)
            .where(OutboxMessage.dedupe_key.startswith(f"c{checkin_id}:", autoescape=True),
                   OutboxMessage.status.in_(("sent", "failed")))
            .execution_options(synchronize_session=False)
        )
    await session.execute(delete(Checkin).where(Checkin.id.in_(checkin_ids))
                          .execution_options(synchronize_session=False))


async def remove_offers_before(session: AsyncSession, cutoff: datetime) -> int:
    old = list((await session.execute(
        select(CheckinOffer.id).where(CheckinOffer.created_at < cutoff))).scalars())
    for offer_id in old:
        await session.execute(
            delete(OutboxMessage)
            .where(OutboxMessage.dedupe_key.startswith(f"o{offer_id}:", autoescape=True),
                   OutboxMessage.status.in_(("sent", "failed")))
            .execution_options(synchronize_session=False)
        )
    if old:
        await session.execute(delete(CheckinOffer).where(CheckinOffer.id.in_(old))
                              .execution_options(synchronize_session=False))
    return len(old)
