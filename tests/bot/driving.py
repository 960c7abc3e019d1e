"""Driving the core in-process the way an adapter would, answering by step id."""

from bot import reporting
from bot.actors import Actor, resolve_actor
from bot.flow.runner import AnswerInput, Submit
from bot.runtime import Runtime
from bot.ui import Question, Receipt, Reply
from tests.kinds import ReportKind
from tests.scripts import ANSWERS

MAX_STEPS = 60


def actor(runtime: Runtime, person_id: str) -> Actor:
    return resolve_actor(runtime.config, "console", person_id)


def last_question(replies: list[Reply]) -> Question | None:
    questions = [r for r in replies if isinstance(r, Question)]
    return questions[-1] if questions else None


async def file_report(
    runtime: Runtime,
    reporter: Actor,
    kind: ReportKind,
    overrides: dict[str, str] | None = None,
    practice: bool = False,
) -> Receipt:
    """Answer every question from ANSWERS (with overrides), submit, and return the receipt."""
    answers = {**ANSWERS[kind], **(overrides or {})}
    conversation = f"test:{reporter.user_id}"
    replies = await reporting.start(runtime, reporter, conversation, kind, practice)
    replies = await answer_and_submit(runtime, reporter, conversation, replies, answers)
    receipt = next((r for r in replies if isinstance(r, Receipt)), None)
    assert receipt is not None, replies
    return receipt


async def answer_and_submit(runtime: Runtime, reporter: Actor, conversation: str,
                            replies: list[Reply], answers: dict[str, str]) -> list[Reply]:
    """Answer every question shown (by step id), then submit; the replies to submitting."""
    for _ in range(MAX_STEPS):
        question = last_question(replies)
        if question is None:
            break
        if question.error:
            raise AssertionError(f"{question.step_id}: {question.error}")
        replies = await reporting.respond(runtime, reporter, conversation,
                                          AnswerInput(answers[question.step_id]))
    return await reporting.respond(runtime, reporter, conversation, Submit())
