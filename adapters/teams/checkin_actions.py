"""Check-ins in Teams: card buttons (`checkin.*`) and typed words in a personal chat:
`debrief PERSON [WHEN]`, `debrief me WHEN`, `debrief list`, `checkin`."""

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.teams import dispatch
from adapters.teams.activities import CardAction
from adapters.teams.checkin_cards import (
    CONFIRM,
    DATE,
    TIME,
    schedule_card,
    text_panel,
)
from adapters.teams.invoke import card_response, message_response
from adapters.teams.turn import Turn
from bot.checkins import scheduling
from bot.checkins.cards import LIST
from bot.checkins.people import label, zone_for
from bot.checkins.questions import START
from bot.checkins.scheduling import NeedsConfirmation, ScheduleError
from bot.flow.answers import AnswerError, parse_date_text, parse_time_text

log = logging.getLogger(__name__)
HELP = ("Type debrief NAME to arrange a wellbeing check-in for someone you manage (or debrief "
        "NAME tomorrow 16:00), debrief me friday 2pm for your own, or debrief list.")


def _number(data: dict[str, Any]) -> int | None:
    """The check-in a button is about: a number, or its digits (a core card's button)."""
    value = data.get("checkin")
    if isinstance(value, str) and value.isdigit() and len(value) < 19:
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _picked(data: dict[str, Any], zone: ZoneInfo, now: datetime) -> datetime:
    try:
        day = parse_date_text(str(data.get(DATE) or ""), now.astimezone(zone).date())
        at = parse_time_text(str(data.get(TIME) or ""))
    except AnswerError as error:
        raise ScheduleError(str(error)) from None
    return datetime.combine(day, at, zone)


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    try:
        return await _act(turn, action)
    except NeedsConfirmation as asked:  # out of working hours: the form again, asking
        return card_response(_asking(turn, action.data, asked))
    except ScheduleError as error:
        return card_response(text_panel(str(error), "warning"))


async def _act(turn: Turn, action: CardAction) -> dict[str, Any]:
    runtime, actor, data, verb = turn.runtime, turn.actor, action.data, action.verb
    number = _number(data)
    if verb == "checkin.schedule":
        person = scheduling.resolve_person(runtime, str(data.get("person") or ""))
        due = _picked(data, zone_for(runtime.config, person), runtime.clock.now())
        done = await scheduling.schedule(runtime, actor, person, due, _note(data),
                                         confirmed=_confirmed(data))
        return card_response(text_panel(_scheduled(done, turn), "success"))
    if number is None:
        return message_response("That button could not be understood; nothing was changed.")
    if verb == "checkin.moveform":
        return card_response(schedule_card("", f"#{number}", None, moving=number))
    if verb == "checkin.move":
        phrase = f"{data.get(DATE) or ''} {data.get(TIME) or ''}"  # read in the check-in's zone
        done = await scheduling.move(runtime, actor, number, phrase, confirmed=_confirmed(data))
        return card_response(text_panel(f"Check-in #{done.checkin_id} moved to {done.when}.",
                                        "success"))
    return message_response("That button could not be understood; nothing was changed.")


def _note(data: dict[str, Any]) -> str | None:
    note = data.get("note")
    return note if isinstance(note, str) else None


def _confirmed(data: dict[str, Any]) -> bool:
    return data.get(CONFIRM) == "true"


def _asking(turn: Turn, data: dict[str, Any], asked: NeedsConfirmation) -> dict[str, Any]:
    """The schedule (or move) card again, filled in, with the core's question and a toggle."""
    number = _number(data)
    if number is not None:
        return schedule_card("", f"#{number}", None, moving=number, asked=asked.out)
    person = scheduling.resolve_person(turn.runtime, str(data.get("person") or ""))
    return schedule_card(person.id, person.initials, None, asked=asked.out, note=_note(data))


def _scheduled(done: scheduling.Scheduled, turn: Turn) -> str:
    whose = "your own" if done.person.id == turn.actor.person_id else f"{label(done.person)}'s"
    return f"Scheduled {whose} wellbeing check-in for {done.when}."


async def on_words(turn: Turn, words: list[str]) -> None:
    """Typed `debrief ...` or `checkin` in a personal chat."""
    runtime = turn.runtime
    if words[:1] == ["checkin"]:
        await dispatch.on_words(turn, turn.bot.interactions, START, "")
        return
    rest = words[1:]
    try:
        if rest == ["list"]:
            await dispatch.on_words(turn, turn.bot.interactions, LIST, "")
        elif not rest:
            await turn.reply(text_panel(HELP))
        else:
            person = scheduling.resolve_person(runtime, rest[0], turn.actor)
            if len(rest) == 1:
                await turn.reply(schedule_card(person.id, person.initials,
                                               zone_for(runtime.config, person)))
                return
            due = scheduling.when_from_text(runtime, person, " ".join(rest[1:]))
            done = await scheduling.schedule(runtime, turn.actor, person, due)
            await turn.reply(text_panel(_scheduled(done, turn), "success"))
    except NeedsConfirmation as asked:
        await turn.reply(schedule_card(person.id, person.initials, None, asked=asked.out))
    except ScheduleError as error:
        await turn.reply(text_panel(str(error), "warning"))
