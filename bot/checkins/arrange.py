"""Arranging and moving a check-in, declared once for every surface: the form (who, when, a
note; and, for a time out of their working hours, a box to tick to send it then anyway), and
what submitting it does. Typed with a time (`/debrief alex tomorrow 16:00`), it schedules at
once; typed without one, or from the button on a check-in request, it opens the form."""

from datetime import datetime

from bot.actors import Actor
from bot.checkins import scheduling
from bot.checkins.cards import ARRANGE, MOVE
from bot.checkins.out_of_hours import CONFIRM_HEADING, CONFIRM_LABEL, OutOfHours
from bot.checkins.people import (
    label,
    may_schedule,
    person_by_id,
    person_of,
    platform_person,
    zone_for,
)
from bot.checkins.scheduling import MAX_NOTE, NeedsConfirmation, ScheduleError
from bot.checkins.wording import typed
from bot.config import Person
from bot.runtime import Runtime
from bot.ui.actions import ConsoleCommand, Interaction, Outcome, Request
from bot.ui.cards import Card, Panel, Text
from bot.ui.forms import Choice, Form, Input

PERSON, WHEN, NOTE, CONFIRM = "person", "when", "note", "confirm"
CONFIRMED = "yes"
TITLE = "Wellbeing check-in"
INTRO = ("A short, voluntary wellbeing check-in: the person gets a direct message at the time "
         "you choose. Only their manager or the wellbeing lead can arrange one for someone "
         "else; anyone can arrange one for themselves.")
NOTE_HINT = "Shown to them when the check-in opens, e.g. \"after Tuesday's group\"."
NOT_YOURS = ("Choose yourself, or someone you manage (the wellbeing lead can choose anyone in "
             "the organisation).")
CHOOSE_TIME = "Choose a date and time."


def arrange_help(platform: str) -> str:
    debrief = typed(platform, "debrief")
    who = "@person" if platform == "slack" else "NAME"
    return (f"{debrief} {who} opens a form to arrange a short wellbeing check-in for them (or "
            f"{debrief} {who} tomorrow 16:00 arranges it straight away); {debrief} me for your "
            f"own; {debrief} list shows the check-ins you arranged, to move or cancel them.")


def scheduled_text(done: scheduling.Scheduled, actor: Actor, numbered: bool = False) -> str:
    whose = "your own" if done.person.id == actor.person_id else f"{label(done.person)}'s"
    number = f" #{done.checkin_id}" if numbered else ""
    return f"Scheduled {whose} wellbeing check-in{number} for {done.when}."


def moved_text(done: scheduling.Scheduled) -> str:
    return f"Check-in #{done.checkin_id} moved to {done.when}."


def _when_inputs(runtime: Runtime, person: Person | None, at: datetime | None,
                 asked: OutOfHours | None) -> list[Input]:
    zone = asked.zone if asked is not None else zone_for(runtime.config, person)
    moment = asked.due_at if asked is not None else at
    inputs = [Input(WHEN, f"When ({zone.key})", "datetime",
                    initial=moment.astimezone(zone).isoformat() if moment else None)]
    if asked is not None:
        inputs.append(Input(CONFIRM, CONFIRM_HEADING, "checkbox", False,
                            (Choice(CONFIRMED, CONFIRM_LABEL),)))
    return inputs


def _intro(asked: OutOfHours | None) -> tuple[Panel | Text, ...]:
    return (Text(INTRO), *((Panel("warning", (Text(asked.question),)),) if asked else ()))


def arrange_form(runtime: Runtime, actor: Actor, person: Person | None,
                 at: datetime | None = None, note: str | None = None,
                 asked: OutOfHours | None = None) -> Form:
    """Who (the person, or those the actor may choose), when, a note, and the confirmation."""
    config = runtime.config
    me = person_of(actor)
    people = [person] if person is not None else [p for p in config.people
                                                  if may_schedule(config, me, p)]
    who = Input(PERSON, "Who", "person", options=tuple(Choice(p.id, p.initials) for p in people),
                initial=person.id if person else None)
    note_input = Input(NOTE, "A note for them", required=False, hint=NOTE_HINT,
                       max_length=MAX_NOTE, initial=note)
    args = (("person", person.id),) if person else ()
    return Form(ARRANGE, TITLE, "Schedule",
                (who, *_when_inputs(runtime, person, at, asked), note_input), args, _intro(asked))


def move_form(runtime: Runtime, number: int, asked: OutOfHours | None = None) -> Form:
    return Form(MOVE, "Move check-in", "Move", tuple(_when_inputs(runtime, None, None, asked)),
                (("checkin", str(number)),), _intro(asked))


def _person(runtime: Runtime, request: Request) -> Person | None:
    """By id (a form, a button), a name or `me` (typed), or a platform user (a mention)."""
    user = request.arg("user", 120)
    if user:
        return platform_person(runtime.config, request.actor.platform, user)
    given = request.value(PERSON) or request.arg("person", 120)
    found = person_by_id(runtime.config, given) if given else None
    if found is not None or not given:
        return found
    try:
        return scheduling.resolve_person(runtime, given, request.actor)
    except ScheduleError:
        return None


def _when(runtime: Runtime, person: Person | None, request: Request) -> datetime | None:
    """From the form (exact, or a local date and time in the person's zone), or typed words."""
    picked = request.value(WHEN)
    if picked:
        try:
            moment = datetime.fromisoformat(picked)
        except ValueError:
            raise ScheduleError(CHOOSE_TIME) from None
        zone = zone_for(runtime.config, person)
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    phrase = request.arg("text", 200)
    return scheduling.when_from_text(runtime, person, phrase) if phrase and person else None


def _confirmed(request: Request) -> bool:
    found = request.values.get(CONFIRM)
    return found == CONFIRMED or (isinstance(found, list | tuple) and CONFIRMED in found)


def _done(text: str) -> Card:
    return Card(TITLE, text, (Panel("success", (Text(text),)),), "success")


async def _open(runtime: Runtime, request: Request) -> Outcome:
    """Typed with a time: arrange it now. Otherwise the form, with the person filled in."""
    if request.arg("text"):
        return await _arrange(runtime, request)
    return Outcome(show=arrange_form(runtime, request.actor, _person(runtime, request)))


async def _arrange(runtime: Runtime, request: Request) -> Outcome:
    person = _person(runtime, request)
    note = request.value(NOTE) or None
    form = arrange_form(runtime, request.actor, person, note=note)
    if person is None:
        typed = (f"{request.arg('person', 40)!r} is not someone in the organisation's config."
                 if request.arg("person") else "Choose someone from the organisation.")
        return _refused(request, form, PERSON, typed if request.typed else NOT_YOURS)
    if not request.typed and not may_schedule(runtime.config, person_of(request.actor), person):
        return Outcome(show=form.with_error(PERSON, NOT_YOURS))
    try:
        due = _when(runtime, person, request)
        if due is None:
            return _refused(request, form, WHEN, CHOOSE_TIME)
        done = await scheduling.schedule(runtime, request.actor, person, due, note,
                                         confirmed=_confirmed(request))
    except NeedsConfirmation as asked:
        return Outcome(show=arrange_form(runtime, request.actor, person, note=note,
                                         asked=asked.out))
    except ScheduleError as error:
        return _refused(request, form, WHEN, str(error))
    text = scheduled_text(done, request.actor)
    return Outcome(tell=text, tone="success") if request.typed else Outcome(show=_done(text))


def _refused(request: Request, form: Form, input_id: str, text: str) -> Outcome:
    """Typed: a line saying why. From the form: the form again, saying why where it applies."""
    if request.typed:
        return Outcome(tell=text, tone="error")
    return Outcome(show=form.filled(dict(request.values)).with_error(input_id, text))


def _number(request: Request) -> int | None:
    text = request.arg("checkin", 20).lstrip("#")
    return int(text) if text.isdigit() else None


async def _move_form(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    if number is None:
        return Outcome(tell=CHOOSE_TIME, tone="error")
    return Outcome(show=move_form(runtime, number))


async def _move(runtime: Runtime, request: Request) -> Outcome:
    number = _number(request)
    if number is None:
        return Outcome(tell=CHOOSE_TIME, tone="error")
    form = move_form(runtime, number)
    try:
        due = request.value(WHEN) or request.arg("text", 200)
        if not due:
            return Outcome(show=form.with_error(WHEN, CHOOSE_TIME))
        moment: datetime | str = due
        if request.value(WHEN) and datetime.fromisoformat(due).tzinfo is not None:
            moment = datetime.fromisoformat(due)  # exact; else read in the check-in's zone
        done = await scheduling.move(runtime, request.actor, number, moment,
                                     confirmed=_confirmed(request))
    except NeedsConfirmation as asked:
        return Outcome(show=move_form(runtime, number, asked.out))
    except (ScheduleError, ValueError) as error:
        return _refused(request, form, WHEN, str(error))
    return Outcome(show=_done(moved_text(done)))


INTERACTIONS = (
    Interaction(ARRANGE, _arrange, ConsoleCommand("/debrief {person} tomorrow 10:00"),
                opens=_open),
    Interaction(MOVE, _move, ConsoleCommand("/debrief move {checkin} tomorrow 10:00"),
                opens=_move_form),
)
