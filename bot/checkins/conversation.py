"""A person answering their check-in: begin (or resume), answer, go back, stop, finish.

Runs `flows/debrief_checkin.yaml` with the ordinary flow runner, but keeps the answers on the
check-in itself (sealed), never in report tables. Reaching the end of the questions finishes
it: there is no review step to submit, because nothing is filed.
"""

from typing import Any
from zoneinfo import ZoneInfo

from bot.actors import Actor
from bot.checkins import outcome, records
from bot.checkins.people import NOBODY, kept_from, label, person_by_id, person_of
from bot.config import Person
from bot.flow.hooks import HookContext
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowInput, FlowRunner, Repeat
from bot.runtime import Runtime
from bot.ui import Notice, Reply, Summary
from storage.repositories import checkins
from storage.wellbeing_models import Checkin

FLOW_ID = "debrief_checkin"
NOTHING_OPEN = Notice("You have no check-in waiting for an answer. If you would like one, "
                      "ask your manager, or arrange one for yourself.")
STALE = Notice("That was an earlier question, so nothing was changed. Here is where your "
               "check-in is now.", tone="warning")
CROSSED = Notice("That answer crossed with another one; please answer again.", tone="warning")


def _runner(runtime: Runtime) -> FlowRunner:
    return FlowRunner(runtime.flows[FLOW_ID])


def _context(runtime: Runtime, checkin: Checkin) -> HookContext:
    return HookContext(runtime.clock.now(), ZoneInfo(checkin.zone))


async def waiting(runtime: Runtime, actor: Actor) -> Checkin | None:
    """The actor's check-in to answer: one already begun, else the latest delivered."""
    person = person_of(actor)
    if person is None:
        return None
    async with runtime.database.readers() as session:
        found = await checkins.for_person(session, person.id, checkins.ANSWERABLE)
    if not found:
        return None
    begun = [c for c in found if c.progress_sealed is not None]
    return (begun or found)[-1]


async def _own(runtime: Runtime, actor: Actor, checkin_id: int | None) -> Checkin | None:
    if checkin_id is None:
        return await waiting(runtime, actor)
    async with runtime.database.readers() as session:
        checkin = await checkins.get(session, checkin_id)
    person = person_of(actor)
    if checkin is None or person is None or person.id != checkin.person_id:
        return None
    return checkin if checkin.state in checkins.ANSWERABLE else None


async def begin(runtime: Runtime, actor: Actor, checkin_id: int | None = None) -> list[Reply]:
    """Start answering (or show where the person stopped)."""
    checkin = await _own(runtime, actor, checkin_id)
    if checkin is None:
        return [NOTHING_OPEN]
    progress = _progress(runtime, checkin)
    if progress is not None:
        return _runner(runtime).handle(progress, Repeat(), _context(runtime, checkin)).replies
    result = _runner(runtime).start(_context(runtime, checkin))
    if not await _save(runtime, checkin, result.progress):
        return [CROSSED]
    return [_intro(runtime, checkin), *result.replies]


async def respond(runtime: Runtime, actor: Actor, checkin_id: int | None, given: FlowInput,
                  shown_step: str | None = None) -> list[Reply]:
    """Apply one input. `shown_step`: the question the person saw; if the check-in has moved
    on since (an old card or form), nothing changes and the current question is shown."""
    checkin = await _own(runtime, actor, checkin_id)
    progress = _progress(runtime, checkin) if checkin is not None else None
    if checkin is None or progress is None:
        return [NOTHING_OPEN]
    runner = _runner(runtime)
    if shown_step is not None and shown_step != progress.current:
        current = runner.handle(progress, Repeat(), _context(runtime, checkin)).replies
        return [STALE, *current]
    result = runner.handle(progress, given, _context(runtime, checkin))
    if result.outcome == "submit" or result.progress.reviewing:
        return await _complete(runtime, checkin, runner.visible_answers(result.progress))
    if not await _save(runtime, checkin, result.progress):
        return [CROSSED]
    return [r for r in result.replies if not isinstance(r, Summary)]


async def decline(runtime: Runtime, actor: Actor, checkin_id: int | None = None) -> list[Reply]:
    """The person would rather not: fine. Answers so far are discarded; the arranger is told."""
    checkin = await _own(runtime, actor, checkin_id)
    if checkin is None:
        return [NOTHING_OPEN]
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        locked = await checkins.get(session, checkin.id, lock=True)
        if locked is None or locked.state not in checkins.ANSWERABLE:
            return [NOTHING_OPEN]
        if await outcome.finish(session, runtime, locked, "declined", None, now) is None:
            return [CROSSED]
    return [Notice("That's fine: thank you for letting us know. Nothing you answered was kept.",
                   title="Check-in closed"), signposting(runtime)]


async def in_progress(runtime: Runtime, actor: Actor) -> bool:
    checkin = await waiting(runtime, actor)
    return checkin is not None and checkin.progress_sealed is not None


def signposting(runtime: Runtime) -> Notice:
    lines = "\n".join(f"• {line}" for line in runtime.config.wellbeing.signposting)
    return Notice(lines, title="Support if you need it")


def _intro(runtime: Runtime, checkin: Checkin) -> Notice:
    if checkin.scheduled_by == checkin.person_id:
        who = "You arranged this check-in for yourself."
    else:
        arranged = label(runtime.config.person(checkin.scheduled_by))
        who = f"{arranged} arranged this check-in to see how you are."
    note = records.open_sealed(runtime.keys, checkin.id, records.NOTE, checkin.note_sealed)
    text = f"{who} Their note: \u201c{note}\u201d" if note else who
    return Notice(text, title="Wellbeing check-in")


async def _complete(runtime: Runtime, checkin: Checkin, answers: dict[str, Any]
                    ) -> list[Reply]:
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        locked = await checkins.get(session, checkin.id, lock=True)
        if locked is None or locked.state not in checkins.ANSWERABLE:
            return [NOTHING_OPEN]
        flags = await outcome.finish(session, runtime, locked, "completed", answers, now)
        person = person_by_id(runtime.config, checkin.person_id)
        kept = await kept_from(session, person) if person is not None else NOBODY
    if flags is None:
        return [CROSSED]
    return [Notice(_thanks(runtime, checkin, flags, person, kept), title="Thank you",
                   tone="success"), signposting(runtime)]


def _thanks(runtime: Runtime, checkin: Checkin, flags: outcome.Flags, person: Person | None,
            kept: frozenset[str]) -> str:
    text = "Thank you for checking in."
    if person is not None and flags.talk:
        names = ", ".join(label(p) for p in outcome.talk_people(runtime.config, person,
                                                                  flags.talk, kept))
        text += f" {names or 'Someone'} has been asked to get in touch with you soon."
    watchers = ", ".join(label(p) for p in outcome.watchers(runtime.config, checkin, person,
                                                             kept))
    if watchers:
        shared = ", and what you chose to share" if flags.note_shared else ""
        text += (f" {watchers} will see only that you checked in, whether you asked to talk, "
                 f"and a flag if you are having a hard time{shared}.")
    return text


def _progress(runtime: Runtime, checkin: Checkin) -> FlowProgress | None:
    state = records.open_sealed(runtime.keys, checkin.id, records.PROGRESS,
                                checkin.progress_sealed)
    return FlowProgress.from_json(state) if state else None


async def _save(runtime: Runtime, checkin: Checkin, progress: FlowProgress) -> bool:
    sealed = records.seal(runtime.keys, checkin.id, records.PROGRESS, progress.to_json())
    async with runtime.database.transaction() as session:
        return await checkins.save(session, checkin.id, checkin.version, runtime.clock.now(),
                                   progress_sealed=sealed)
