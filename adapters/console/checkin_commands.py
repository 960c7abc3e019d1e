"""Console commands for wellbeing check-ins, and answering one line by line.

  /debrief PERSON WHEN [-- NOTE]   arrange a check-in (WHEN: tomorrow 16:00, friday 2pm, ...)
  /debrief list | move N WHEN | cancel N | view N
  /checkin [yes | not-now | stop]  answer your check-in, or the offer on a receipt

A time out of the person's working hours is asked about first; the next line answers.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from adapters.console.commands import UsageError, parse_flow_input
from adapters.console.render import render
from bot.actors import Actor
from bot.checkins import conversation, out_of_hours, scheduling
from bot.checkins.arrange import moved_text, scheduled_text
from bot.checkins.cards import CANCEL, LIST, OFFER_NOT_NOW, OFFER_YES, READ
from bot.checkins.scheduling import NeedsConfirmation, ScheduleError
from bot.config import Person
from bot.ui import Reply

if TYPE_CHECKING:
    from adapters.console.app import ConsoleSession

Handler = Callable[[tuple[str, ...]], Awaitable[None]]
USAGE = ("Usage: /debrief PERSON WHEN [-- NOTE] (e.g. /debrief alex tomorrow 16:00), "
         "/debrief list, /debrief move N WHEN, /debrief cancel N, /debrief view N")
STOP_WORDS = {"stop", "decline", "no-thanks", "no"}


@dataclass(frozen=True)
class PendingCheckin:
    """A check-in time out of hours, waiting for the next line to confirm it."""

    actor: Actor
    due_at: datetime
    person: Person | None = None
    note: str | None = None
    moving: int | None = None

    async def confirm(self, session: "ConsoleSession") -> None:
        runtime = session.runtime
        if self.moving is not None:
            moved = await scheduling.move(runtime, self.actor, self.moving, self.due_at,
                                          confirmed=True)
            session.write(moved_text(moved))
        elif self.person is not None:
            done = await scheduling.schedule(runtime, self.actor, self.person, self.due_at,
                                             self.note, confirmed=True)
            session.write(_scheduled_text(done, self.actor))


def _ask(session: "ConsoleSession", asked: NeedsConfirmation, pending: PendingCheckin) -> None:
    session.pending_checkin = pending
    session.write(f"? {asked.out.question}")
    session.write(out_of_hours.TYPE_TO_CONFIRM)


def _scheduled_text(done: scheduling.Scheduled, actor: Actor) -> str:
    return scheduled_text(done, actor, numbered=True)


def _number(text: str) -> int:
    cleaned = text.lstrip("#")
    if not cleaned.isdigit():
        raise UsageError(f"'{text}' is not a check-in number (see /debrief list).")
    return int(cleaned)


def commands(session: "ConsoleSession") -> dict[str, Handler]:
    runtime = session.runtime

    def show(replies: list[Reply]) -> None:
        for reply in replies:
            session.write(render(reply))

    async def debrief(args: tuple[str, ...]) -> None:
        words = [a.lower() for a in args]
        try:
            if not words:
                raise UsageError(USAGE)
            if words[0] == "list" and len(words) == 1:
                await session.perform(LIST)
            elif words[0] == "view" and len(words) == 2:
                await session.perform(READ, checkin=str(_number(words[1])))
            elif words[0] == "cancel" and len(words) == 2:
                await session.perform(CANCEL, checkin=str(_number(words[1])))
            elif words[0] == "move" and len(words) >= 3:
                await _move(_number(words[1]), " ".join(args[2:]))
            else:
                await _schedule(args)
        except ScheduleError as error:
            session.write(f"x {error}")

    async def _schedule(args: tuple[str, ...]) -> None:
        text, _, note = " ".join(args).partition(" -- ")
        target, *phrase = text.split()
        if not phrase:
            raise UsageError(USAGE)
        person = scheduling.resolve_person(runtime, target, session.actor)
        due = scheduling.when_from_text(runtime, person, " ".join(phrase))
        try:
            done = await scheduling.schedule(runtime, session.actor, person, due, note)
        except NeedsConfirmation as asked:
            _ask(session, asked, PendingCheckin(session.actor, asked.out.due_at, person, note))
            return
        session.write(_scheduled_text(done, session.actor))

    async def _move(number: int, phrase: str) -> None:
        try:
            done = await scheduling.move(runtime, session.actor, number, phrase)
        except NeedsConfirmation as asked:
            _ask(session, asked, PendingCheckin(session.actor, asked.out.due_at, moving=number))
            return
        session.write(moved_text(done))

    async def checkin(args: tuple[str, ...]) -> None:
        word = "-".join(a.lower() for a in args)
        if word in ("yes", "not-now", "notnow", "later"):
            await session.perform(OFFER_YES if word == "yes" else OFFER_NOT_NOW)
        elif word in STOP_WORDS:
            show(await conversation.decline(runtime, session.actor))
        elif not word:
            show(await conversation.begin(runtime, session.actor))
        else:
            raise UsageError("Usage: /checkin (answer your check-in), /checkin stop, or "
                             "/checkin yes | not-now (the offer on a receipt)")

    return {"debrief": debrief, "checkin": checkin}


async def confirm_line(session: "ConsoleSession", line: str) -> bool:
    """The line after an out-of-hours check-in time: yes schedules it; anything else does not.
    False when nothing is waiting for confirmation."""
    pending = session.pending_checkin
    if pending is None:
        return False
    session.pending_checkin = None
    if line.strip().lower() not in out_of_hours.CONFIRM_WORDS:
        session.write(out_of_hours.NOT_SCHEDULED)
        return True
    try:
        await pending.confirm(session)
    except ScheduleError as error:
        session.write(f"x {error}")
    return True


async def answer_line(session: "ConsoleSession", line: str) -> bool:
    """Take a typed line as an answer to the check-in being answered; False if there is none."""
    if not await conversation.in_progress(session.runtime, session.actor):
        return False
    given = parse_flow_input(line)
    if given == "cancel" or line.strip().lower() == "stop":
        replies = await conversation.decline(session.runtime, session.actor)
    elif isinstance(given, str):
        return True
    else:
        replies = await conversation.respond(session.runtime, session.actor, None, given)
    for reply in replies:
        session.write(render(reply))
    return True
