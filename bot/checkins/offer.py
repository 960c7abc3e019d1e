"""The offer on every report receipt: "Would you like someone to check in with you?"

Recorded in the report's own transaction and carried by the receipt as an opaque token; the
offer row keeps no link to the report. Yes tells the reporter's manager (else
the wellbeing role) with a one-click way to arrange it, and schedules the organisation's
default follow-ups, each at a working time in the person's own zone (bot.working_time).
Never the manager (or anyone) an open report by this person is about: the wellbeing role
hears instead (bot.access).
Guests (reporters outside the config) are offered one too: yes stores where to reach them,
and tells the wellbeing role.
"""

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from bot.checkins import guests, notify, scheduling
from bot.checkins.messages import CheckinRequestedMessage
from bot.checkins.people import contacts_for, kept_from, person_of, zone_for
from bot.config import Person
from bot.runtime import Runtime
from bot.working_time.timing import calendar_for, routine_waits
from storage.models import Report
from storage.repositories import checkins

YES = "yes"
NOT_NOW = "not_now"


@dataclass(frozen=True)
class OfferAnswer:
    status: str
    """yes, not_now, already (answered before: `answer` says how) or none (no offer)."""
    answer: str | None = None
    told: tuple[Person, ...] = ()
    follow_ups: tuple[datetime, ...] = field(default_factory=tuple)
    zone: ZoneInfo | None = None


async def offer_after_report(session: AsyncSession, runtime: Runtime, report: Report,
                             now: datetime) -> str:
    """Record an offer for a real report (never for practice) by someone in the config or a
    guest, in the report's transaction; returns its token for the receipt ("" when none)."""
    if report.is_practice:
        return ""
    reporter = Actor(report.reporter_platform, report.reporter_user_id,
                     runtime.config.person(report.reporter_person_id or ""))
    if report.reporter_person_id and reporter.person is None:
        return ""
    person = person_of(reporter)
    if person is None:
        return ""
    offer = await checkins.add_offer(session, secrets.token_urlsafe(18), person.id, now)
    return offer.token


def later(moment: datetime, after: timedelta, zone: ZoneInfo) -> datetime:
    """Whole days keep the local time of day across a clock change; hours are elapsed time."""
    if after % timedelta(days=1):
        return moment + after
    local = moment.astimezone(zone)
    return datetime.combine(local.date() + after, local.time(), zone).astimezone(UTC)


def within_hours(moment: datetime, zone: ZoneInfo, earliest: time, latest: time) -> datetime:
    """Move a moment outside earliest–latest to the next earliest (time of day only: used
    when [working_hours] routine_waits is off)."""
    local = moment.astimezone(zone)
    if local.time() < earliest:
        return datetime.combine(local.date(), earliest, zone).astimezone(UTC)
    if local.time() > latest:
        return datetime.combine(local.date() + timedelta(days=1), earliest, zone).astimezone(UTC)
    return moment


def follow_up_time(runtime: Runtime, person: Person, moment: datetime) -> datetime:
    """When an automatic follow-up wanted at `moment` is sent: the next working time in the
    person's own zone (never a day off or a public holiday), inside the wellbeing
    earliest–latest hours."""
    config = runtime.config
    settings = config.wellbeing
    if not routine_waits(config):
        return within_hours(moment, zone_for(config, person), settings.earliest, settings.latest)
    calendar = calendar_for(config, person.id).narrowed(settings.earliest, settings.latest)
    return calendar.next_working_time(moment)


async def answer(runtime: Runtime, actor: Actor, choice: str, token: str | None = None
                 ) -> OfferAnswer:
    """Answer an offer (by its token, or the actor's latest); only once."""
    person = person_of(actor)
    if person is None or choice not in (YES, NOT_NOW):
        return OfferAnswer("none")
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        offer = (await checkins.offer_by_token(session, token) if token
                 else await checkins.latest_offer(session, person.id))
        if offer is None or offer.person_id != person.id:
            return OfferAnswer("none")
        if offer.answer is not None or not await checkins.answer_offer(session, offer.id,
                                                                       choice, now):
            return OfferAnswer("already", offer.answer or choice)
        if choice == NOT_NOW:
            return OfferAnswer(NOT_NOW, NOT_NOW)
        if guests.is_guest(person):
            await guests.remember(session, actor.platform, actor.user_id, now)
        follow_ups = await _follow_ups(session, runtime, person, now)
        told = contacts_for(runtime.config, person, await kept_from(session, person))
        zone = zone_for(runtime.config, person)
        message = CheckinRequestedMessage(person.id, person.initials,
                                          tuple(m.isoformat() for m in follow_ups), zone.key)
        await notify.to_people(session, runtime, now, f"o{offer.id}:requested:0:", told, message)
    return OfferAnswer(YES, YES, tuple(told), tuple(follow_ups), zone)


async def _follow_ups(session: AsyncSession, runtime: Runtime, person: Person, now: datetime
                      ) -> list[datetime]:
    settings = runtime.config.wellbeing
    zone = zone_for(runtime.config, person)
    moments: list[datetime] = []
    for after in settings.follow_ups:
        due = follow_up_time(runtime, person, later(now, after, zone))
        if due in moments:
            continue  # held to the same working time as another one: one is enough
        await scheduling.create(session, runtime, person, person, due, "follow_up", None, now)
        moments.append(due)
    return moments
