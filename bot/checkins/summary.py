"""What people see of check-ins: managers their list and each outcome's flags (a note only if
shared); the person their own upcoming ones. Nobody sees them by holding a safeguarding role."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.actors import Actor
from bot.checkins import outcome, records
from bot.checkins.people import label, may_see_outcome, person_by_id, person_of
from bot.runtime import Runtime
from storage.repositories import checkins
from storage.wellbeing_models import Checkin

RECENT = timedelta(days=30)
"""Ended check-ins stay on the arranger's list this long (they are kept until retention)."""


@dataclass(frozen=True)
class CheckinLine:
    checkin_id: int
    person_id: str
    person_initials: str
    due_at: datetime
    zone: ZoneInfo
    state: str
    arranged_by: str
    """Initials of whoever arranged it; "self" for the person's own; "follow-up" for one
    scheduled automatically after a yes to the offer on a receipt."""
    talk: str = ""
    low_score: bool = False
    note_shared: bool = False

    @property
    def arranged_text(self) -> str:
        if self.arranged_by == "follow-up":
            return "automatic follow-up"
        return "" if self.arranged_by == "self" else f"arranged by {self.arranged_by}"

    @property
    def upcoming(self) -> bool:
        return self.state == "scheduled"


@dataclass(frozen=True)
class CheckinView:
    line: CheckinLine
    completed_at: datetime | None
    note: str | None
    """The person's own words, only when they chose to share them."""


def _line(runtime: Runtime, checkin: Checkin, with_flags: bool) -> CheckinLine:
    person = person_by_id(runtime.config, checkin.person_id)
    arranged = ("follow-up" if checkin.origin == "follow_up" else
                "self" if checkin.scheduled_by == checkin.person_id
                else label(runtime.config.person(checkin.scheduled_by)))
    flags = outcome.Flags("", False, False)
    if with_flags and checkin.state == "completed":
        flags = outcome.Flags.of(runtime.config, _answers(runtime, checkin))
    return CheckinLine(checkin.id, checkin.person_id, label(person, checkin.person_id),
                       checkin.due_at, ZoneInfo(checkin.zone), checkin.state, arranged,
                       flags.talk, flags.low_score, flags.note_shared)


def _answers(runtime: Runtime, checkin: Checkin) -> dict[str, object] | None:
    return records.open_sealed(runtime.keys, checkin.id, records.ANSWERS, checkin.answers_sealed)


async def arranged(runtime: Runtime, actor: Actor) -> list[CheckinLine]:
    """Check-ins the actor arranged or watches (not their own): upcoming, and recent outcomes."""
    me = person_of(actor)
    if me is None:
        return []
    since = runtime.clock.now() - RECENT
    async with runtime.database.readers() as session:
        found = await checkins.scheduled_by_or_watched(session, me.id, since)
    return [_line(runtime, c, may_see_outcome(me, c)) for c in found if c.person_id != me.id]


async def own(runtime: Runtime, actor: Actor) -> list[CheckinLine]:
    """The actor's own check-ins still to come or waiting for an answer (no flags)."""
    me = person_of(actor)
    if me is None:
        return []
    async with runtime.database.readers() as session:
        found = await checkins.for_person(session, me.id, ("scheduled", *checkins.ANSWERABLE))
    return [_line(runtime, c, False) for c in found]


async def view(runtime: Runtime, actor: Actor, checkin_id: int) -> CheckinView | None:
    """One outcome for someone who may see it; None otherwise (safeguarding roles included)."""
    async with runtime.database.readers() as session:
        checkin = await checkins.get(session, checkin_id)
    if checkin is None or not may_see_outcome(person_of(actor), checkin):
        return None
    answers = _answers(runtime, checkin) if checkin.state == "completed" else None
    return CheckinView(_line(runtime, checkin, True), checkin.completed_at,
                       outcome.shared_note(answers))
