"""Driving check-ins in-process: run the workers, read what each person received, answer."""

import dataclasses
from typing import Any

from bot.actors import Actor
from bot.checkins import conversation
from bot.checkins.settings import WellbeingSettings
from bot.delivery import deliver_due
from bot.flow.runner import AnswerInput
from bot.runtime import Runtime
from bot.ui import Question, Reply
from bot.workers import default_handlers, run_due_timers
from tests.bot.driving import actor
from tests.bot.fakes import RecordingTransport

MAX_ROUNDS = 20
ANSWERS = {"how_are_you": "4", "on_your_mind": "not_really", "since_session": "none_of_these",
           "talk_to": "no_thanks", "add_note": "no"}


async def pump(runtime: Runtime, transport: RecordingTransport) -> None:
    """Run due timers and deliver what they queued until nothing more is due now."""
    for _ in range(MAX_ROUNDS):
        fired = await run_due_timers(runtime, default_handlers())
        sent = await deliver_due(runtime, {"console": transport})
        if not fired and not sent:
            return
    raise AssertionError("the workers never settled")


def received(transport: RecordingTransport, person: str, kind: type) -> list[Any]:
    return [i.message for i in transport.to(person) if isinstance(i.message, kind)]


def with_wellbeing(runtime: Runtime, **settings: Any) -> Runtime:
    """The same runtime with other [wellbeing] settings."""
    merged = {**runtime.config.wellbeing.model_dump(), **settings}
    config = runtime.config.model_copy(update={"wellbeing": WellbeingSettings(**merged)})
    return dataclasses.replace(runtime, config=config)


def last_question(replies: list[Reply]) -> Question | None:
    questions = [r for r in replies if isinstance(r, Question)]
    return questions[-1] if questions else None


async def answer_checkin(runtime: Runtime, who: Actor | str, overrides: dict[str, str] | None
                         = None, checkin_id: int | None = None) -> list[Reply]:
    """Begin the person's check-in and answer every question; returns the closing replies."""
    person = actor(runtime, who) if isinstance(who, str) else who
    answers = {**ANSWERS, **(overrides or {})}
    replies = await conversation.begin(runtime, person, checkin_id)
    for _ in range(MAX_ROUNDS):
        question = last_question(replies)
        if question is None:
            return replies
        assert question.error is None, question.error
        replies = await conversation.respond(runtime, person, checkin_id,
                                             AnswerInput(answers.get(question.step_id, "")))
    raise AssertionError("the check-in never finished")
