"""Console commands for quick alerts and the private follow-up with the reporter.

  /quick                      a quick alert: alert the lead now, write it up later
  /complete REF               write the full record of your quick alert
  /incomplete                 your quick alerts still to complete
  /ask REF: QUESTION          (leads) ask the reporter privately
  /answer REF [N]             (the reporter) read the question privately, then type the answer
  /answer REF [N]: ANSWER     answer it in one line
  /questions                  your unanswered questions
  /guest NAME                 act as someone not in the config (a guest or volunteer)
"""

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from adapters.console.case_commands import _split
from adapters.console.commands import UsageError
from adapters.console.render import render_lines
from bot import reporting
from bot.actors import resolve_actor
from bot.cases.case_forms import QUESTION
from bot.followup import answers
from bot.quick.completion import incomplete_reports, start_completion
from bot.ui import ReporterQuestion

if TYPE_CHECKING:
    from adapters.console.app import ConsoleSession

Handler = Callable[[tuple[str, ...]], Awaitable[None]]
GUEST_PREFIX = "guest:"
"""Console guests' user ids: a colon never appears in a config person id."""


def _reference_and_number(words: list[str], usage: str) -> tuple[str, int | None]:
    if len(words) not in (1, 2) or (len(words) == 2 and not words[1].lstrip("#").isdigit()):
        raise UsageError(f"Usage: {usage}")
    return words[0], int(words[1].lstrip("#")) if len(words) == 2 else None


def render_question(question: ReporterQuestion) -> str:
    state = "answered already" if question.answered else "waiting for your answer"
    return (f"PRIVATE QUESTION #{question.number} about {question.reference} "
            f"(asked {question.asked_at}; {state}):\n  {question.text}")


def answer_text(result: answers.AnswerResult) -> str:
    return ("" if result.done else "x ") + result.text()


def commands(session: "ConsoleSession") -> dict[str, Handler]:
    runtime = session.runtime

    async def quick(args: tuple[str, ...]) -> None:
        session.show(await reporting.start(runtime, session.actor, session.conversation, None,
                                           practice="practice" in args, quick=True))

    async def complete(args: tuple[str, ...]) -> None:
        if len(args) != 1:
            raise UsageError("Usage: /complete REFERENCE (see /incomplete)")
        session.show(await start_completion(runtime, session.actor, session.conversation,
                                            args[0]))

    async def incomplete(args: tuple[str, ...]) -> None:
        lines = await incomplete_reports(runtime, session.actor)
        if not lines:
            session.write("You have no quick alerts waiting for their full record.")
            return
        session.write("Quick alerts waiting for their full record (/complete REF):")
        session.write(render_lines(lines, session.clock.now()))

    async def ask(args: tuple[str, ...]) -> None:
        (ref, *_), text = _split(args, "/ask REFERENCE: your question to the reporter", 1)
        await session.perform("case.ask", {QUESTION: text}, reference=ref)

    async def answer(args: tuple[str, ...]) -> None:
        usage = "/answer REFERENCE [N], or /answer REFERENCE [N]: your answer"
        words, text = _split(args, usage, 1)
        reference, number = _reference_and_number(words, usage)
        if ":" in " ".join(args):
            session.pending_answer = None
            result = await answers.answer_question(runtime, session.actor, reference, number,
                                                   text)
            session.write(answer_text(result))
            return
        question = await answers.open_question(runtime, session.actor, reference, number)
        if question is None:
            session.write("x " + answers.no_question_to_open(reference))
            return
        session.write(render_question(question))
        if not question.answered:
            session.pending_answer = (question.reference, question.number)
            session.write("Type your answer on the next line ('cancel' to answer later).")

    async def questions(args: tuple[str, ...]) -> None:
        found = await answers.pending_questions(runtime, session.actor)
        if not found:
            session.write("You have no questions waiting for an answer.")
            return
        for reference, number in found:
            session.write(f"  Question #{number} about {reference}: /answer {reference} "
                          f"{number}")

    async def guest(args: tuple[str, ...]) -> None:
        if len(args) != 1 or not args[0].replace("-", "").isalnum():
            raise UsageError("Usage: /guest NAME (letters and digits), e.g. /guest sam")
        session.actor = resolve_actor(runtime.config, "console", GUEST_PREFIX + args[0].lower())
        session.write(f"You are now {session.actor.user_id}, a guest not in the config: you "
                      "can report, and follow up your own reports only.")

    return {"quick": quick, "complete": complete, "incomplete": incomplete, "ask": ask,
            "answer": answer, "questions": questions, "guest": guest}


async def answer_line(session: "ConsoleSession", line: str) -> bool:
    """The line after /answer REF is the answer (or 'cancel'); False if none is awaited."""
    pending = session.pending_answer
    if pending is None:
        return False
    session.pending_answer = None
    if line.strip().lower() == "cancel":
        session.write("Not answered yet; /answer it when you are ready.")
        return True
    result = await answers.answer_question(session.runtime, session.actor, pending[0],
                                           pending[1], line)
    session.write(answer_text(result))
    return True
