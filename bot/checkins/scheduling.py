"""Arranging check-ins: schedule, move and cancel, with permissions and clear refusals.

Each check-in has at most one pending timer, named on the check-in (`next_timer_id`): moving
or cancelling replaces or cancels it in the same transaction, and an older timer that still
fires finds it is no longer the check-in's and does nothing. A guest can be checked in on
once they have taken up a check-in (so the bot knows where to reach them). A time out of the
person's working hours is scheduled only when confirmed (bot.checkins.out_of_hours).
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from bot.checkins import guests, notify, out_of_hours, records
from bot.checkins.messages import CheckinNoticeMessage
from bot.checkins.out_of_hours import OutOfHours
from bot.checkins.people import (
    find_person,
    kept_from,
    label,
    may_manage,
    may_schedule,
    person_by_id,
    person_of,
    watchers_for,
    zone_for,
)
from bot.checkins.phrases import MAX_AHEAD, PAST_GRACE, PhraseError, parse_when
from bot.config import Person
from bot.flow.answers import format_local
from bot.runtime import Runtime
from storage.repositories import checkins
from storage.wellbeing_models import Checkin

DUE_TIMER = "checkin_due"
MAX_NOTE = 300


class ScheduleError(ValueError):
    """The check-in cannot be arranged or changed as asked; the message says why."""


class NeedsConfirmation(ScheduleError):
    """The time is out of the person's working hours: nothing was scheduled. Ask whoever is
    arranging it (the message is the question), then call again with confirmed=True."""

    def __init__(self, out: OutOfHours) -> None:
        super().__init__(out.question)
        self.out = out


def _confirmed(runtime: Runtime, person: Person, due_at: datetime, confirmed: bool) -> None:
    out = None if confirmed else out_of_hours.check(runtime.config, person, due_at)
    if out is not None:
        raise NeedsConfirmation(out)


@dataclass(frozen=True)
class Scheduled:
    checkin_id: int
    person: Person
    due_at: datetime
    zone: ZoneInfo

    @property
    def when(self) -> str:
        return f"{format_local(self.due_at, self.zone)} ({self.zone.key})"


def resolve_person(runtime: Runtime, text: str, actor: Actor | None = None) -> Person:
    """Someone from the config by id or name, or a guest by id; `me` is the actor."""
    me = person_of(actor) if actor is not None else None
    if me is not None and text.lower() in ("me", "myself"):
        return me
    person = find_person(runtime.config, text)
    if person is None:
        ids = ", ".join(p.id for p in runtime.config.people)
        raise ScheduleError(f"'{text.strip()}' is not someone in the organisation's config; "
                            f"use one of: {ids}.")
    return person


def when_from_text(runtime: Runtime, person: Person, text: str) -> datetime:
    """A phrase read in the person's time zone (else the organisation's)."""
    try:
        return parse_when(text, runtime.clock.now(), zone_for(runtime.config, person),
                          runtime.config.wellbeing.default_time)
    except PhraseError as error:
        raise ScheduleError(str(error)) from None


def _checked_time(runtime: Runtime, due_at: datetime) -> datetime:
    now = runtime.clock.now()
    if due_at.tzinfo is None:
        raise ScheduleError("That time has no time zone.")
    if due_at < now - PAST_GRACE:
        raise ScheduleError("That time has already passed; please choose a time in the future.")
    if due_at - now > MAX_AHEAD:
        raise ScheduleError("That is more than a year away; please choose a nearer time.")
    return max(due_at, now)


async def create(session: AsyncSession, runtime: Runtime, person: Person, scheduler: Person,
                 due_at: datetime, origin: str, note: str | None, now: datetime) -> Checkin:
    """Store a check-in and its due timer (the caller's transaction)."""
    checkin = await checkins.add(session, Checkin(
        person_id=person.id, scheduled_by=scheduler.id,
        watchers=watchers_for(runtime.config, scheduler, person,
                              await kept_from(session, person)), origin=origin,
        due_at=due_at, zone=zone_for(runtime.config, person).key, state="scheduled",
        delivery_round=0, created_at=now, updated_at=now, version=1,
    ))
    if note:
        checkin.note_sealed = records.seal(runtime.keys, checkin.id, records.NOTE, note)
    checkin.next_timer_id = await checkins.add_timer(session, DUE_TIMER, checkin.id, due_at, now)
    await session.flush()
    return checkin


async def schedule(runtime: Runtime, actor: Actor, person: Person, due_at: datetime,
                   note: str | None = None, confirmed: bool = False) -> Scheduled:
    """Arrange a check-in for `person` (the actor's own, or as their manager/wellbeing role).
    Out of their working hours: NeedsConfirmation, unless `confirmed`."""
    scheduler = person_of(actor)
    if scheduler is None:
        raise ScheduleError("Only people in the organisation's config can arrange check-ins.")
    if not may_schedule(runtime.config, scheduler, person):
        raise ScheduleError(f"Only {person.initials}'s manager or the wellbeing lead can arrange "
                            f"a check-in for {person.initials}; anyone can arrange their own.")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ScheduleError(f"Please keep the note under {MAX_NOTE} characters.")
    due_at = _checked_time(runtime, due_at)
    _confirmed(runtime, person, due_at, confirmed)
    now = runtime.clock.now()
    origin = "self" if scheduler.id == person.id else "manager"
    async with runtime.database.transaction() as session:
        await _reachable(session, actor, person, now)
        checkin = await create(session, runtime, person, scheduler, due_at, origin, note, now)
        if origin != "self":
            await _tell_person(session, runtime, checkin, "scheduled", scheduler, now)
    return Scheduled(checkin.id, person, due_at, zone_for(runtime.config, person))


async def _reachable(session: AsyncSession, actor: Actor, person: Person, now: datetime
                     ) -> None:
    """A guest arranging their own is remembered; for anyone else, one must be known."""
    if not isinstance(person, guests.GuestPerson):
        return
    me = person_of(actor)
    if me is not None and me.id == person.id:
        await guests.remember(session, actor.platform, actor.user_id, now)
    elif await guests.reachable(session, person) is None:
        raise ScheduleError(f"{person.initials} cannot be reached yet: a guest can be checked in "
                            "on once they have said yes to a check-in themselves.")


async def _managed(session: AsyncSession, runtime: Runtime, actor: Actor, checkin_id: int
                   ) -> Checkin:
    checkin = await checkins.get(session, checkin_id, lock=True)
    if checkin is None or not may_manage(runtime.config, person_of(actor), checkin):
        raise ScheduleError(f"There is no check-in {checkin_id} that you arranged.")
    return checkin


async def move(runtime: Runtime, actor: Actor, checkin_id: int, due_at: datetime | str,
               confirmed: bool = False) -> Scheduled:
    """Move an upcoming check-in to a new time (or a phrase, read in the check-in's zone).
    Out of the person's working hours: NeedsConfirmation, unless `confirmed`."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        checkin = await _managed(session, runtime, actor, checkin_id)
        if checkin.state != "scheduled":
            raise ScheduleError(f"Check-in {checkin_id} has already been sent, so it cannot be "
                                "moved; arrange a new one instead.")
        person = person_by_id(runtime.config, checkin.person_id)
        if person is None:
            raise ScheduleError(f"Check-in {checkin_id} is for someone no longer in the config; "
                                "cancel it instead.")
        if isinstance(due_at, str):
            try:
                due_at = parse_when(due_at, now, ZoneInfo(checkin.zone),
                                    runtime.config.wellbeing.default_time)
            except PhraseError as error:
                raise ScheduleError(str(error)) from None
        due_at = _checked_time(runtime, due_at)
        _confirmed(runtime, person, due_at, confirmed)
        await checkins.cancel_timer(session, checkin.next_timer_id)
        timer_id = await checkins.add_timer(session, DUE_TIMER, checkin.id, due_at, now)
        if not await checkins.save(session, checkin.id, checkin.version, now, due_at=due_at,
                                   next_timer_id=timer_id):
            raise ScheduleError("That check-in changed at the same moment; please try again.")
        checkin.due_at = due_at
        await _tell_person(session, runtime, checkin, "moved", person_of(actor), now)
    return Scheduled(checkin.id, person, due_at, ZoneInfo(checkin.zone))


async def cancel(runtime: Runtime, actor: Actor, checkin_id: int) -> Checkin:
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        checkin = await _managed(session, runtime, actor, checkin_id)
        if checkin.state not in ("scheduled", "delivered"):
            raise ScheduleError(f"Check-in {checkin_id} has already ended ({checkin.state}).")
        await checkins.cancel_timer(session, checkin.next_timer_id)
        if not await checkins.save(session, checkin.id, checkin.version, now, state="cancelled",
                                   next_timer_id=None, ended_at=now, progress_sealed=None):
            raise ScheduleError("That check-in changed at the same moment; please try again.")
        await _tell_person(session, runtime, checkin, "cancelled", person_of(actor), now)
    return checkin


async def _tell_person(session: AsyncSession, runtime: Runtime, checkin: Checkin, change: str,
                       by: Person | None, now: datetime) -> None:
    """Tell the person their check-in changed, unless they changed it themselves."""
    person = person_by_id(runtime.config, checkin.person_id)
    if person is None or by is None or by.id == person.id:
        return
    message = CheckinNoticeMessage(checkin_id=checkin.id, change=change,
                                   due_at=checkin.due_at.isoformat(), zone=checkin.zone,
                                   by_initials=label(by))
    step = checkin.version + 1  # each change is its own notice
    await notify.to_people(session, runtime, now, notify.key_prefix(checkin.id, change, step),
                           [person], message)
