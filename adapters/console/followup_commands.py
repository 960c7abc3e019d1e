"""Console commands for quick alerts and the private follow-up with the reporter.

  /quick                      a quick alert: alert the lead now, write it up later
  /complete REF               write the full record of your quick alert
  /incomplete                 your quick alerts still to complete
  /ask REF: QUESTION          (leads) ask the reporter privately
  /answer REF [N]             (the reporter) read the question privately, then type the answer
  /answer REF [N]: ANSWER     answer it in one line
  /questions                  your unanswered questions
  /guest NAME                 act as someone not in the config (a guest or volunteer)

Asking, answering and the lists are the core's interactions (bot.followup.interactions,
bot.quick.interactions)."""

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from adapters.console.case_commands import _split
from adapters.console.commands import UsageError
from bot import reporting
from bot.actors import resolve_actor
from bot.cases.case_forms import QUESTION
from bot.followup.cards import ANSWER, ANSWER_INPUT, LIST, OPEN
from bot.quick import cards as quick_cards
from bot.quick.completion import start_completion
from bot.ui.wording import NOTHING_SENT

if TYPE_CHECKING:
    from adapters.console.app import ConsoleSession

Handler = Callable[[tuple[str, ...]], Awaitable[None]]
GUEST_PREFIX = "guest:"
"""Console guests' user ids: a colon never appears in a config person id."""


def _reference_and_number(words: list[str], usage: str) -> dict[str, str]:
    if len(words) not in (1, 2) or (len(words) == 2 and not words[1].lstrip("#").isdigit()):
        raise UsageError(f"Usage: {usage}")
    number = {"number": words[1].lstrip("#")} if len(words) == 2 else {}
    return {"reference": words[0], **number}


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
        await session.perform(quick_cards.LIST)

    async def ask(args: tuple[str, ...]) -> None:
        (ref, *_), text = _split(args, "/ask REFERENCE: your question to the reporter", 1)
        await session.perform("case.ask", {QUESTION: text}, reference=ref)

    async def answer(args: tuple[str, ...]) -> None:
        usage = "/answer REFERENCE [N], or /answer REFERENCE [N]: your answer"
        words, text = _split(args, usage, 1)
        target = _reference_and_number(words, usage)
        if ":" in " ".join(args):
            await session.perform(ANSWER, {ANSWER_INPUT: text}, **target)
        else:
            await session.perform(OPEN, None, **target)

    async def questions(args: tuple[str, ...]) -> None:
        await session.perform(LIST)

    async def guest(args: tuple[str, ...]) -> None:
        if len(args) != 1 or not args[0].replace("-", "").isalnum():
            raise UsageError("Usage: /guest NAME (letters and digits), e.g. /guest sam")
        session.actor = resolve_actor(runtime.config, "console", GUEST_PREFIX + args[0].lower())
        session.write(f"You are now {session.actor.user_id}, a guest not in the config: you "
                      "can report, and follow up your own reports only.")

    return {"quick": quick, "complete": complete, "incomplete": incomplete, "ask": ask,
            "answer": answer, "questions": questions, "guest": guest}


async def answer_line(session: "ConsoleSession", line: str) -> bool:
    """The line after a form with one input is shown is that input (or 'cancel'); False if no
    form awaits it."""
    form = session.pending_answer
    if form is None:
        return False
    session.pending_answer = None
    if line.strip().lower() == "cancel":
        session.write(NOTHING_SENT)
        return True
    await session.perform(form.action, {form.inputs[0].id: line}, **form.arguments)
    return True
