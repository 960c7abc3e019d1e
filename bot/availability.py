"""Who is away: planned absences from the config and `/away` set through the bot."""

from datetime import datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.actors import Actor
from bot.durations import parse_duration
from bot.flow.answers import AnswerError, parse_date_text, parse_time_text
from bot.runtime import Runtime
from storage.repositories import absences

MAX_AWAY = timedelta(days=366)


class AwayError(ValueError):
    """The `/away` request cannot be understood or accepted; the message says why."""


async def away_people(session: AsyncSession, runtime: Runtime, now: datetime) -> set[str]:
    zone = runtime.config.organisation.zone
    today = now.astimezone(zone).date()
    planned = {a.person for a in runtime.config.absences if a.start <= today <= a.until}
    return planned | await absences.away_at(session, now)


def parse_until(text: str, runtime: Runtime, now: datetime) -> datetime:
    """`until 2026-12-24`, `until friday`-style dates with an optional time, or `3d` / `4h`."""
    words = text.strip().lower().split()
    if not words:
        raise AwayError("Say how long, e.g. /away until 2026-12-24, or /away 3d.")
    zone = runtime.config.organisation.zone
    if words[0] != "until":
        try:
            return now + parse_duration(" ".join(words))
        except ValueError as error:
            raise AwayError(f"{error}. Try /away until 2026-12-24 or /away 3d.") from None
    try:
        day = parse_date_text(words[1] if len(words) > 1 else "", now.astimezone(zone).date())
        at = parse_time_text(words[2]) if len(words) > 2 else time(23, 59)
    except AnswerError as error:
        raise AwayError(str(error)) from None
    return datetime.combine(day, at, zone)


async def set_away(runtime: Runtime, actor: Actor, text: str) -> datetime:
    """Mark the actor away until the given time; returns when they are back."""
    if actor.person is None:
        raise AwayError("Only people in the organisation's config can be marked away.")
    now = runtime.clock.now()
    until = parse_until(text, runtime, now)
    if until <= now:
        raise AwayError("That time has already passed.")
    if until - now > MAX_AWAY:
        raise AwayError("Absences longer than a year belong in the config file.")
    async with runtime.database.transaction() as session:
        await absences.add(session, actor.person.id, now, until, now, actor.person.id)
        await auditing.record(session, now, "away_set", actor, until=until.isoformat())
    return until


async def set_back(runtime: Runtime, actor: Actor) -> int:
    if actor.person is None:
        return 0
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        ended = await absences.end(session, actor.person.id, now)
        await auditing.record(session, now, "away_ended", actor)
    return ended

